import type { CrawledAddress } from "../search/url-match";
import type { Db } from "./client";
import { withRedirectAliases } from "./pages";

/** Every URL a scan fetched, with what the matching of search data needs (redirects followed, canonicals declared). */
export async function listCrawledAddresses(db: Db, scanId: string): Promise<CrawledAddress[]> {
  const rows = await withRedirectAliases(
    db,
    scanId,
    await db.page.findMany({ where: { scanId }, orderBy: { id: "asc" }, select: { url: true, requestedUrl: true, status: true, contentType: true, canonical: true, redirectChain: true } }),
  );
  return rows.map((r) => ({
    url: r.url,
    requestedUrl: r.requestedUrl,
    status: r.status,
    analysed: r.status === 200 && (r.contentType ?? "").includes("html"),
    canonical: r.canonical,
    redirectChain: (r.redirectChain as { url: string }[] | null) ?? null,
  }));
}

export interface PageSearchColumns {
  url: string;
  clicks: number | null;
  impressions: number | null;
  ctr: number | null;
  position: number | null;
  queries: number;
  sessions: number | null;
  engagementRate: number | null;
}

const CHUNK = 500;

/** Replaces the scan's per-page search columns (a resumed analysis writes them again). */
export async function savePageSearch(db: Db, scanId: string, rows: PageSearchColumns[]): Promise<void> {
  const ids = new Map((await db.page.findMany({ where: { scanId }, select: { id: true, url: true } })).map((p) => [p.url, p.id]));
  await db.pageSearch.deleteMany({ where: { scanId } });
  const data = rows.filter((r) => ids.has(r.url)).map(({ url, ...r }) => ({ ...r, scanId, pageId: ids.get(url) as number }));
  for (let i = 0; i < data.length; i += CHUNK) await db.pageSearch.createMany({ data: data.slice(i, i + CHUNK) });
}

/** Whether a scan's pages carry search figures (the dashboard then shows their columns). */
export async function scanSearchColumns(db: Db, scanId: string): Promise<{ searchConsole: boolean; traffic: boolean }> {
  const [gsc, ga4] = await Promise.all([
    db.pageSearch.findFirst({ where: { scanId, clicks: { not: null } }, select: { id: true } }),
    db.pageSearch.findFirst({ where: { scanId, sessions: { not: null } }, select: { id: true } }),
  ]);
  return { searchConsole: gsc !== null, traffic: ga4 !== null };
}
