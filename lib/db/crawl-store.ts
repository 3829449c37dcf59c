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

const byUrl = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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

export interface Claim {
  entries: ClaimedEntry[];
  /** pages of the scan stored by any worker, before this claim */
  stored: number;
  /** URLs being fetched by any worker, before this claim */
  fetching: number;
}

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

/**
 * Rows per link INSERT. Each chunk travels as ONE JSON parameter expanded by the database (`json_each` and `->>` mean
 * the same on SQLite >= 3.38 and PostgreSQL): bound one by one, 8 parameters a link, python3.11-doc's 105k links took
 * 2.9 CPU-s through Prisma against 1.3 s as JSON, of which SQLite's own inserting is 0.8 s.
 */
const LINK_CHUNK = 2_000;

/**
 * JSON text both backends read back as the same strings: JSON.stringify escapes lone surrogates and NUL, which
 * PostgreSQL refuses to turn into text; they become U+FFFD, as a text parameter's UTF-8 encoding would make them.
 */
function portableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes("\\u") ? json.replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, "$1\\ufffd") : json;
}

/** `(? = 1)` yields a boolean on PostgreSQL and 0/1 on SQLite, the storage each backend uses for Prisma's Boolean. */
const bool = (b: boolean): Prisma.Sql => Prisma.sql`(${b ? 1 : 0} = 1)`;

interface LinkRow {
  fromUrl: string;
  link: LinkRecord;
}

async function insertLinks(tx: Tx, scanId: string, rows: LinkRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += LINK_CHUNK) {
    // an object keyed by position, not an array: json_each walks objects on both backends (arrays only on SQLite)
    const chunk: Record<number, unknown[]> = {};
    rows.slice(i, i + LINK_CHUNK).forEach(({ fromUrl, link: l }, k) => {
      chunk[k] = [fromUrl, l.toUrl, l.anchor, l.rel, l.nofollow ? "1" : "0", l.position, l.context];
    });
    await tx.$executeRaw`INSERT INTO "Link" ("scanId", "fromUrl", "toUrl", "anchor", "rel", "nofollow", "position", "context")
      SELECT ${scanId}, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, (j.value ->> 4) = '1', j.value ->> 5, j.value ->> 6
      FROM json_each(${portableJson(chunk)}) AS j ORDER BY CAST(j.key AS INTEGER)`;
  }
}

/** Columns of a stored page, in INSERT order (`satisfies` fails to compile when PageRecord gains or loses a field). */
const PAGE_COLUMNS = Object.keys({
  url: 1, requestedUrl: 1, depth: 1, status: 1, contentType: 1, charset: 1, bytes: 1, responseMs: 1, redirectChain: 1,
  title: 1, metaDescription: 1, canonical: 1, headings: 1, mainText: 1, wordCount: 1, language: 1, publishedAt: 1,
  modifiedAt: 1, contentHash: 1, simhash: 1, noindex: 1, nofollow: 1, inSitemap: 1, extra: 1,
} satisfies Record<keyof PageRecord, 1>) as (keyof PageRecord)[];
const JSON_COLUMNS = new Set<string>(["redirectChain", "headings", "extra"]);
const PAGE_COLUMN_LIST = Prisma.raw([...PAGE_COLUMNS, "scanId", "fetchedAt"].map((c) => `"${c}"`).join(", "));

function pageValue(page: PageRecord, column: keyof PageRecord): unknown {
  const v = page[column];
  if (v === null) return null;
  if (typeof v === "boolean") return bool(v);
  return JSON_COLUMNS.has(column) ? portableJson(v) : v;
}

/**
 * One multi-row INSERT for the pages of a commit (Prisma's create spent more in its query compiler than the database
 * in storing). A URL another worker already stored is skipped (`DO NOTHING`); returns the URLs inserted.
 */
async function insertPages(tx: Tx, scanId: string, pages: PageRecord[]): Promise<Set<string>> {
  if (pages.length === 0) return new Set();
  const now = new Date();
  const values = Prisma.join(pages.map((p) => Prisma.sql`(${Prisma.join(PAGE_COLUMNS.map((c) => pageValue(p, c)))}, ${scanId}, ${now})`));
  const rows = await tx.$queryRaw<{ url: string }[]>`INSERT INTO "Page" (${PAGE_COLUMN_LIST}) VALUES ${values}
    ON CONFLICT ("scanId", "url") DO NOTHING RETURNING "url"`;
  return new Set(rows.map((r) => r.url));
}

export type CommitOutcome = "saved" | "duplicate" | "lost-claim";

class LostClaims extends Error {
  constructor(readonly entryIds: Set<number>) {
    super(`claims no longer held: ${[...entryIds].join(", ")}`);
  }
}

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

/**
 * Closes this worker's claims on the committed entries, in id order; throws LostClaims (rolling the whole commit
 * back) when another worker took one over after its lease expired.
 */
async function closeClaims(tx: Tx, commits: PageCommit[]): Promise<void> {
  const sorted = [...commits].sort((a, b) => a.entryId - b.entryId);
  const values = Prisma.join(sorted.map((c) => Prisma.sql`(CAST(${c.entryId} AS INTEGER), ${c.entryState}, ${c.entryError})`));
  const closed = await tx.$queryRaw<{ id: number }[]>`UPDATE "FrontierEntry" SET "state" = v.column2, "error" = v.column3
    FROM (VALUES ${values}) AS v
    WHERE "FrontierEntry"."id" = v.column1 AND "FrontierEntry"."claimedBy" = ${sorted[0].workerId} AND "FrontierEntry"."state" = 'fetching'
    RETURNING "FrontierEntry"."id"`;
  if (closed.length === commits.length) return;
  const ids = new Set(closed.map((r) => Number(r.id)));
  throw new LostClaims(new Set(sorted.filter((c) => !ids.has(c.entryId)).map((c) => c.entryId)));
}

