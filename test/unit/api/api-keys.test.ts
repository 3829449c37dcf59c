import { describe, expect, it } from "vitest";
import { API_KEY_PREFIX, bearerKey, generateApiKey, hashApiKey, verifyApiKey } from "@/lib/api/api-keys";
import { AppError } from "@/lib/errors";

describe("API key hashing", () => {
  it("generates a prefixed random key whose shown prefix and sha-256 hash are stored instead of it", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(a.key).toHaveLength(API_KEY_PREFIX.length + 32);
    expect(a.key).not.toBe(b.key);
    expect(a.prefix).toBe(a.key.slice(0, 11));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.key.slice(3));
  });

  it("hashes with sha-256 (a known vector)", () => {
    expect(hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("verifies the right key and refuses any other, including a truncated hash", () => {
    const { key, hash } = generateApiKey();
    expect(verifyApiKey(key, hash)).toBe(true);
    expect(verifyApiKey(key + "x", hash)).toBe(false);
    expect(verifyApiKey(generateApiKey().key, hash)).toBe(false);
    expect(verifyApiKey(key, hash.slice(0, 32))).toBe(false);
  });

  it("reads the key of a Bearer header and says what is wrong otherwise", () => {
    expect(bearerKey("Bearer tg_abc")).toBe("tg_abc");
    expect(bearerKey("bearer   tg_abc ")).toBe("tg_abc");
    expect(() => bearerKey(null)).toThrow(/Missing API key/);
    expect(() => bearerKey("Basic dXNlcjpwYXNz")).toThrow(/Bearer/);
    try {
      bearerKey("");
    } catch (e) {
      expect((e as AppError).code).toBe("unauthorized");
    }
  });
});
