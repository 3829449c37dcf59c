import { describe, expect, it } from "vitest";
import { signShareToken, verifyShareToken } from "@/lib/share/share-token";

const SECRET = "k".repeat(43);

describe("share-link tokens", () => {
  it("verify with the key that signed them and carry the share id and expiry to the second", () => {
    const expires = new Date("2027-03-01T12:00:00.750Z");
    const token = signShareToken(SECRET, "cm4share0001", expires);
    expect(verifyShareToken(SECRET, token)).toEqual({ shareId: "cm4share0001", expiresAt: new Date("2027-03-01T12:00:00Z") });
  });

  it("refuse another key, an edited id or expiry, and anything that is not a token", () => {
    const token = signShareToken(SECRET, "cm4share0001", new Date("2027-03-01T12:00:00Z"));
    const [id, exp, mac] = token.split(".");
    expect(verifyShareToken("x".repeat(43), token)).toBeNull();
    expect(verifyShareToken(SECRET, `cm4share0002.${exp}.${mac}`)).toBeNull();
    expect(verifyShareToken(SECRET, `${id}.${(parseInt(exp, 36) + 86_400).toString(36)}.${mac}`)).toBeNull();
    expect(verifyShareToken(SECRET, `${id}.${exp}`)).toBeNull();
    expect(verifyShareToken(SECRET, "../../etc/passwd")).toBeNull();
  });
});
