import type { AnalysisLink, AnalysisPage } from "../analyze/types";
import type { PageCoherence } from "../encode/coherence";
import type { PageRenderInfo } from "../render/types";
import type { Db } from "./client";

/**
 * A crawled page as the later phases read it (status 200 HTML pages whose body was read, only): the analysis page
 * with its row id, its date as stored, its schema.org types (kept in Page.extra by the crawl) and no vector yet.
 */
export type StoredPage = Omit<AnalysisPage, "modifiedAt" | "schemaTypes" | "lstmVector" | "coherence" | "render"> & {
  id: number;
  modifiedAt: Date | null;
  schemaTypes: string[];
  /** the sequence model's per-section coherence (kept in Page.extra by the encode phase); null without one */
  coherence: PageCoherence | null;
  /** what rendering did for the page (kept in Page.extra by the crawl); null when it was neither rendered nor a shell */
  render: PageRenderInfo | null;
};

/** A stored link: the analysis link with its rel attribute, its position as the crawl wrote it. */
export type StoredLink = Omit<AnalysisLink, "position"> & { position: string; rel: string | null };

export async function listHtmlPages(db: Db, scanId: string): Promise<StoredPage[]> {
  const rows = await db.page.findMany({
    // a body refused or cut short (too large, timed out, binary) leaves no text: the page failed, whatever its status line said
    where: { scanId, status: 200, contentType: { contains: "html" }, mainText: { not: null } },
    orderBy: { id: "asc" },
    select: {
      id: true, url: true, status: true, title: true, metaDescription: true, headings: true, mainText: true, wordCount: true,
      depth: true, noindex: true, canonical: true, contentHash: true, simhash: true, modifiedAt: true, inSitemap: true, extra: true,
      language: true,
    },
  });
  return rows.map(({ extra, ...r }) => ({
    ...r,
    headings: (r.headings as StoredPage["headings"] | null) ?? [],
    mainText: r.mainText ?? "",
    schemaTypes: schemaTypesOf(extra),
    hreflang: hreflangOf(extra),
    coherence: coherenceOf(extra),
    render: renderOf(extra),
  }));
}

function hreflangOf(extra: unknown): NonNullable<StoredPage["hreflang"]> {
  const list = extra !== null && typeof extra === "object" ? (extra as { hreflang?: unknown }).hreflang : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter((h): h is { lang: string; href: string } => h !== null && typeof h === "object" && typeof h.lang === "string" && typeof h.href === "string");
}

export function coherenceOf(extra: unknown): PageCoherence | null {
  const c = extra !== null && typeof extra === "object" ? (extra as { coherence?: unknown }).coherence : undefined;
  return c !== null && typeof c === "object" && typeof (c as PageCoherence).score === "number" ? (c as PageCoherence) : null;
}

/** Stores (or clears) each page's coherence beside its other extracted fields; one transaction per batch of pages. */
export async function savePageCoherence(db: Db, items: { pageId: number; coherence: PageCoherence | null }[]): Promise<void> {
  const BATCH = 200;
  for (let i = 0; i < items.length; i += BATCH) {
    const slice = items.slice(i, i + BATCH);
    const rows = await db.page.findMany({ where: { id: { in: slice.map((s) => s.pageId) } }, select: { id: true, extra: true } });
    const extras = new Map(rows.map((r) => [r.id, (r.extra ?? {}) as Record<string, unknown>]));
    await db.$transaction(
      slice.map((s) => db.page.update({ where: { id: s.pageId }, data: { extra: { ...(extras.get(s.pageId) ?? {}), coherence: s.coherence } as object } })),
    );
  }
}

export function renderOf(extra: unknown): PageRenderInfo | null {
  const r = extra !== null && typeof extra === "object" ? (extra as { render?: unknown }).render : undefined;
  return r !== null && typeof r === "object" && typeof (r as PageRenderInfo).rendered === "boolean" ? (r as PageRenderInfo) : null;
}

function schemaTypesOf(extra: unknown): string[] {
  const types = extra !== null && typeof extra === "object" ? (extra as { schemaTypes?: unknown }).schemaTypes : undefined;
  return Array.isArray(types) ? types.filter((t): t is string => typeof t === "string") : [];
}

