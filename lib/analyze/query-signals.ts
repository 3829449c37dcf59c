import type { QueryAggregate, SearchAggregates } from "./search-aggregates";
import { impressionFloor, resolveSignalOptions, type SearchSignalOptions } from "./search-signals";

/**
 * Query-level decision inputs: queries whose clicks two or more pages split (cannibalisation with the queries as
 * evidence) and queries with impressions that no fitting page answers (gaps). Pure.
 */

export interface QuerySignalOptions extends SearchSignalOptions {
  /** a query counts for a page when it is among the page's this many top queries (clicks, then impressions) */
  topQueriesPerPage: number;
  /** each page of a split holds at least this share of the query's clicks */
  minClickShare: number;
  /** the pages' average positions lie within this many places of each other: Google alternates between them */
  maxPositionSpread: number;
  /** a best page ranking past this position does not answer the query */
  weakPosition: number;
}

export const QUERY_SIGNAL_DEFAULTS: Omit<QuerySignalOptions, keyof SearchSignalOptions> = {
  // A page's top ten queries are the ones its content is about; the long tail below them is incidental.
  topQueriesPerPage: 10,
  // A page with less than a fifth of the clicks is Google trying a second result, not a split. A prior, not tuned.
  minClickShare: 0.2,
  // Half a results page: averages that close mean the pages take turns for the query.
  maxPositionSpread: 5,
  // Past the second results page a query brings almost no clicks.
  weakPosition: 20,
};

function resolve(partial: Partial<QuerySignalOptions>): QuerySignalOptions {
  return { ...resolveSignalOptions(partial), ...QUERY_SIGNAL_DEFAULTS, ...partial };
}

export interface SplitQuery {
  query: string;
  clicks: number;
  impressions: number;
  pages: { url: string; clicks: number; clickShare: number; position: number }[];
}

/** Queries whose clicks are split between pages at similar positions, each query among those pages' top queries. */
export function splitQueries(agg: SearchAggregates, options: Partial<QuerySignalOptions> = {}): SplitQuery[] {
  const o = resolve(options);
  const top = new Map<string, Set<string>>();
  for (const p of agg.pages.values()) top.set(p.url, new Set(p.queries.slice(0, o.topQueriesPerPage).map((q) => q.query)));
  const out: SplitQuery[] = [];
  for (const q of agg.queries.values()) {
    if (q.clicks < o.minClicks) continue;
    const sharing = q.pages.filter((p) => p.clickShare >= o.minClickShare && p.position !== null && top.get(p.url)?.has(q.query));
    if (sharing.length < 2) continue;
    const positions = sharing.map((p) => p.position as number);
    if (Math.max(...positions) - Math.min(...positions) > o.maxPositionSpread) continue;
    out.push({ query: q.query, clicks: q.clicks, impressions: q.impressions, pages: sharing.map((p) => ({ url: p.url, clicks: p.clicks, clickShare: p.clickShare, position: p.position as number })) });
  }
  return out.sort((a, b) => b.clicks - a.clicks || (a.query < b.query ? -1 : 1));
}

export interface CannibalPair {
  /** the two pages, the one with more clicks on the shared queries first (the one to keep) */
  urls: [string, string];
  queries: string[];
  clicks: number;
  evidence: string;
}

/** Pairs of pages that split queries, with the queries as evidence, most clicks at stake first. */
export function cannibalPairs(splits: SplitQuery[]): CannibalPair[] {
  type Side = { clicks: number; position: number };
  type Pair = { a: string; b: string; queries: string[]; clicks: number; perPage: Map<string, number>; detail: { query: string; sides: Map<string, Side> }[] };
  const pairs = new Map<string, Pair>();
  for (const s of splits) {
    for (let i = 0; i < s.pages.length; i++) {
      for (let j = i + 1; j < s.pages.length; j++) {
        const [x, y] = [s.pages[i], s.pages[j]].sort((m, n) => (m.url < n.url ? -1 : 1));
        const key = `${x.url}\n${y.url}`;
        const pair: Pair = pairs.get(key) ?? { a: x.url, b: y.url, queries: [], clicks: 0, perPage: new Map(), detail: [] };
        pair.queries.push(s.query);
        pair.clicks += x.clicks + y.clicks;
        pair.perPage.set(x.url, (pair.perPage.get(x.url) ?? 0) + x.clicks);
        pair.perPage.set(y.url, (pair.perPage.get(y.url) ?? 0) + y.clicks);
        pair.detail.push({ query: s.query, sides: new Map([[x.url, x], [y.url, y]]) });
        pairs.set(key, pair);
      }
    }
  }
  return [...pairs.values()]
    .map((p) => {
      const urls: [string, string] = (p.perPage.get(p.b) ?? 0) > (p.perPage.get(p.a) ?? 0) ? [p.b, p.a] : [p.a, p.b];
      // each query's figures in the order of `urls`: the page to keep first
      const detail = p.detail.slice(0, 5).map(({ query, sides }) => {
        const [k, m] = urls.map((u) => sides.get(u)!);
        return `"${query}" (${k.clicks} vs ${m.clicks} clicks, positions ${k.position.toFixed(1)} and ${m.position.toFixed(1)})`;
      });
      return { urls, queries: p.queries, clicks: p.clicks, evidence: `${urls[0]} and ${urls[1]} split ${p.queries.length} ${p.queries.length === 1 ? "query" : "queries"}: ${detail.join("; ")}` };
    })
    .sort((a, b) => b.clicks - a.clicks || (a.urls[0] < b.urls[0] ? -1 : 1));
}

