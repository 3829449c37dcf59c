import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signWebhookBody, verifyWebhookSignature } from "@/lib/pipeline/webhook-signature";

describe("webhook signature", () => {
  it("is sha256= and the hex HMAC-SHA256 of the raw body keyed with the site's secret", () => {
    const body = JSON.stringify({ event: "scan.completed", scan: { id: "s1" } });
    const expected = "sha256=" + createHmac("sha256", "whsec_test").update(body).digest("hex");
    expect(signWebhookBody("whsec_test", body)).toBe(expected);
  });

  it("matches RFC 4231-style known output", () => {
    // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog")
    expect(signWebhookBody("key", "The quick brown fox jumps over the lazy dog")).toBe("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  });

  it("verifies a genuine signature and refuses a changed body, another secret or a missing header", () => {
    const secret = generateWebhookSecret();
    const body = '{"event":"scan.failed"}';
    const sig = signWebhookBody(secret, body);
    expect(verifyWebhookSignature(secret, body, sig)).toBe(true);
    expect(verifyWebhookSignature(secret, body + " ", sig)).toBe(false);
    expect(verifyWebhookSignature(generateWebhookSecret(), body, sig)).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
    expect(verifyWebhookSignature(secret, body, "sha256=00")).toBe(false);
  });

  it("gives every site its own secret", () => {
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
    expect(generateWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  });
});
