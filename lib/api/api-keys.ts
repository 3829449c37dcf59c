import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/client";
import { findApiKeyByHash, insertApiKey, touchApiKey, type ApiKeyRow, type KeyScope } from "../db/api-keys";
import { AppError } from "../errors";

/** Keys read `tg_` + 32 base64url characters (192 random bits): recognisable in logs and secret scanners. */
export const API_KEY_PREFIX = "tg_";
const KEY_BYTES = 24;
/** Characters kept in clear (prefix + 8) so a user can tell keys apart in lists; 48 bits reveal nothing useful. */
const SHOWN_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
/** lastUsedAt is written at most this often per key: a minute's precision spares a write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = API_KEY_PREFIX + randomBytes(KEY_BYTES).toString("base64url");
  return { key, hash: hashApiKey(key), prefix: key.slice(0, SHOWN_PREFIX_LENGTH) };
}

/** sha-256 hex: keys are long random strings, so a fast unsalted hash is enough (no dictionary to attack). */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function verifyApiKey(key: string, storedHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Creates a named key of a workspace; the returned `key` is the only time it exists in clear. */
export async function createApiKey(db: Db, name: string, workspaceId: string, scope: KeyScope = "write"): Promise<{ key: string; apiKey: ApiKeyRow }> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("invalid_input", "An API key needs a name");
  const generated = generateApiKey();
  const apiKey = await insertApiKey(db, { name: trimmed, hash: generated.hash, prefix: generated.prefix, workspaceId, scope });
  return { key: generated.key, apiKey };
}

/** The key of an `Authorization: Bearer <key>` header, or an unauthorized error saying what is wrong. */
export function bearerKey(authorization: string | null): string {
  if (!authorization) throw new AppError("unauthorized", "Missing API key: send the header Authorization: Bearer <key>");
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) throw new AppError("unauthorized", "Malformed Authorization header: expected Bearer <key>");
  return m[1];
}

export async function authenticate(db: Db, authorization: string | null, now = new Date()): Promise<ApiKeyRow> {
  const key = bearerKey(authorization);
  const row = key.startsWith(API_KEY_PREFIX) ? await findApiKeyByHash(db, hashApiKey(key)) : null;
  if (!row) throw new AppError("unauthorized", "Invalid API key");
  if (row.revokedAt) throw new AppError("unauthorized", "This API key was revoked");
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await touchApiKey(db, row.id, now);
    row.lastUsedAt = now;
  }
  return row;
}
