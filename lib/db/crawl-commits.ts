import { Prisma } from "../generated/prisma/client";
import type { CommitOutcome, CrawlTotals, LinkRecord, PageCommit, PageRecord } from "../crawl/store";
import type { Db } from "./client";
import { enqueueFrontierUrls, markRedirectTargetDone, type Tx } from "./crawl-frontier";
import { insertFields } from "./page-fields";
import { bool, byUrl, INSERT_CHUNK, portableJson } from "./raw-sql";
import { COMMIT_TRANSACTION, retryOnDeadlock } from "./transaction-retry";

/** Fetched pages stored with their links and found URLs, each batch in one transaction (retried on deadlock). */

/**
 * Rows per link INSERT. Each chunk travels as ONE JSON parameter expanded by the database (`json_each` and `->>` mean
 * the same on SQLite >= 3.38 and PostgreSQL): bound one by one, 8 parameters a link, python3.11-doc's 105k links took
 * 2.9 CPU-s through Prisma against 1.3 s as JSON, of which SQLite's own inserting is 0.8 s.
 */
const LINK_CHUNK = 2_000;

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
 * URLs whose redirects reached a page already stored (by an earlier fetch, another worker, or this batch): the page keeps
 * the first URL as its requestedUrl, the others are recorded here so links written to any of them resolve.
 */
async function insertRedirectAliases(tx: Tx, scanId: string, pages: PageRecord[]): Promise<void> {
  if (pages.length === 0) return;
  const sorted = [...pages].sort((a, b) => byUrl(a.requestedUrl, b.requestedUrl));
  const values = Prisma.join(sorted.map((p) => Prisma.sql`(${scanId}, ${p.requestedUrl}, ${p.url}, ${p.redirectChain === null ? null : portableJson(p.redirectChain)})`));
  await tx.$executeRaw`INSERT INTO "RedirectAlias" ("scanId", "requestedUrl", "url", "redirectChain") VALUES ${values}
    ON CONFLICT ("scanId", "requestedUrl") DO NOTHING`;
}

/**
 * One multi-row INSERT for the pages of a commit (Prisma's create spent more in its query compiler than the database
 * in storing). A URL another worker already stored is skipped (`DO NOTHING`); returns the inserted pages' ids by URL.
 */
async function insertPages(tx: Tx, scanId: string, pages: PageRecord[]): Promise<Map<string, number>> {
  if (pages.length === 0) return new Map();
  const now = new Date();
  const values = Prisma.join(pages.map((p) => Prisma.sql`(${Prisma.join(PAGE_COLUMNS.map((c) => pageValue(p, c)))}, ${scanId}, ${now})`));
  const rows = await tx.$queryRaw<{ url: string; id: number }[]>`INSERT INTO "Page" (${PAGE_COLUMN_LIST}) VALUES ${values}
    ON CONFLICT ("scanId", "url") DO NOTHING RETURNING "url", "id"`;
  return new Map(rows.map((r) => [r.url, Number(r.id)]));
}

class LostClaims extends Error {
  constructor(readonly entryIds: Set<number>) {
    super(`claims no longer held: ${[...entryIds].join(", ")}`);
  }
}

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
  const fields = toStore.flatMap((c) => (c.fields && stored.has(c.page!.url) ? [{ pageId: stored.get(c.page!.url)!, fields: c.fields }] : []));
  if (fields.length > 0) await insertFields(tx, scanId, fields);
  const links = saved.flatMap((c) => (c.page ? c.links.map((link) => ({ fromUrl: c.page!.url, link })) : []));
  if (links.length > 0) await insertLinks(tx, scanId, links);
  const discovered = saved.flatMap((c) => c.discovered);
  if (discovered.length > 0) await enqueueFrontierUrls(tx, scanId, discovered);
  await insertRedirectAliases(tx, scanId, commits.filter((c) => outcomes.get(c) === "duplicate" && c.page !== null && c.page.requestedUrl !== c.page.url).map((c) => c.page!));
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

export async function crawlTotals(db: Db, scanId: string): Promise<CrawlTotals> {
  const [agg, html, failed] = await Promise.all([
    db.page.aggregate({ where: { scanId }, _count: { _all: true }, _sum: { bytes: true } }),
    db.page.count({ where: { scanId, mainText: { not: null } } }),
    db.frontierEntry.count({ where: { scanId, state: "failed" } }),
  ]);
  return { pages: agg._count._all, htmlPages: html, failed, bytes: agg._sum.bytes ?? 0 };
}

export async function markPagesInSitemap(db: Db, scanId: string, urls: string[]): Promise<void> {
  for (let i = 0; i < urls.length; i += INSERT_CHUNK) {
    await db.page.updateMany({ where: { scanId, url: { in: urls.slice(i, i + INSERT_CHUNK) } }, data: { inSitemap: true } });
  }
}

/**
 * Adds the sitemap's hreflang alternates of pages to the alternates their HTML and headers gave (Page.extra.hreflang),
 * each (language, URL) once. Run once the sitemaps are read, since pages may be stored before them.
 */
export async function addPageAlternates(db: Db, scanId: string, alternates: Map<string, { lang: string; href: string }[]>): Promise<void> {
  const urls = [...alternates.keys()];
  for (let i = 0; i < urls.length; i += INSERT_CHUNK) {
    const rows = await db.page.findMany({ where: { scanId, url: { in: urls.slice(i, i + INSERT_CHUNK) } }, select: { id: true, url: true, extra: true } });
    for (const r of rows) {
      const extra = r.extra !== null && typeof r.extra === "object" ? (r.extra as Record<string, unknown>) : {};
      const own = Array.isArray(extra.hreflang) ? (extra.hreflang as { lang: string; href: string }[]) : [];
      const seen = new Set(own.map((a) => `${a.lang.toLowerCase()} ${a.href}`));
      const added = (alternates.get(r.url) ?? []).filter((a) => !seen.has(`${a.lang.toLowerCase()} ${a.href}`));
      if (added.length === 0) continue;
      await db.page.update({ where: { id: r.id }, data: { extra: { ...extra, hreflang: [...own, ...added] } } });
    }
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
