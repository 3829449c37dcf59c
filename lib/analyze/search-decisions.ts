import { cannibalPairs as queryCannibalPairs, splitQueries } from "./query-signals";
import type { SearchInput } from "./search-aggregates";
import { linkTargetDemand, lowCtrPages, quickWins, searchValues, type LowCtrPage, type QuickWin, type SearchValue } from "./search-signals";

/**
 * The search signals a scan's gates decide with, indexed by the analysis' page order. Built once from
 * AnalysisInput.search; null without search data, and every gate then decides as it does without it.
 */

export interface QueryCannibal {
  /** the page that merges: fewer clicks on the shared queries */
  a: number;
  /** the page that keeps them */
  b: number;
  queries: string[];
  evidence: string;
}

export interface SearchDecisions {
  /** the period's days (null: not stated, UNKNOWN_PERIOD_DAYS assumed by the thresholds) */
  days: number | null;
  /** per page: its clicks, impressions and sessions, and whether they amount to search value (null: no row) */
  value: (SearchValue | null)[];
  /** per page: shown often, clicked far less than the site's pages at its position */
  lowCtr: (LowCtrPage | null)[];
  /** query data exists: cannibalisation is judged by shared queries where both pages have some */
  hasQueries: boolean;
  /** per page: it has query rows of its own */
  hasQueryRows: boolean[];
  /** pages splitting the clicks of their top queries */
  cannibals: QueryCannibal[];
  /** per page: 0-1, how much more internal links would help (impressions at weak positions) */
  demand: Float64Array;
  quickWins: QuickWin[];
}

export function searchDecisions(search: SearchInput | undefined, urls: string[]): SearchDecisions | null {
  if (!search) return null;
  const agg = search.aggregates;
  if (!agg.hasSearchConsole && !agg.hasTraffic) return null;
  const options = { days: search.days };
  const index = new Map(urls.map((u, i) => [u, i]));
  const values = searchValues(agg, options);
  const low = new Map(lowCtrPages(agg, options).map((p) => [p.url, p]));
  const demand = linkTargetDemand(agg, options);
  const cannibals: QueryCannibal[] = [];
  for (const pair of queryCannibalPairs(splitQueries(agg, options))) {
    const [keep, merge] = pair.urls.map((u) => index.get(u));
    if (keep === undefined || merge === undefined) continue;
    cannibals.push({ a: merge, b: keep, queries: pair.queries, evidence: pair.evidence });
  }
  return {
    days: search.days,
    value: urls.map((u) => values.get(u) ?? null),
    lowCtr: urls.map((u) => low.get(u) ?? null),
    hasQueries: agg.hasQueries,
    hasQueryRows: urls.map((u) => (agg.pages.get(u)?.queries.length ?? 0) > 0),
    cannibals,
    demand: Float64Array.from(urls, (u) => demand.get(u) ?? 0),
    quickWins: quickWins(agg, options).filter((w) => index.has(w.url)),
  };
}
