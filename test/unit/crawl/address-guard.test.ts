import { describe, expect, it } from "vitest";
import { isPublicAddress, validateStartUrl } from "@/lib/crawl/address-guard";

describe("private address guard", () => {
  it.each([
    ["127.0.0.1", false], ["10.1.2.3", false], ["172.16.0.1", false], ["192.168.1.1", false], ["169.254.169.254", false],
    ["100.64.0.1", false], ["0.0.0.0", false], ["240.0.0.1", false], ["::1", false], ["fe80::1", false], ["fd00::1", false],
    ["::ffff:127.0.0.1", false], ["::ffff:10.0.0.1", false], ["::", false],
    ["8.8.8.8", true], ["93.184.216.34", true], ["2606:4700:4700::1111", true], ["::ffff:8.8.8.8", true],
  ])("%s public=%s", (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });

  it("refuses loopback and private start URLs unless allowed", async () => {
    await expect(validateStartUrl("http://127.0.0.1:8080/", false)).rejects.toMatchObject({ code: "private_address" });
    await expect(validateStartUrl("http://[::1]/", false)).rejects.toMatchObject({ code: "private_address" });
    await expect(validateStartUrl("http://localhost/", false)).rejects.toMatchObject({ code: "private_address" });
    await expect(validateStartUrl("http://127.0.0.1:8080/", true)).resolves.toBeInstanceOf(URL);
  });

  it("rejects malformed and non-http URLs, and names that do not resolve", async () => {
    await expect(validateStartUrl("not a url", false)).rejects.toMatchObject({ code: "invalid_url" });
    await expect(validateStartUrl("ftp://example.com/", false)).rejects.toMatchObject({ code: "invalid_url" });
    await expect(validateStartUrl("http://does-not-exist.invalid/", false)).rejects.toMatchObject({ code: "unreachable" });
  });
});
