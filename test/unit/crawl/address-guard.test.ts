import { describe, expect, it } from "vitest";
import { isPublicAddress, validateStartUrl } from "@/lib/crawl/address-guard";

describe("private address guard", () => {
  it.each([
    ["127.0.0.1", false], ["10.1.2.3", false], ["172.16.0.1", false], ["192.168.1.1", false], ["169.254.169.254", false],
    ["100.64.0.1", false], ["0.0.0.0", false], ["240.0.0.1", false], ["::1", false], ["fe80::1", false], ["fd00::1", false],
    ["::ffff:127.0.0.1", false], ["::ffff:10.0.0.1", false], ["::", false],
    ["8.8.8.8", true], ["93.184.216.34", true], ["2606:4700:4700::1111", true], ["::ffff:8.8.8.8", true],
    // IPv6 forms that carry an IPv4 address are judged by it
    ["::7f00:1", false], ["::127.0.0.1", false], ["::a00:1", false], ["::808:808", true],
    ["::ffff:0:7f00:1", false], ["::ffff:0:808:808", true],
    ["64:ff9b::7f00:1", false], ["64:ff9b::a9fe:a9fe", false], ["64:ff9b::808:808", true], ["64:ff9b:1::808:808", false],
    ["2002:7f00:1::1", false], ["2002:c0a8:101::1", false], ["2002:808:808::1", true],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", false], ["2001:0:a00:1:8000:63bf:f7f7:f7f7", false], ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", true],
    ["2606:4700::5efe:a00:1", false], ["2606:4700::200:5efe:7f00:1", false], ["2606:4700::5efe:808:808", true],
  ])("%s public=%s", (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });

  it("refuses loopback and private start URLs unless allowed", async () => {
    await expect(validateStartUrl("http://127.0.0.1:8080/", false)).rejects.toMatchObject({ code: "private_address" });
    await expect(validateStartUrl("http://[::1]/", false)).rejects.toMatchObject({ code: "private_address" });
    await expect(validateStartUrl("http://localhost/", false)).rejects.toMatchObject({ code: "private_address" });
    await expect(validateStartUrl("http://127.0.0.1:8080/", true)).resolves.toBeInstanceOf(URL);
    await expect(validateStartUrl("http://[::127.0.0.1]/", false)).rejects.toMatchObject({ code: "private_address" });
    await expect(validateStartUrl("http://[::ffff:10.0.0.1]/", false)).rejects.toMatchObject({ code: "private_address" });
  });

  it("refuses a start URL longer than 2,048 characters", async () => {
    await expect(validateStartUrl(`http://example.com/${"a".repeat(2_030)}`, true)).rejects.toMatchObject({ code: "invalid_url" });
    await expect(validateStartUrl(`http://127.0.0.1/${"a".repeat(2_000)}`, true)).resolves.toBeInstanceOf(URL);
  });

  it("rejects malformed and non-http URLs, and names that do not resolve", async () => {
    await expect(validateStartUrl("not a url", false)).rejects.toMatchObject({ code: "invalid_url" });
    await expect(validateStartUrl("ftp://example.com/", false)).rejects.toMatchObject({ code: "invalid_url" });
    await expect(validateStartUrl("http://does-not-exist.invalid/", false)).rejects.toMatchObject({ code: "unreachable" });
  });
});
