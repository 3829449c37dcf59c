import type { Db } from "../db/client";
import { deleteRateWindowsBefore, hitRateWindow } from "../db/rate-limits";
import { countOpenScansByApiKey } from "../db/scans";
import { AppError } from "../errors";

/** Fixed windows of one minute: the limit is configured per minute, and one counter row per key and minute is cheap. */
export const RATE_WINDOW_MS = 60_000;
/** A client over its scan cap is told to come back after this long (scans take tens of seconds at least). */
export const SCAN_CAP_RETRY_AFTER_S = 30;

export interface RateWindow {
  index: number;
  /** seconds until the window resets, at least 1 */
  resetSeconds: number;
}

export function rateWindow(nowMs: number, windowMs = RATE_WINDOW_MS): RateWindow {
  const index = Math.floor(nowMs / windowMs);
  return { index, resetSeconds: Math.max(1, Math.ceil(((index + 1) * windowMs - nowMs) / 1000)) };
}

export interface RateStatus {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/** Counts a request for the key; throws rate_limited (429, Retry-After) past the limit. Shared by every web server. */
export async function enforceRateLimit(db: Db, apiKeyId: string, limit: number, now = Date.now()): Promise<RateStatus> {
  const w = rateWindow(now);
  const bucket = `key:${apiKeyId}`;
  const count = await hitRateWindow(db, bucket, w.index);
  if (count === 1) await deleteRateWindowsBefore(db, bucket, w.index);
  if (count > limit) {
    throw new AppError("rate_limited", `Rate limit of ${limit} requests per minute exceeded; retry in ${w.resetSeconds} s`, {
      details: { retryAfterSeconds: w.resetSeconds, limit },
    });
  }
  return { limit, remaining: limit - count, resetSeconds: w.resetSeconds };
}

/** Refuses a new scan while the key already has `cap` scans queued or running. */
export async function enforceScanCap(db: Db, apiKeyId: string, cap: number): Promise<void> {
  const open = await countOpenScansByApiKey(db, apiKeyId);
  if (open >= cap) {
    throw new AppError("rate_limited", `This API key already has ${open} scans queued or running (limit ${cap}); wait for one to finish`, {
      details: { retryAfterSeconds: SCAN_CAP_RETRY_AFTER_S, limit: cap },
    });
  }
}
