import { Prisma } from "../generated/prisma/client";
import type { Db } from "./client";

/**
 * Counts one request in a fixed window and returns the window's count after it. One portable statement
 * (INSERT ... ON CONFLICT ... RETURNING: SQLite >= 3.35, PostgreSQL >= 9.5), so concurrent web servers never lose a hit.
 */
export async function hitRateWindow(db: Db, bucket: string, windowIndex: number): Promise<number> {
  const rows = await db.$queryRaw<{ count: number | bigint }[]>(Prisma.sql`INSERT INTO "RateLimitWindow" ("bucket", "windowIndex", "count") VALUES (${bucket}, ${windowIndex}, 1)
    ON CONFLICT ("bucket", "windowIndex") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1 RETURNING "count"`);
  return Number(rows[0]?.count ?? 1);
}

/** Drops the bucket's finished windows (called when a bucket opens a new window, so the table stays small). */
export async function deleteRateWindowsBefore(db: Db, bucket: string, windowIndex: number): Promise<void> {
  await db.rateLimitWindow.deleteMany({ where: { bucket, windowIndex: { lt: windowIndex } } });
}
