import type { Db } from "../db/client";
import { deleteRateWindowsBefore, hitRateWindow } from "../db/rate-limits";
import { findUserByEmail, firstMembership } from "../db/users";
import { AppError } from "../errors";
import { rateWindow } from "../api/rate-limit";
import { decoyHash, verifyPassword } from "./password";
import { openSession } from "./sessions";

/** Login attempts are counted in windows of 15 minutes (OWASP's authentication cheat sheet: throttle per account and per source). */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Attempts one email may take per window: enough for typos, far too few to guess a password. */
export const LOGIN_ATTEMPTS_PER_EMAIL = 10;
/** Attempts one address may take per window (an office behind one NAT signs in several people). */
export const LOGIN_ATTEMPTS_PER_IP = 50;

async function countAttempt(db: Db, bucket: string, limit: number, nowMs: number): Promise<void> {
  const w = rateWindow(nowMs, LOGIN_WINDOW_MS);
  const count = await hitRateWindow(db, bucket, w.index);
  if (count === 1) await deleteRateWindowsBefore(db, bucket, w.index);
  if (count > limit) {
    throw new AppError("rate_limited", `Too many sign-in attempts; try again in ${Math.ceil(w.resetSeconds / 60)} min`, { details: { retryAfterSeconds: w.resetSeconds, limit } });
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Checks the password (rate-limited per address and per email) and opens a session in the user's first workspace. */
export async function login(db: Db, input: { email: string; password: string; ip: string }, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const email = normaliseEmail(input.email);
  await countAttempt(db, `login-ip:${input.ip}`, LOGIN_ATTEMPTS_PER_IP, now.getTime());
  await countAttempt(db, `login-email:${email}`, LOGIN_ATTEMPTS_PER_EMAIL, now.getTime());
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  const membership = user && ok ? await firstMembership(db, user.id) : null;
  if (!user || !ok || !membership) throw new AppError("unauthorized", "Wrong email or password");
  return openSession(db, user.id, membership.workspaceId, now);
}
