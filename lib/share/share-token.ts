import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Share-link tokens: `<share id>.<expiry, unix seconds in base 36>.<HMAC-SHA256 of both>`. The signature lets a forged
 * or edited token be refused without a database read; the share row (checked next) makes a token revocable.
 */

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload, "utf8").digest("base64url");
}

export function signShareToken(secret: string, shareId: string, expiresAt: Date): string {
  const payload = `${shareId}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** The share id and expiry of a well-signed token, or null. Expiry is the caller's to judge (it has the clock). */
export function verifyShareToken(secret: string, token: string): { shareId: string; expiresAt: Date } | null {
  const m = /^([a-z0-9]{1,40})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(mac(secret, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { shareId: m[1], expiresAt: new Date(parseInt(m[2], 36) * 1000) };
}