/** What one fetch of the crawl ended in: the URL asked for, where its redirects led, the final status and type. */
export interface FetchOutcome {
  requestedUrl: string;
  url: string;
  status: number;
  contentType: string | null;
  /** redirects followed from the requested URL to the final one */
  redirectHops: number;
}

/**
 * Every fetched URL with the URL it was asked for and its redirect hops: links are resolved through redirects to the
 * page they reach, and a link is broken only when its target answered an error.
 */
export async function listFetchOutcomes(db: Db, scanId: string): Promise<FetchOutcome[]> {
  const rows = await withRedirectAliases(db, scanId, await db.page.findMany({ where: { scanId }, select: { requestedUrl: true, url: true, status: true, contentType: true, redirectChain: true }, orderBy: { id: "asc" } }));
  return rows.map(({ redirectChain, ...r }) => ({ ...r, redirectHops: Array.isArray(redirectChain) ? redirectChain.length : 0 }));
}

/**
 * Fetched pages, each followed by the other URLs whose redirects reached it (RedirectAlias): one row per URL the crawl
 * asked for, with that URL's requestedUrl and redirect chain.
 */
export async function withRedirectAliases<T extends { url: string; requestedUrl: string; redirectChain: unknown }>(db: Db, scanId: string, rows: T[]): Promise<T[]> {
  const aliases = await db.redirectAlias.findMany({ where: { scanId }, select: { requestedUrl: true, url: true, redirectChain: true }, orderBy: { id: "asc" } });
  if (aliases.length === 0) return rows;
  const byUrl = new Map<string, typeof aliases>();
  for (const a of aliases) byUrl.set(a.url, [...(byUrl.get(a.url) ?? []), a]);
  return rows.flatMap((r) => [r, ...(byUrl.get(r.url) ?? []).filter((a) => a.requestedUrl !== r.requestedUrl).map((a) => ({ ...r, requestedUrl: a.requestedUrl, redirectChain: a.redirectChain }))]);
}

export async function listLinks(db: Db, scanId: string): Promise<StoredLink[]> {
  return db.link.findMany({
    where: { scanId },
    select: { fromUrl: true, toUrl: true, anchor: true, position: true, nofollow: true, rel: true },
    orderBy: { id: "asc" },
  });
}

/** URL, status and content hash of every fetched page (change reports compare them between scans). */
export async function listPageHashes(db: Db, scanId: string): Promise<{ url: string; status: number; contentHash: string | null }[]> {
  return db.page.findMany({ where: { scanId }, select: { url: true, status: true, contentHash: true }, orderBy: { id: "asc" } });
}

/** Rows per createMany: keeps bound parameters under SQLite's limit for wide page rows. */
const BULK_CHUNK = 500;

/** Bulk insert of already-extracted pages and links (benchmarks and fixtures; the crawler commits page by page). */
export async function insertPagesAndLinks(
  db: Db,
  scanId: string,
  pages: { url: string; depth: number; status: number; contentType: string; title: string; mainText: string; wordCount: number; contentHash: string }[],
  links: StoredLink[],
): Promise<void> {
  for (let i = 0; i < pages.length; i += BULK_CHUNK) {
    await db.page.createMany({ data: pages.slice(i, i + BULK_CHUNK).map((p) => ({ ...p, scanId, requestedUrl: p.url })) });
  }
  for (let i = 0; i < links.length; i += BULK_CHUNK) {
    await db.link.createMany({ data: links.slice(i, i + BULK_CHUNK).map((l) => ({ ...l, scanId })) });
  }
  await db.crawlTally.upsert({ where: { scanId }, create: { scanId, pages: pages.length }, update: { pages: { increment: pages.length } } });
}

/** Why the crawl found nothing: the first recorded fetch error or non-200 status of the scan, if any. */
export async function firstCrawlError(db: Db, scanId: string): Promise<string | null> {
  const failed = await db.frontierEntry.findFirst({ where: { scanId, error: { not: null } }, orderBy: { id: "asc" }, select: { url: true, error: true } });
  if (failed) return `${failed.url}: ${failed.error}`;
  const page = await db.page.findFirst({ where: { scanId }, orderBy: { id: "asc" }, select: { url: true, status: true, contentType: true } });
  if (page) return `${page.url} answered HTTP ${page.status}${page.contentType ? ` (${page.contentType})` : ""}`;
  return null;
}
