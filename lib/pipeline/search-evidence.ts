import { aggregateSearch, type SearchAggregates, type SearchEvidence, type SearchFact, type SearchInput, type TrafficFact } from "../analyze/search-aggregates";
import { periodDays } from "../analyze/search-signals";
import type { Db } from "../db/client";
import { listCrawledAddresses, savePageSearch } from "../db/page-search";
import { listSearchRows, searchDataSetsForScan, type SearchDataSetRow } from "../db/search-data";
import type { ReportSearch } from "../report/scan-report";
import { buildSearchSummary, dataRange, pageSearchOf, type ReportPageSearch } from "../report/search-summary";
import type { SearchRow } from "../search/types";
import { createUrlMatcher, type CrawledAddress, type MatchStats, type UnmatchedExample } from "../search/url-match";

/** Rows that matched no analysed page, shown as examples in the import result and the report (most clicks first). */
export const UNMATCHED_EXAMPLES = 10;

export interface DataSetWithRows {
  set: Pick<SearchDataSetRow, "source" | "kind">;
  rows: SearchRow[];
}

/** Matches every row's page to the scan's pages and sorts the rows into the evidence the aggregates read. Pure. */
export function matchSearchData(siteUrl: string, addresses: CrawledAddress[], sets: DataSetWithRows[]): { evidence: SearchEvidence; stats: MatchStats } {
  const match = createUrlMatcher(siteUrl, addresses);
  const cache = new Map<string, ReturnType<typeof match>>();
  const evidence: SearchEvidence = { pageFacts: [], queryPageFacts: [], queryFacts: [], traffic: [] };
  const stats: MatchStats = { pageRows: 0, matchedRows: 0, unmatched: { count: 0, byReason: {}, examples: [] } };
  const unmatched: UnmatchedExample[] = [];
  for (const { set, rows } of sets) {
    for (const r of rows) {
      let url: string | null = null;
      if (r.page !== null) {
        stats.pageRows++;
        const m = cache.get(r.page) ?? match(r.page);
        cache.set(r.page, m);
        if (m.url !== null) {
          url = m.url;
          stats.matchedRows++;
        } else {
          stats.unmatched.count++;
          stats.unmatched.byReason[m.reason] = (stats.unmatched.byReason[m.reason] ?? 0) + 1;
          unmatched.push({ url: r.page, reason: m.reason, ...(m.status !== undefined ? { status: m.status } : {}), clicks: r.clicks, impressions: r.impressions, sessions: r.sessions });
        }
      }
      if (set.source === "ga4") {
        if (url !== null) evidence.traffic.push({ url, sessions: r.sessions, engagedSessions: r.engagedSessions, engagementRate: r.engagementRate, engagementSeconds: r.engagementSeconds } satisfies TrafficFact);
        continue;
      }
      const fact: SearchFact = { url, query: r.query, clicks: r.clicks ?? 0, impressions: r.impressions ?? 0, position: r.position };
      if (set.kind === "page") evidence.pageFacts.push(fact);
      else if (set.kind === "query-page") evidence.queryPageFacts.push(fact);
      else evidence.queryFacts.push(fact);
    }
  }
  // one example per URL (a URL has a row per query in query+page data), the most visible first
  const byUrl = new Map<string, UnmatchedExample>();
  for (const u of unmatched) {
    const seen = byUrl.get(u.url);
    if (!seen) byUrl.set(u.url, { ...u });
    else {
      seen.clicks = (seen.clicks ?? 0) + (u.clicks ?? 0);
      seen.impressions = (seen.impressions ?? 0) + (u.impressions ?? 0);
    }
  }
  stats.unmatched.examples = [...byUrl.values()]
    .sort((a, b) => (b.clicks ?? 0) - (a.clicks ?? 0) || (b.impressions ?? 0) - (a.impressions ?? 0) || (b.sessions ?? 0) - (a.sessions ?? 0) || (a.url < b.url ? -1 : 1))
    .slice(0, UNMATCHED_EXAMPLES);
  return { evidence, stats };
}

export interface LoadedSearchData {
  sets: SearchDataSetRow[];
  evidence: SearchEvidence;
  stats: MatchStats;
}

/** The search data a scan uses, matched to the pages it crawled. */
export async function loadSearchEvidence(db: Db, scan: { id: string; siteId: string }, siteUrl: string): Promise<LoadedSearchData> {
  const sets = await searchDataSetsForScan(db, scan.siteId, scan.id);
  if (sets.length === 0) return { sets, evidence: { pageFacts: [], queryPageFacts: [], queryFacts: [], traffic: [] }, stats: { pageRows: 0, matchedRows: 0, unmatched: { count: 0, byReason: {}, examples: [] } } };
  const [addresses, withRows] = await Promise.all([listCrawledAddresses(db, scan.id), Promise.all(sets.map(async (set) => ({ set, rows: await listSearchRows(db, set.id) })))]);
  return { sets, ...matchSearchData(siteUrl, addresses, withRows) };
}

/** A scan's search data matched and aggregated once: the analysis reads `input`, the report the rest. */
export interface PreparedSearch {
  loaded: LoadedSearchData;
  aggregates: SearchAggregates;
  /** what AnalysisInput.search carries; undefined without search data */
  input: SearchInput | undefined;
}

export async function prepareSearch(db: Db, scan: { id: string; siteId: string }, siteUrl: string, pageUrls: string[]): Promise<PreparedSearch> {
  const loaded = await loadSearchEvidence(db, scan, siteUrl);
  const aggregates = aggregateSearch(pageUrls, loaded.evidence);
  const { startDate, endDate } = dataRange(loaded.sets);
  return { loaded, aggregates, input: loaded.sets.length ? { aggregates, days: periodDays(startDate, endDate) } : undefined };
}

/**
 * The scan's search data for its report: summarised, per page, and stored in the per-page columns the dashboard's
 * tables sort on. A scan without search data gets the "made without search data" summary.
 */
export async function searchForReport(db: Db, scanId: string, prepared: PreparedSearch, usedByDecisions: boolean): Promise<ReportSearch> {
  const { loaded, aggregates: agg } = prepared;
  const summary = buildSearchSummary(loaded.sets, loaded.stats, agg, usedByDecisions);
  const pages = new Map<string, ReportPageSearch>();
  if (summary.used) for (const p of agg.pages.values()) pages.set(p.url, pageSearchOf(p, agg));
  await savePageSearch(
    db,
    scanId,
    summary.used ? [...agg.pages.values()].map((p) => ({ url: p.url, clicks: p.clicks, impressions: p.impressions, ctr: p.ctr, position: p.position, queries: p.queries.length, sessions: p.sessions, engagementRate: p.engagementRate })) : [],
  );
  return { summary, pages };
}