/** What a gap check needs to know about a crawled page. */
export interface GapPage {
  url: string;
  title: string | null;
  /** H1 and H2 texts */
  headings: string[];
  /** the page sits outside the site's topics (the pruning gate's off-topic finding) */
  offTopic: boolean;
}

export type GapReason = "no-page" | "off-topic-page" | "weak-position" | "not-dedicated";

export interface QueryGap {
  query: string;
  impressions: number;
  clicks: number;
  bestUrl: string | null;
  bestPosition: number | null;
  reason: GapReason;
  evidence: string;
}

/** Words too common to say what a query is about. */
const STOPWORDS = new Set("a an and are as at be by can do does for from how i in is it of on or the to what when where which who why with you your".split(" "));

export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/[^\p{L}\p{N}+#.]+/u).map((t) => t.replace(/^\.+|\.+$/g, "")).filter((t) => t.length > 1 && !STOPWORDS.has(t));
}

/** A page is dedicated to a query when every term of the query is in its title or its H1/H2 headings. */
export function isDedicated(page: GapPage, terms: string[]): boolean {
  if (terms.length === 0) return false;
  const text = ` ${[page.title ?? "", ...page.headings].join(" ").toLowerCase()} `;
  return terms.every((t) => text.includes(t));
}

function bestPage(q: QueryAggregate): QueryAggregate["pages"][number] | null {
  return [...q.pages].sort((a, b) => b.clicks - a.clicks || (a.position ?? Infinity) - (b.position ?? Infinity))[0] ?? null;
}

/**
 * Queries with impressions above the floor that no fitting page answers: no crawled page ranks for them and none is
 * dedicated to them, the page that ranks is off-topic, ranks past the second page, or ranks past the first page
 * without being about the query.
 */
export function queryGaps(agg: SearchAggregates, pages: GapPage[], options: Partial<QuerySignalOptions> = {}): QueryGap[] {
  const o = resolve(options);
  const floor = impressionFloor(o);
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const out: QueryGap[] = [];
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  for (const q of agg.queries.values()) {
    if (q.impressions < floor) continue;
    const terms = queryTerms(q.query);
    const best = bestPage(q);
    const base = { query: q.query, impressions: q.impressions, clicks: q.clicks };
    const seen = `${fmt(q.impressions)} impressions, ${fmt(q.clicks)} clicks`;
    if (!best) {
      if (pages.some((p) => isDedicated(p, terms))) continue;
      out.push({ ...base, bestUrl: null, bestPosition: q.position, reason: "no-page", evidence: `"${q.query}": ${seen}, and no page of the site is about it` });
      continue;
    }
    const page = byUrl.get(best.url);
    const pos = best.position;
    const at = pos === null ? "" : ` at position ${pos.toFixed(1)}`;
    if (page?.offTopic) out.push({ ...base, bestUrl: best.url, bestPosition: pos, reason: "off-topic-page", evidence: `"${q.query}": ${seen}; the page that ranks${at}, ${best.url}, is off-topic` });
    else if (pos !== null && pos > o.weakPosition) out.push({ ...base, bestUrl: best.url, bestPosition: pos, reason: "weak-position", evidence: `"${q.query}": ${seen}; the best page, ${best.url}, ranks only${at}` });
    else if (pos !== null && pos > 10 && page && !isDedicated(page, terms) && !pages.some((p) => isDedicated(p, terms))) {
      out.push({ ...base, bestUrl: best.url, bestPosition: pos, reason: "not-dedicated", evidence: `"${q.query}": ${seen}; ${best.url} ranks${at} without being about it, and no page is` });
    }
  }
  return out.sort((a, b) => b.impressions - a.impressions || (a.query < b.query ? -1 : 1));
}
