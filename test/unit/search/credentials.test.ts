import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { openSecret, parseSecretKey, sealSecret } from "@/lib/search/secret-box";
import { parseServiceAccountKey, signServiceAccountJwt, ASSERTION_LIFETIME_S, SEARCH_CONSOLE_SCOPE } from "@/lib/search/service-account";

const key = crypto.randomBytes(32);
const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const account = { type: "service_account", client_email: "audit@project.iam.gserviceaccount.com", private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), private_key_id: "k1" };

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips, and each sealing uses a fresh nonce", () => {
    const a = sealSecret(key, "the key", "site-1");
    const b = sealSecret(key, "the key", "site-1");
    expect(a).not.toBe(b);
    expect(a.startsWith("v1:")).toBe(true);
    expect(a).not.toContain("the key");
    expect(openSecret(key, a, "site-1")).toBe("the key");
  });

  it("refuses another key, another owner, or a tampered ciphertext", () => {
    const sealed = sealSecret(key, "the key", "site-1");
    expect(() => openSecret(crypto.randomBytes(32), sealed, "site-1")).toThrow(AppError);
    expect(() => openSecret(key, sealed, "site-2")).toThrow(/could not be decrypted/);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => openSecret(key, `v1:${raw.toString("base64")}`, "site-1")).toThrow(AppError);
  });

  it("reads the key as base64 or hex, and says what is wrong with a short one", () => {
    expect(parseSecretKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("hex")).equals(key)).toBe(true);
    expect(() => parseSecretKey("c2hvcnQ=")).toThrow(/32 random bytes/);
  });

  it("validates TOPICGATE_SECRET_KEY when the configuration is read, and leaves it unset when empty", () => {
    expect(parseConfig({ TOPICGATE_SECRET_KEY: key.toString("base64") }).secretKey).toBe(key.toString("base64"));
    expect(parseConfig({ TOPICGATE_SECRET_KEY: "" }).secretKey).toBeUndefined();
    expect(() => parseConfig({ TOPICGATE_SECRET_KEY: "too-short" })).toThrow(/TOPICGATE_SECRET_KEY/);
  });
});

describe("service-account JWT (RS256)", () => {
  it("signs the documented header and claims, verifiable with the account's public key", () => {
    const jwt = signServiceAccountJwt(parseServiceAccountKey(JSON.stringify(account)), "https://oauth2.googleapis.com/token", 1_800_000_000);
    const [h, c, s] = jwt.split(".");
    expect(JSON.parse(Buffer.from(h, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT", kid: "k1" });
    expect(JSON.parse(Buffer.from(c, "base64url").toString())).toEqual({
      iss: account.client_email, scope: SEARCH_CONSOLE_SCOPE, aud: "https://oauth2.googleapis.com/token", iat: 1_800_000_000, exp: 1_800_000_000 + ASSERTION_LIFETIME_S,
    });
    expect(crypto.verify("RSA-SHA256", Buffer.from(`${h}.${c}`), publicKey, Buffer.from(s, "base64url"))).toBe(true);
  });

  it("refuses keys that are not service-account keys or cannot sign RS256", () => {
    expect(() => parseServiceAccountKey("{")).toThrow(/not JSON/);
    expect(() => parseServiceAccountKey({ ...account, type: "authorized_user" })).toThrow(/service_account/);
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(() => parseServiceAccountKey({ ...account, private_key: ec })).toThrow(/RS256 needs RSA/);
  });
});
