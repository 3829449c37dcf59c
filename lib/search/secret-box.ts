import crypto from "node:crypto";
import { AppError } from "../errors";

/**
 * Secrets at rest (the Search Console connector's service-account key): AES-256-GCM (NIST SP 800-38D) with a 96-bit
 * random nonce per message and the 128-bit tag, the owner's id as additional data so a ciphertext cannot be moved to
 * another row. Stored as "v1:" + base64(nonce | tag | ciphertext).
 */

const VERSION = "v1";
/** SP 800-38D 8.2: 96-bit nonces, random, never reused with one key. */
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

/** The 32-byte key from its configured text: base64 (44 characters) or hex (64). */
export function parseSecretKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== SECRET_KEY_BYTES) {
    throw new AppError("invalid_input", `TOPICGATE_SECRET_KEY must be ${SECRET_KEY_BYTES} random bytes as base64 or hex (e.g. the output of \`openssl rand -base64 32\`); it decodes to ${key.length} bytes`);
  }
  return key;
}

export function sealSecret(key: Buffer, plaintext: string, owner: string): string {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(owner, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function openSecret(key: Buffer, sealed: string, owner: string): string {
  const [version, data] = sealed.split(":", 2);
  if (version !== VERSION || !data) throw new AppError("internal", "A stored secret has an unknown format");
  const raw = Buffer.from(data, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(owner, "utf8"));
  decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new AppError("not_configured", "A stored secret could not be decrypted: TOPICGATE_SECRET_KEY is not the key it was stored with", { cause });
  }
}
