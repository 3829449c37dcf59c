import type { AnalysisInput, LinkPosition } from "../analyze/types";
import type { Db } from "../db/client";
import { loadEmbeddings } from "../db/embeddings";
import { listFetchOutcomes, listHtmlPages, listLinks, type FetchOutcome, type StoredLink, type StoredPage } from "../db/pages";
import type { ScanRow } from "../db/scans";
import { getSite } from "../db/sites";

/** The analysis input of a scan from what its crawl and encode phases stored. */
export function toAnalysisInput(
  siteUrl: string,
  now: string,
  pages: StoredPage[],
  links: StoredLink[],
  vectors: Map<number, Float32Array>,
  fetches: FetchOutcome[] = [],
): AnalysisInput {
  return {
    siteUrl,
    now,
    pages: pages.map(({ id, modifiedAt, render, ...p }) => ({
      ...p,
      ...(render ? { render: { rendered: render.rendered, shell: render.shell, addedWords: render.addedWords, addedLinks: render.addedLinks } } : {}),
      modifiedAt: modifiedAt ? modifiedAt.toISOString() : null,
      lstmVector: vectors.get(id) ?? null,
    })),
    fetches: fetches.map((f) => ({ requestedUrl: f.requestedUrl, url: f.url, status: f.status, html: (f.contentType ?? "").includes("html"), redirectHops: f.redirectHops })),
    links: links.map((l) => ({ fromUrl: l.fromUrl, toUrl: l.toUrl, anchor: l.anchor, position: l.position as LinkPosition, nofollow: l.nofollow })),
  };
}

/** Reads a scan's pages, links and page vectors back as the input of analyzeSite (the evaluation re-analyses stored scans). */
export async function loadAnalysisInput(db: Db, scan: Pick<ScanRow, "id" | "siteId" | "url">, now: string): Promise<AnalysisInput> {
  const [pages, links, vectors, site, fetches] = await Promise.all([
    listHtmlPages(db, scan.id),
    listLinks(db, scan.id),
    loadEmbeddings(db, scan.id),
    getSite(db, scan.siteId),
    listFetchOutcomes(db, scan.id),
  ]);
  return toAnalysisInput(site?.url ?? scan.url, now, pages, links, vectors, fetches);
}
