import { Prisma } from "../generated/prisma/client";
import type { Db } from "./client";

/**
 * Every database read and write of the crawler, one named function per query. Written against Prisma's model API
 * plus two portable raw statements (INSERT ... ON CONFLICT, valid on SQLite >= 3.24 and PostgreSQL >= 9.5).
 */

type Tx = Prisma.TransactionClient;

export type FrontierState = "queued" | "fetching" | "done" | "failed" | "skipped";

export interface NewFrontierUrl {
  url: string;
  depth: number;
  source: "start" | "link" | "sitemap" | "redirect";
  parentUrl: string | null;
}

export interface ClaimedEntry {
  id: number;
  url: string;
  depth: number;
  source: string;
  parentUrl: string | null;
  attempts: number;
}

/** Rows per INSERT statement: keeps bound parameters (5 per row) under SQLite's 32,766 and PostgreSQL's 65,535. */
const INSERT_CHUNK = 500;

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
  // one lock order for every worker (concurrent inserts of the same keys wait on each other)
  const sorted = [...urls].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
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

/** Gives queued URLs a smaller depth (with the parent that reached them there); claimed and finished rows are not touched. */
async function lowerQueuedDepths(db: Db | Tx, scanId: string, urls: NewFrontierUrl[]): Promise<void> {
  const values = Prisma.join(urls.map((u) => Prisma.sql`(${u.url}, CAST(${u.depth} AS INTEGER), ${u.source}, ${u.parentUrl})`));
  // VALUES columns are named column1..column4 on both SQLite and PostgreSQL
  await db.$executeRaw`UPDATE "FrontierEntry" SET "depth" = v.column2, "source" = v.column3, "parentUrl" = v.column4
    FROM (VALUES ${values}) AS v
    WHERE "FrontierEntry"."scanId" = ${scanId} AND "FrontierEntry"."url" = v.column1
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

/**
 * Claims up to `limit` queued URLs in (depth, id) order in one statement. Breadth-first guarantee: nothing deeper
 * than (shallowest URL being fetched by any worker + 1) is claimed, so when a URL is claimed every page that could
 * link to it from a smaller depth has been fetched and its depth is final. The outer `state = 'queued'` re-check
 * makes the claim atomic between workers (SQLite has one writer; PostgreSQL re-evaluates it on the locked row).
 * One raw statement instead of a find plus N updates: the claim ran once per page and dominated the commit cost.
 */
export async function claimFrontierEntries(db: Db, scanId: string, workerId: string, limit: number, now: Date): Promise<ClaimedEntry[]> {
  const n = Prisma.raw(String(Math.max(1, Math.floor(limit))));
  return db.$queryRaw<ClaimedEntry[]>`UPDATE "FrontierEntry" SET "state" = 'fetching', "claimedBy" = ${workerId}, "claimedAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "state" = 'queued' AND "id" IN (
      SELECT "id" FROM "FrontierEntry" WHERE "scanId" = ${scanId} AND "state" = 'queued'
        AND "depth" <= COALESCE((SELECT MIN("depth") FROM "FrontierEntry" WHERE "scanId" = ${scanId} AND "state" = 'fetching') + 1, "depth")
      ORDER BY "depth", "id" LIMIT ${n})
    RETURNING "id", "url", "depth", "source", "parentUrl", "attempts"`.then((rows) =>
    rows.map((r) => ({ ...r, id: Number(r.id), depth: Number(r.depth), attempts: Number(r.attempts) })).sort((a, b) => a.depth - b.depth || a.id - b.id),
  );
}

/** Marks one claimed entry finished without a page (robots-blocked, out of scope, cancelled back to queued). */
export async function finishFrontierEntry(db: Db, id: number, workerId: string, state: FrontierState, error: string | null): Promise<boolean> {
  const r = await db.frontierEntry.updateMany({
    where: { id, claimedBy: workerId, state: "fetching" },
    data: { state, error, ...(state === "queued" ? { claimedBy: null, claimedAt: null } : {}) },
  });
  return r.count === 1;
}

export interface PageRecord {
  url: string;
  requestedUrl: string;
  depth: number;
  status: number;
  contentType: string | null;
  charset: string | null;
  bytes: number;
  responseMs: number;
  redirectChain: Prisma.InputJsonValue | null;
  title: string | null;
  metaDescription: string | null;
  canonical: string | null;
  headings: Prisma.InputJsonValue | null;
  mainText: string | null;
  wordCount: number;
  language: string | null;
  publishedAt: Date | null;
  modifiedAt: Date | null;
  contentHash: string | null;
  simhash: string | null;
  noindex: boolean;
  nofollow: boolean;
  inSitemap: boolean;
  extra: Prisma.InputJsonValue;
}

export interface LinkRecord {
  toUrl: string;
  anchor: string;
  rel: string | null;
  nofollow: boolean;
  position: string;
  context: string | null;
}

export interface PageCommit {
  scanId: string;
  entryId: number;
  workerId: string;
  entryState: "done" | "failed";
  entryError: string | null;
  page: PageRecord | null;
  links: LinkRecord[];
  discovered: NewFrontierUrl[];
  /** final URL reached through redirects, to be marked done in the frontier */
  redirectTarget: { url: string; depth: number; parentUrl: string } | null;
}

/** Link rows per statement (8 parameters each). */
const LINK_CHUNK = 400;

/**
 * Links go in through a raw multi-row INSERT: Prisma's createMany spends ~10x longer in its query compiler than the
 * database spends inserting (measured on python3.11-doc, ~600 links per page). `(? = 1)` yields a boolean on
 * PostgreSQL and 0/1 on SQLite, the storage each backend uses for Prisma's Boolean.
 */
async function insertLinks(tx: Tx, scanId: string, fromUrl: string, links: LinkRecord[]): Promise<void> {
  for (let i = 0; i < links.length; i += LINK_CHUNK) {
    const values = Prisma.join(
      links
        .slice(i, i + LINK_CHUNK)
        .map((l) => Prisma.sql`(${scanId}, ${fromUrl}, ${l.toUrl}, ${l.anchor}, ${l.rel}, (${l.nofollow ? 1 : 0} = 1), ${l.position}, ${l.context})`),
    );
    await tx.$executeRaw`INSERT INTO "Link" ("scanId", "fromUrl", "toUrl", "anchor", "rel", "nofollow", "position", "context") VALUES ${values}`;
  }
}

export type CommitOutcome = "saved" | "duplicate" | "lost-claim";

class LostClaim extends Error {}

/**
 * One transaction per fetched page: the claim is closed, the page and its links stored, new URLs queued. A page whose
 * final URL (after redirects) is already stored is not stored twice. If another worker took the claim over (lease
 * expired), nothing is written.
 */
/** PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled back and may simply run again. */
const RETRYABLE_SQLSTATES = /\b(40P01|40001)\b/;
const DEADLOCK_RETRIES = 3;

/**
 * Inside an interactive transaction the PostgreSQL adapter throws its own DriverAdapterError (the SQLSTATE in
 * `cause.originalCode`); outside one Prisma wraps it in a known request error with the code in the message.
 */
export function isRetryableTransactionError(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === "object" && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const { code, originalCode, message } = cur as { code?: unknown; originalCode?: unknown; message?: unknown };
    if (typeof originalCode === "string" && RETRYABLE_SQLSTATES.test(originalCode)) return true;
    if (typeof code === "string" && RETRYABLE_SQLSTATES.test(code)) return true;
    if (typeof message === "string" && (RETRYABLE_SQLSTATES.test(message) || /deadlock detected|could not serialize access/.test(message))) return true;
  }
  return false;
}

async function retryOnDeadlock<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const retryable = isRetryableTransactionError(e);
      if (!retryable || attempt > DEADLOCK_RETRIES) throw e;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

/** A deadlock costs PostgreSQL's deadlock_timeout (1 s) before the retry: leave room for a few within one commit. */
const COMMIT_TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

export async function commitFetchedPage(db: Db, c: PageCommit): Promise<CommitOutcome> {
  const run = (allowPage: boolean) =>
    db.$transaction(async (tx) => {
      let outcome: CommitOutcome = "saved";
      if (c.page && allowPage) {
        // only a redirected fetch can land on a URL that is already stored; a direct one is guarded by the unique index (P2002 below)
        const existing = c.redirectTarget
          ? await tx.page.findUnique({ where: { scanId_url: { scanId: c.scanId, url: c.page.url } }, select: { id: true } })
          : null;
        if (existing) outcome = "duplicate";
        else {
          await tx.page.create({
            data: {
              ...c.page,
              scanId: c.scanId,
              redirectChain: c.page.redirectChain ?? Prisma.DbNull,
              headings: c.page.headings ?? Prisma.DbNull,
            },
          });
          if (c.links.length > 0) await insertLinks(tx, c.scanId, c.page.url, c.links);
        }
      } else if (c.page) outcome = "duplicate";
      if (outcome === "saved" && c.discovered.length > 0) await enqueueFrontierUrls(tx, c.scanId, c.discovered);
      if (c.redirectTarget) await markRedirectTargetDone(tx, c.scanId, c.redirectTarget.url, c.redirectTarget.depth, c.redirectTarget.parentUrl);
      // the claim is closed last: another worker's enqueue that meets this row waits for this transaction, so a row
      // written before the enqueue would let two commits wait on each other's claimed entries (PostgreSQL)
      const closed = await tx.$executeRaw`UPDATE "FrontierEntry" SET "state" = ${c.entryState}, "error" = ${c.entryError}
        WHERE "id" = ${c.entryId} AND "claimedBy" = ${c.workerId} AND "state" = 'fetching'`;
      if (closed !== 1) throw new LostClaim();
      return outcome;
    }, COMMIT_TRANSACTION);
  try {
    return await retryOnDeadlock(() => run(true));
  } catch (e) {
    if (e instanceof LostClaim) return "lost-claim";
    // another worker stored the same final URL between our check and insert (PostgreSQL read committed)
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      try {
        return await run(false);
      } catch (e2) {
        if (e2 instanceof LostClaim) return "lost-claim";
        throw e2;
      }
    }
    throw e;
  }
}

export interface CrawlTotals {
  pages: number;
  htmlPages: number;
  failed: number;
  bytes: number;
}

export async function crawlTotals(db: Db, scanId: string): Promise<CrawlTotals> {
  const [agg, html, failed] = await Promise.all([
    db.page.aggregate({ where: { scanId }, _count: { _all: true }, _sum: { bytes: true } }),
    db.page.count({ where: { scanId, mainText: { not: null } } }),
    db.frontierEntry.count({ where: { scanId, state: "failed" } }),
  ]);
  return { pages: agg._count._all, htmlPages: html, failed, bytes: agg._sum.bytes ?? 0 };
}

/** Block hashes of every HTML page (for counting blocks repeated across the site), in id order, a batch at a time. */
export async function listPageBlockHashes(db: Db, scanId: string, afterId: number, take: number): Promise<{ id: number; extra: unknown }[]> {
  return db.page.findMany({
    where: { scanId, mainText: { not: null }, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, extra: true },
  });
}

export async function getPageText(db: Db, id: number): Promise<{ mainText: string | null; extra: unknown } | null> {
  return db.page.findUnique({ where: { id }, select: { mainText: true, extra: true } });
}

export async function updatePageText(
  db: Db,
  id: number,
  data: { mainText: string; wordCount: number; contentHash: string; simhash: string; extra: Prisma.InputJsonValue },
): Promise<void> {
  await db.page.update({ where: { id }, data });
}

export async function markPagesInSitemap(db: Db, scanId: string, urls: string[]): Promise<void> {
  for (let i = 0; i < urls.length; i += INSERT_CHUNK) {
    await db.page.updateMany({ where: { scanId, url: { in: urls.slice(i, i + INSERT_CHUNK) } }, data: { inSitemap: true } });
  }
}

/** Of the given URLs, those with a stored page that no other page of the scan links to. */
export async function findUnlinkedPages(db: Db, scanId: string, urls: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < urls.length; i += INSERT_CHUNK) {
    const chunk = urls.slice(i, i + INSERT_CHUNK);
    const [pages, links] = await Promise.all([
      db.page.findMany({ where: { scanId, url: { in: chunk } }, select: { url: true } }),
      db.link.findMany({ where: { scanId, toUrl: { in: chunk } }, select: { toUrl: true, fromUrl: true } }),
    ]);
    const linked = new Set(links.filter((l) => l.fromUrl !== l.toUrl).map((l) => l.toUrl));
    for (const p of pages) if (!linked.has(p.url)) out.push(p.url);
  }
  return out;
}
