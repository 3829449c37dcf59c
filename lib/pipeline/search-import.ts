import type { Db } from "../db/client";
import { listCrawledAddresses } from "../db/page-search";
import { insertSearchDataSets, latestFinishedScanId, type SearchDataSetRow } from "../db/search-data";
import { findSiteByUrl, getSiteRecord, type SiteRecord } from "../db/sites";
import { AppError } from "../errors";
import { normalizeUrl } from "../crawl/urls";
import { parseSearchData } from "../search/parse";
import type { ParsedSearchData, SearchOrigin, SearchSource } from "../search/types";
import type { MatchStats } from "../search/url-match";
import { matchSearchData } from "./search-evidence";

export interface SearchImportRequest {
  siteId: string;
  bytes: Uint8Array;
  source?: SearchSource;
  startDate?: string;
  endDate?: string;
  origin: SearchOrigin;
  fileName?: string | null;
  /** data for this scan only (`scan --search-data`); the site's current data is left as it is */
  scanId?: string | null;
  /** the file already parsed (the CLI checks it before it starts a scan) */
  parsed?: ParsedSearchData[];
}

export interface SearchImportResult {
  siteId: string;
  dataSets: Pick<SearchDataSetRow, "id" | "source" | "kind" | "format" | "startDate" | "endDate" | "rowCount">[];
  /** earlier sets of the same source and kind this import replaced */
  replaced: number;
  /** how the rows match the site's latest finished scan (null before the first one: matching happens at each scan) */
  match: (MatchStats & { scanId: string; pagesMatched: number }) | null;
}

/** A site named by its id or its address (as given to `scan`, normalised the same way). */
export async function findSite(db: Db, idOrUrl: string): Promise<SiteRecord> {
  const byId = await getSiteRecord(db, idOrUrl);
  if (byId) return byId;
  const url = /^https?:\/\//i.test(idOrUrl) ? normalizeUrl(idOrUrl, undefined, { stripTrackingParams: false, sortQueryParams: false }) : null;
  const byUrl = url ? await findSiteByUrl(db, url) : null;
  if (byUrl) return byUrl;
  throw new AppError("not_found", `No site ${idOrUrl}: add it first (scan it, or POST /api/v1/sites), then import its search data`);
}

/** How parsed rows match a scan's pages (the import result's preview; the report matches again at every scan). */
async function matchPreview(db: Db, site: SiteRecord, sets: ParsedSearchData[]): Promise<SearchImportResult["match"]> {
  const scanId = await latestFinishedScanId(db, site.id);
  if (!scanId) return null;
  const { evidence, stats } = matchSearchData(site.url, await listCrawledAddresses(db, scanId), sets.map((s) => ({ set: s, rows: s.rows })));
  const pages = new Set([...evidence.pageFacts, ...evidence.queryPageFacts, ...evidence.traffic].map((f) => f.url).filter((u) => u !== null));
  return { scanId, ...stats, pagesMatched: pages.size };
}

/** Parses a file of search data, stores it for the site (or one scan), and says how its rows match the site's pages. */
export async function importSearchData(db: Db, req: SearchImportRequest): Promise<SearchImportResult> {
  const site = await getSiteRecord(db, req.siteId);
  if (!site) throw new AppError("not_found", `Site ${req.siteId} not found`);
  const sets = req.parsed ?? parseSearchData(req.bytes, { siteUrl: site.url, source: req.source, startDate: req.startDate, endDate: req.endDate });
  const { created, replaced } = await insertSearchDataSets(db, { siteId: site.id, scanId: req.scanId ?? null, origin: req.origin, fileName: req.fileName ?? null, sets });
  return {
    siteId: site.id,
    dataSets: created.map((s) => ({ id: s.id, source: s.source, kind: s.kind, format: s.format, startDate: s.startDate, endDate: s.endDate, rowCount: s.rowCount })),
    replaced,
    match: await matchPreview(db, site, sets),
  };
}
