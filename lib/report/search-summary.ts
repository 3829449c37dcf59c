import type { PageSearchAggregate, QueryOnPage, SearchAggregates } from "../analyze/search-aggregates";
import { periodDays } from "../analyze/search-signals";
import type { SearchDataSet } from "../search/types";
import type { MatchStats, UnmatchedExample } from "../search/url-match";

/** Queries listed under each page of the report (the page's top queries by clicks, then impressions). */
export const REPORT_TOP_QUERIES = 5;

/** `pages[].search`: Search Console figures (null when only GA4 data exists) and GA4 figures when there are any. */
export interface ReportPageSearch {
  clicks: number | null;
  impressions: number | null;
  /** 0-1 */
  ctr: number | null;
  /** impression-weighted average position; null without impressions */
  position: number | null;
  queries?: number;
  topQueries?: QueryOnPage[];
  sessions?: number;
  engagedSessions?: number | null;
  /** 0-1 */
  engagementRate?: number | null;
  averageEngagementSeconds?: number | null;
}

export type SearchSourceSummary = Pick<SearchDataSet, "source" | "kind" | "format" | "origin" | "fileName" | "startDate" | "endDate"> & { rows: number; importedAt: string };

/** The report's top-level `searchData`: whether search data was used, for which period, and how it matched. */
export interface SearchDataSummary {
  used: boolean;
  /** whether the gates' decisions read the data (otherwise it is shown beside the pages only) */
  usedByDecisions: boolean;
  statement: string;
  startDate: string | null;
  endDate: string | null;
  days: number | null;
  sources: SearchSourceSummary[];
  pageRows: number;
  matchedRows: number;
  pagesWithData: number;
  totals: { clicks: number | null; impressions: number | null; sessions: number | null };
  unmatched: { count: number; byReason: Record<string, number>; examples: UnmatchedExample[] };
}

const SOURCE_NAME: Record<string, string> = { gsc: "Search Console", ga4: "GA4" };

/** The period data sets cover together: the earliest start and the latest end. */
export function dataRange(sets: Pick<SearchDataSet, "startDate" | "endDate">[]): { startDate: string | null; endDate: string | null } {
  const starts = sets.map((s) => s.startDate).filter((d): d is string => d !== null).sort();
  const ends = sets.map((s) => s.endDate).filter((d): d is string => d !== null).sort();
  return { startDate: starts[0] ?? null, endDate: ends[ends.length - 1] ?? null };
}

export function pageSearchOf(p: PageSearchAggregate, agg: SearchAggregates): ReportPageSearch {
  const out: ReportPageSearch = { clicks: p.clicks, impressions: p.impressions, ctr: p.ctr === null ? null : round(p.ctr, 4), position: p.position === null ? null : round(p.position, 1) };
  if (agg.hasQueries && agg.hasSearchConsole) {
    out.queries = p.queries.length;
    out.topQueries = p.queries.slice(0, REPORT_TOP_QUERIES).map((q) => ({ ...q, position: q.position === null ? null : round(q.position, 1) }));
  }
  if (agg.hasTraffic) {
    out.sessions = p.sessions ?? 0;
    out.engagedSessions = p.engagedSessions;
    out.engagementRate = p.engagementRate === null ? null : round(p.engagementRate, 4);
    out.averageEngagementSeconds = p.engagementSeconds === null ? null : round(p.engagementSeconds, 1);
  }
  return out;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** The summary of a report made without search data. */
export function withoutSearchData(): SearchDataSummary {
  return {
    used: false, usedByDecisions: false,
    statement: "The decisions in this report were made without search data: no Search Console or GA4 data was imported for this site.",
    startDate: null, endDate: null, days: null, sources: [], pageRows: 0, matchedRows: 0, pagesWithData: 0,
    totals: { clicks: null, impressions: null, sessions: null }, unmatched: { count: 0, byReason: {}, examples: [] },
  };
}

export function buildSearchSummary(sets: SearchDataSet[], stats: MatchStats, agg: SearchAggregates, usedByDecisions: boolean): SearchDataSummary {
  if (sets.length === 0) return withoutSearchData();
  const { startDate, endDate } = dataRange(sets);
  const pages = [...agg.pages.values()];
  const pagesWithData = pages.filter((p) => (p.impressions ?? 0) > 0 || (p.clicks ?? 0) > 0 || (p.sessions ?? 0) > 0).length;
  const sum = (f: (p: PageSearchAggregate) => number | null) => (pages.length && f(pages[0]) !== null ? pages.reduce((s, p) => s + (f(p) ?? 0), 0) : null);
  const bySource = [...new Set(sets.map((s) => s.source))].map((src) => {
    const r = dataRange(sets.filter((s) => s.source === src));
    return `${SOURCE_NAME[src] ?? src} (${r.startDate && r.endDate ? `${r.startDate} to ${r.endDate}` : "period not stated"})`;
  });
  const matched = stats.pageRows ? ` ${stats.matchedRows} of ${stats.pageRows} page rows matched ${pagesWithData} crawled pages${stats.unmatched.count ? `; ${stats.unmatched.count} did not match (see searchData.unmatched)` : ""}.` : "";
  const use = usedByDecisions
    ? "The decisions use it: pages with search value are never pruned, low click-through asks for a new title and description, pages splitting a query's clicks are cannibals, queries without a fitting page are gaps, and link suggestions favour pages shown at weak positions."
    : "It is shown beside each page; the gates' decisions were made without it.";
  return {
    used: true,
    usedByDecisions,
    statement: `Search data from ${bySource.join(" and ")} was used.${matched} ${use}`,
    startDate,
    endDate,
    days: periodDays(startDate, endDate),
    sources: sets.map((s) => ({ source: s.source, kind: s.kind, format: s.format, origin: s.origin, fileName: s.fileName, startDate: s.startDate, endDate: s.endDate, rows: s.rowCount, importedAt: s.createdAt.toISOString() })),
    pageRows: stats.pageRows,
    matchedRows: stats.matchedRows,
    pagesWithData,
    totals: { clicks: sum((p) => p.clicks), impressions: sum((p) => p.impressions), sessions: sum((p) => p.sessions) },
    unmatched: { count: stats.unmatched.count, byReason: stats.unmatched.byReason, examples: stats.unmatched.examples },
  };
}
