import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { deleteEndedSessions, findSessionByHash, insertSession, revokeSessionByHash, type SessionRow } from "../db/sessions";
import type { Role } from "../db/users";

/** The cookie that carries a dashboard session (HttpOnly, SameSite=Lax; Secure behind https). */
export const SESSION_COOKIE = "tg_session";
/** A session lasts a working week, then its user signs in again. */
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** 256 random bits: nothing to guess, so the stored sha-256 needs no salt (like API keys). */
const TOKEN_BYTES = 32;

export interface Session {
  id: string;
  userId: string;
  email: string;
  workspaceId: string;
  role: Role;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Opens a session; the returned token goes into the cookie and exists nowhere else. */
export async function openSession(db: Db, userId: string, workspaceId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await deleteEndedSessions(db, userId, now);
  await insertSession(db, { tokenHash: hashToken(token), userId, workspaceId, expiresAt });
  return { token, expiresAt };
}

/** The live session of a cookie's token: null when unknown, revoked, expired, or its user left the workspace. */
export async function sessionOfToken(db: Db, token: string | undefined | null, now = new Date()): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const row: SessionRow | null = await findSessionByHash(db, hashToken(token));
  if (!row || row.revokedAt || row.expiresAt <= now || !row.role) return null;
  return { id: row.id, userId: row.userId, email: row.email, workspaceId: row.workspaceId, role: row.role };
}

export async function closeSession(db: Db, token: string | undefined | null): Promise<void> {
  if (token) await revokeSessionByHash(db, hashToken(token));
}

/** The token in a Cookie header. */
export function sessionTokenOf(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === SESSION_COOKIE) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a session (maxAgeSeconds 0 clears it). */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(secure ? ["Secure"] : [])].join("; ");
}