/**
 * Writes a batch of fetched pages in one transaction, every statement in one lock order shared by all workers (pages
 * and URLs sorted, this worker's claims closed last). The first commit of a final URL stores the page; a later one, or
 * one whose URL another worker stored, is a duplicate and adds neither links nor URLs.
 */
async function writeCommits(tx: Tx, commits: PageCommit[]): Promise<Map<PageCommit, CommitOutcome>> {
  const scanId = commits[0].scanId;
  const outcomes = new Map<PageCommit, CommitOutcome>();
  const firstByUrl = new Map<string, PageCommit>();
  for (const c of commits) {
    if (!c.page) outcomes.set(c, "saved");
    else if (firstByUrl.has(c.page.url)) outcomes.set(c, "duplicate");
    else firstByUrl.set(c.page.url, c);
  }
  const toStore = [...firstByUrl.values()].sort((a, b) => byUrl(a.page!.url, b.page!.url));
  const stored = await insertPages(tx, scanId, toStore.map((c) => c.page!));
  for (const c of toStore) outcomes.set(c, stored.has(c.page!.url) ? "saved" : "duplicate");
  const saved = commits.filter((c) => outcomes.get(c) === "saved");
  const links = saved.flatMap((c) => (c.page ? c.links.map((link) => ({ fromUrl: c.page!.url, link })) : []));
  if (links.length > 0) await insertLinks(tx, scanId, links);
  const discovered = saved.flatMap((c) => c.discovered);
  if (discovered.length > 0) await enqueueFrontierUrls(tx, scanId, discovered);
  const redirects = commits.flatMap((c) => (c.redirectTarget ? [c.redirectTarget] : [])).sort((a, b) => byUrl(a.url, b.url));
  for (const r of redirects) await markRedirectTargetDone(tx, scanId, r.url, r.depth, r.parentUrl);
  // claims close last: another worker's enqueue that meets one of these rows waits for this transaction, so a claim
  // row written earlier would let two commits wait on each other's claimed entries (PostgreSQL)
  await closeClaims(tx, commits);
  // the tally row is locked last and by commits only (a claim reads it without locking), so it adds no lock cycle
  if (stored.size > 0) await addToCrawlTally(tx, scanId, stored.size);
  return outcomes;
}

/** Adds newly stored pages to the scan's tally (the page cap's count, see claimFrontierEntries). */
async function addToCrawlTally(tx: Tx, scanId: string, pages: number): Promise<void> {
  await tx.$executeRaw`INSERT INTO "CrawlTally" ("scanId", "pages") VALUES (${scanId}, ${pages})
    ON CONFLICT ("scanId") DO UPDATE SET "pages" = "CrawlTally"."pages" + excluded."pages"`;
}

/**
 * Stores fetched pages (all of one scan and one worker): pages, links and newly found URLs, with each claim closed in
 * the same transaction, so a killed worker leaves every page either stored with its claim closed or still claimed.
 * An entry whose claim this worker lost (lease expired, another worker took it over) writes nothing; the rest of the
 * batch is committed without it.
 */
export async function commitFetchedPages(db: Db, commits: PageCommit[]): Promise<CommitOutcome[]> {
  const outcomes = new Map<PageCommit, CommitOutcome>();
  let open = commits;
  while (open.length > 0) {
    try {
      const batch = open;
      const written = await retryOnDeadlock(() => db.$transaction((tx) => writeCommits(tx, batch), COMMIT_TRANSACTION));
      for (const [c, o] of written) outcomes.set(c, o);
      break;
    } catch (e) {
      if (!(e instanceof LostClaims)) throw e;
      for (const c of open) if (e.entryIds.has(c.entryId)) outcomes.set(c, "lost-claim");
      open = open.filter((c) => !e.entryIds.has(c.entryId));
    }
  }
  return commits.map((c) => outcomes.get(c)!);
}

/** One fetched page: see commitFetchedPages. */
export async function commitFetchedPage(db: Db, c: PageCommit): Promise<CommitOutcome> {
  return (await commitFetchedPages(db, [c]))[0];
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

/** Main text and extra fields of the given pages. */
export async function listPageTexts(db: Db, ids: number[]): Promise<{ id: number; mainText: string | null; extra: unknown }[]> {
  return db.page.findMany({ where: { id: { in: ids } }, select: { id: true, mainText: true, extra: true } });
}

export interface PageTextUpdate {
  id: number;
  mainText: string;
  wordCount: number;
  contentHash: string;
  simhash: string;
  extra: Prisma.InputJsonValue;
}

/**
 * Rewrites the text of many pages in one statement, the rows travelling as one JSON parameter (one update per page
 * cost more than the crawl's own commits on python3.11-doc). `->` yields JSON on both backends, which PostgreSQL
 * assigns to jsonb.
 */
export async function updatePageTexts(db: Db, updates: PageTextUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const rows = Object.fromEntries(updates.map(({ id, ...u }) => [id, u]));
  await db.$executeRaw`UPDATE "Page" SET "mainText" = j.value ->> 'mainText', "wordCount" = CAST(j.value ->> 'wordCount' AS INTEGER),
      "contentHash" = j.value ->> 'contentHash', "simhash" = j.value ->> 'simhash', "extra" = j.value -> 'extra'
    FROM json_each(${portableJson(rows)}) AS j WHERE "Page"."id" = CAST(j.key AS INTEGER)`;
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
