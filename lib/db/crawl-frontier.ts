import { Prisma } from "../generated/prisma/client";
import type { ClaimedEntry, Claim, FrontierState, NewFrontierUrl } from "../crawl/store";
import type { Db } from "./client";
import { byUrl, INSERT_CHUNK } from "./raw-sql";
import { COMMIT_TRANSACTION, retryOnDeadlock } from "./transaction-retry";

/**
 * The crawl frontier's reads and writes, one named function per query. Written against Prisma's model API plus
 * portable raw statements (INSERT ... ON CONFLICT, valid on SQLite >= 3.24 and PostgreSQL >= 9.5).
 */

export type Tx = Prisma.TransactionClient;

/**
 * Queues URLs; a URL already queued at a greater depth takes the smaller depth (breadth-first correctness when
 * several pages finish out of order). Rows already claimed or finished are left alone.
 *
 * Two statements instead of one `ON CONFLICT DO UPDATE ... WHERE`: PostgreSQL locks every conflicting row of an
 * upsert even when its WHERE is false, so two workers committing pages that share navigation links held each other's
 * rows (including their own claimed entries) and deadlocked. `DO NOTHING` locks nothing; the follow-up UPDATE touches
 * only the conflicting rows that are still queued at a greater depth, which is rare.
 */
export async function enqueueFrontierUrls(db: Db | Tx, scanId: string, urls: NewFrontierUrl[]): Promise<void> {
  // one row per URL (its smallest depth), in one lock order for every worker (concurrent inserts of the same keys
  // wait on each other)
  const shallowest = new Map<string, NewFrontierUrl>();
  for (const u of urls) {
    const seen = shallowest.get(u.url);
    if (seen === undefined || u.depth < seen.depth) shallowest.set(u.url, u);
  }
  const sorted = [...shallowest.values()].sort((a, b) => byUrl(a.url, b.url));
  for (let i = 0; i < sorted.length; i += INSERT_CHUNK) {
    const chunk = sorted.slice(i, i + INSERT_CHUNK);
    const values = Prisma.join(chunk.map((u) => Prisma.sql`(${scanId}, ${u.url}, ${u.depth}, ${u.source}, ${u.parentUrl}, 'queued', 0)`));
    const inserted = await db.$queryRaw<{ url: string }[]>`INSERT INTO "FrontierEntry" ("scanId", "url", "depth", "source", "parentUrl", "state", "attempts") VALUES ${values}
      ON CONFLICT ("scanId", "url") DO NOTHING RETURNING "url"`;
    if (inserted.length === chunk.length) continue;
    const insertedUrls = new Set(inserted.map((r) => r.url));
    const conflicting = chunk.filter((u) => !insertedUrls.has(u.url));
    await lowerQueuedDepths(db, scanId, conflicting);
  }
}

/**
 * Gives queued URLs a smaller depth (with the parent that reached them there); claimed and finished rows are not
 * touched. A read through the (scanId, url) index first: lowering is rare, and an UPDATE ... FROM VALUES of a few
 * hundred rows is planned by PostgreSQL as a hash join over the whole frontier, once per commit. The read filters the
 * state here, not in SQL: with `state = 'queued'` in the WHERE, PostgreSQL walked the (scanId, state, depth, id) index
 * over every queued URL of the scan, a cost that grew with the frontier (the top statement of a 100,000-page crawl).
 */
async function lowerQueuedDepths(db: Db | Tx, scanId: string, urls: NewFrontierUrl[]): Promise<void> {
  const current = await db.$queryRaw<{ url: string; depth: number | bigint; state: string }[]>`SELECT "url", "depth", "state" FROM "FrontierEntry"
    WHERE "scanId" = ${scanId} AND "url" IN (${Prisma.join(urls.map((u) => u.url))})`;
  const depthOf = new Map(current.filter((r) => r.state === "queued").map((r) => [r.url, Number(r.depth)]));
  const lower = urls.filter((u) => (depthOf.get(u.url) ?? -1) > u.depth);
  if (lower.length === 0) return;
  const values = Prisma.join(lower.map((u) => Prisma.sql`(${u.url}, CAST(${u.depth} AS INTEGER), ${u.source}, ${u.parentUrl})`));
  // VALUES columns are named column1..column4 on both SQLite and PostgreSQL; the IN list keeps the plan on the index
  await db.$executeRaw`UPDATE "FrontierEntry" SET "depth" = v.column2, "source" = v.column3, "parentUrl" = v.column4
    FROM (VALUES ${values}) AS v
    WHERE "FrontierEntry"."scanId" = ${scanId} AND "FrontierEntry"."url" IN (${Prisma.join(lower.map((u) => u.url))}) AND "FrontierEntry"."url" = v.column1
      AND "FrontierEntry"."state" = 'queued' AND "FrontierEntry"."depth" > v.column2`;
}

