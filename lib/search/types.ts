/** Search performance data as TopicGate keeps it, whatever file or API it came from. */

export type SearchSource = "gsc" | "ga4";
/** Which dimensions a set's rows carry: a page, a query, or a query on a page. */
export type SearchKind = "page" | "query" | "query-page";
export type SearchFormat = "gsc-pages-csv" | "gsc-queries-csv" | "gsc-api-json" | "gsc-export-zip" | "ga4-csv" | "gsc-connector";
export type SearchOrigin = "upload" | "api" | "cli" | "connector";

export const SEARCH_SOURCES = ["gsc", "ga4"] as const satisfies readonly SearchSource[];

export interface SearchRow {
  /** absolute URL (GA4 paths are resolved against the site's address) */
  page: string | null;
  query: string | null;
  clicks: number | null;
  impressions: number | null;
  ctr: number | null;
  position: number | null;
  sessions: number | null;
  engagedSessions: number | null;
  engagementRate: number | null;
  /** average engagement time per session, seconds */
  engagementSeconds: number | null;
}

/** One parsed table of search data, ready to store. */
export interface ParsedSearchData {
  source: SearchSource;
  kind: SearchKind;
  format: SearchFormat;
  /** YYYY-MM-DD, when the file says */
  startDate: string | null;
  endDate: string | null;
  rows: SearchRow[];
}

export function emptyRow(): SearchRow {
  return { page: null, query: null, clicks: null, impressions: null, ctr: null, position: null, sessions: null, engagedSessions: null, engagementRate: null, engagementSeconds: null };
}

/** One imported set of search data: where it came from, its period and its size. */
export interface SearchDataSet {
  id: string;
  siteId: string;
  scanId: string | null;
  source: string;
  kind: string;
  format: string;
  origin: string;
  fileName: string | null;
  startDate: string | null;
  endDate: string | null;
  rowCount: number;
  createdAt: Date;
}
