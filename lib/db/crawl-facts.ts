import type { FetchedUrl } from "../issues/detect-crawl";
import type { Db } from "./client";
import { withRedirectAliases } from "./pages";

/** Every URL a scan fetched, whatever it answered, with its redirects (the issues of links, canonicals and sitemaps). */
export async function listFetchedUrls(db: Db, scanId: string): Promise<FetchedUrl[]> {
  const rows = await withRedirectAliases(
    db,
    scanId,
    await db.page.findMany({ where: { scanId }, select: { url: true, requestedUrl: true, status: true, redirectChain: true, inSitemap: true }, orderBy: { id: "asc" } }),
  );
  return rows.map((r) => ({ ...r, redirectChain: (r.redirectChain as FetchedUrl["redirectChain"]) ?? null }));
}

/** URLs of the scan's HTML pages that answered 200 (the report's pages). */
export async function listHtmlPageUrls(db: Db, scanId: string): Promise<string[]> {
  const rows = await db.page.findMany({ where: { scanId, status: 200, contentType: { contains: "html" } }, select: { url: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.url);
}