/** Records a URL that was reached through a redirect (so it is not fetched again) as done. */
export async function markRedirectTargetDone(tx: Tx, scanId: string, url: string, depth: number, parentUrl: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO "FrontierEntry" ("scanId", "url", "depth", "source", "parentUrl", "state", "attempts") VALUES (${scanId}, ${url}, ${depth}, 'redirect', ${parentUrl}, 'done', 0)
    ON CONFLICT ("scanId", "url") DO UPDATE SET "state" = 'done' WHERE "FrontierEntry"."state" = 'queued'`;
}

export async function countFrontierByState(db: Db, scanId: string): Promise<Record<FrontierState, number>> {
  const rows = await db.frontierEntry.groupBy({ by: ["state"], where: { scanId }, _count: { _all: true } });
  const out: Record<FrontierState, number> = { queued: 0, fetching: 0, done: 0, failed: 0, skipped: 0 };
  for (const r of rows) out[r.state as FrontierState] = r._count._all;
  return out;
}

/** Everything already known about a scan's frontier (a resumed worker rebuilds its in-memory view from this). */
export async function listFrontierUrls(db: Db, scanId: string): Promise<{ url: string; depth: number; state: string }[]> {
  return db.frontierEntry.findMany({ where: { scanId }, select: { url: true, depth: true, state: true } });
}

/** Puts claims whose holder stopped renewing them (killed worker), or that this worker held before a restart, back in the queue. */
export async function requeueStaleClaims(db: Db, scanId: string, staleBefore: Date, workerId: string): Promise<number> {
  const r = await db.frontierEntry.updateMany({
    where: { scanId, state: "fetching", OR: [{ claimedAt: { lt: staleBefore } }, { claimedAt: null }, { claimedBy: workerId }] },
    data: { state: "queued", claimedBy: null, claimedAt: null },
  });
  return r.count;
}

/** Heartbeat: keeps this worker's claims from being taken over while it is alive. */
export async function renewClaims(db: Db, scanId: string, workerId: string, now: Date): Promise<void> {
  await db.frontierEntry.updateMany({ where: { scanId, state: "fetching", claimedBy: workerId }, data: { claimedAt: now } });
}

/** Depth bound of a claim when no URL is being fetched (any queued URL may be claimed). */
const MAX_DEPTH_BOUND = 2_147_483_647;

/**
 * Claims up to `limit` queued URLs in (depth, id) order, and never so many that stored pages plus URLs being fetched
 * by all workers exceed `maxPages`. Claims of one scan take turns: the first statement locks the scan's row, so the
 * count the next statement reads includes every earlier claim (PostgreSQL; SQLite has one writer anyway).
 *
 * Breadth-first guarantee: nothing deeper than (shallowest URL being fetched by any worker + 1) is claimed, so when a
 * URL is claimed every page that could link to it from a smaller depth has been fetched and its depth is final. The
 * update's `state = 'queued'` re-check keeps the claim atomic against requeues; claims themselves take turns.
 */
export async function claimFrontierEntries(db: Db, scanId: string, workerId: string, limit: number, now: Date, maxPages = Number.MAX_SAFE_INTEGER): Promise<Claim> {
  return retryOnDeadlock(() => db.$transaction((tx) => claimIn(tx, scanId, workerId, limit, now, maxPages), COMMIT_TRANSACTION));
}

async function claimIn(tx: Tx, scanId: string, workerId: string, limit: number, now: Date, maxPages: number): Promise<Claim> {
  await tx.$executeRaw`UPDATE "Scan" SET "status" = "status" WHERE "id" = ${scanId}`;
  // one statement, one snapshot: a commit turns its claims into stored pages and bumps the tally atomically
  const [counts] = await tx.$queryRaw<{ stored: number | bigint; fetching: number | bigint; shallowest: number | bigint | null }[]>`SELECT
    COALESCE((SELECT "pages" FROM "CrawlTally" WHERE "scanId" = ${scanId}), 0) AS "stored", COUNT(*) AS "fetching", MIN("depth") AS "shallowest"
    FROM "FrontierEntry" WHERE "scanId" = ${scanId} AND "state" = 'fetching'`;
  const stored = Number(counts.stored);
  const fetching = Number(counts.fetching);
  const room = Math.min(Math.floor(limit), maxPages - stored - fetching);
  if (room <= 0) return { entries: [], stored, fetching };
  const maxDepth = counts.shallowest === null ? MAX_DEPTH_BOUND : Number(counts.shallowest) + 1;
  // The pick and the update are two statements. PostgreSQL does not hold one statement's
  // `UPDATE ... WHERE id IN (SELECT ... LIMIT n)` to n rows: while other transactions changed the frontier it claimed
  // thousands of URLs at once on a 100,000-page crawl. The depth bound is a plain value (not an expression of another
  // column) so the (scanId, state, depth, id) index yields the rows in order and the LIMIT stops the scan early.
  const picked = await tx.$queryRaw<{ id: number | bigint }[]>`SELECT "id" FROM "FrontierEntry"
    WHERE "scanId" = ${scanId} AND "state" = 'queued' AND "depth" <= ${maxDepth}
    ORDER BY "depth", "id" LIMIT ${Prisma.raw(String(room))}`;
  if (picked.length === 0) return { entries: [], stored, fetching };
  const rows = await tx.$queryRaw<ClaimedEntry[]>`UPDATE "FrontierEntry" SET "state" = 'fetching', "claimedBy" = ${workerId}, "claimedAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "id" IN (${Prisma.join(picked.map((r) => Number(r.id)))}) AND "state" = 'queued'
    RETURNING "id", "url", "depth", "source", "parentUrl", "attempts"`;
  const entries = rows
    .map((r) => ({ ...r, id: Number(r.id), depth: Number(r.depth), attempts: Number(r.attempts) }))
    .sort((a, b) => a.depth - b.depth || a.id - b.id);
  return { entries, stored, fetching };
}

/** Marks one claimed entry finished without a page (robots-blocked, out of scope, cancelled back to queued). */
export async function finishFrontierEntry(db: Db, id: number, workerId: string, state: FrontierState, error: string | null): Promise<boolean> {
  const r = await db.frontierEntry.updateMany({
    where: { id, claimedBy: workerId, state: "fetching" },
    data: { state, error, ...(state === "queued" ? { claimedBy: null, claimedAt: null } : {}) },
  });
  return r.count === 1;
}

