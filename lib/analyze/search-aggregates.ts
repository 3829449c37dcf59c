/**
 * Per-page and per-query aggregates of search performance, from rows already matched to the scan's pages. Pure: plain
 * arrays in, plain objects out. Positions average the way Search Console averages them: weighted by impressions.
 */

/** One Search Console row: a page, a query, or a query on a page (url: the crawled page it matched, or null). */
export interface SearchFact {
  url: string | null;
  query: string | null;
  clicks: number;
  impressions: number;
  position: number | null;
}

/** One GA4 landing-page row matched to a crawled page. */
export interface TrafficFact {
  url: string;
  sessions: number | null;
  engagedSessions: number | null;
  engagementRate: number | null;
  engagementSeconds: number | null;
}

export interface SearchEvidence {
  /** rows of the Search Console "page" dimension (page totals, anonymised queries included) */
  pageFacts: SearchFact[];
  /** rows of the "query" + "page" dimensions */
  queryPageFacts: SearchFact[];
  /** rows of the "query" dimension alone (which page ranked is unknown) */
  queryFacts: SearchFact[];
  traffic: TrafficFact[];
}

export interface QueryOnPage {
  query: string;
  clicks: number;
  impressions: number;
  position: number | null;
}

export interface PageSearchAggregate {
  url: string;
  /** null when no Search Console data was used */
  clicks: number | null;
  impressions: number | null;
  ctr: number | null;
  position: number | null;
  /** the page's queries, most clicks first (then impressions) */
  queries: QueryOnPage[];
  sessions: number | null;
  engagedSessions: number | null;
  engagementRate: number | null;
  engagementSeconds: number | null;
}

export interface PageOnQuery {
  url: string;
  clicks: number;
  impressions: number;
  position: number | null;
  /** the page's share of the query's clicks (0 when the query has none) and impressions, 0-1 */
  clickShare: number;
  impressionShare: number;
}

export interface QueryAggregate {
  query: string;
  clicks: number;
  impressions: number;
  ctr: number;
  position: number | null;
  /** pages that appeared for the query, most clicks first (empty when only query totals are known) */
  pages: PageOnQuery[];
}

export interface SearchAggregates {
  /** Search Console data exists (pages without rows then have 0 clicks and impressions) */
  hasSearchConsole: boolean;
  /** query-level data exists */
  hasQueries: boolean;
  /** GA4 data exists */
  hasTraffic: boolean;
  pages: Map<string, PageSearchAggregate>;
  queries: Map<string, QueryAggregate>;
}

/** Search data as the analysis receives it (AnalysisInput.search): the aggregates and the days they cover. */
export interface SearchInput {
  aggregates: SearchAggregates;
  /** null when the data did not state its period */
  days: number | null;
}

/** Search Console lower-cases queries; exports and APIs may still differ in spacing. */
export function queryKey(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, " ");
}

interface Sum {
  clicks: number;
  impressions: number;
  weighted: number;
  positioned: number;
}

const newSum = (): Sum => ({ clicks: 0, impressions: 0, weighted: 0, positioned: 0 });

function add(s: Sum, f: SearchFact): void {
  s.clicks += f.clicks;
  s.impressions += f.impressions;
  if (f.position !== null && f.impressions > 0) {
    s.weighted += f.position * f.impressions;
    s.positioned += f.impressions;
  }
}

const position = (s: Sum) => (s.positioned > 0 ? s.weighted / s.positioned : null);
const ctr = (s: Sum) => (s.impressions > 0 ? s.clicks / s.impressions : 0);
const byClicks = <T extends { clicks: number; impressions: number }>(a: T, b: T) => b.clicks - a.clicks || b.impressions - a.impressions;

function sumBy<K>(facts: SearchFact[], key: (f: SearchFact) => K | null): Map<K, Sum> {
  const out = new Map<K, Sum>();
  for (const f of facts) {
    const k = key(f);
    if (k === null) continue;
    const s = out.get(k) ?? newSum();
    add(s, f);
    out.set(k, s);
  }
  return out;
}

/**
 * Aggregates for every page in `pageUrls`. Page totals come from the "page" rows when there are any (they include
 * anonymised queries, which "query" + "page" rows leave out), otherwise from the query rows of the page.
 */
export function aggregateSearch(pageUrls: string[], e: SearchEvidence): SearchAggregates {
  const hasSearchConsole = e.pageFacts.length + e.queryPageFacts.length + e.queryFacts.length > 0;
  const pageTotals = sumBy(e.pageFacts.length ? e.pageFacts : e.queryPageFacts, (f) => f.url);
  const pageQueries = new Map<string, Map<string, Sum>>();
  for (const f of e.queryPageFacts) {
    if (f.url === null || f.query === null) continue;
    const perPage = pageQueries.get(f.url) ?? new Map<string, Sum>();
    const k = queryKey(f.query);
    const s = perPage.get(k) ?? newSum();
    add(s, f);
    perPage.set(k, s);
    pageQueries.set(f.url, perPage);
  }
  const traffic = new Map<string, { sessions: number; engaged: number; engagedKnown: boolean; seconds: number; secondsWeight: number; rate: number; rateWeight: number }>();
  for (const t of e.traffic) {
    const a = traffic.get(t.url) ?? { sessions: 0, engaged: 0, engagedKnown: false, seconds: 0, secondsWeight: 0, rate: 0, rateWeight: 0 };
    const sessions = t.sessions ?? 0;
    a.sessions += sessions;
    if (t.engagedSessions !== null) [a.engaged, a.engagedKnown] = [a.engaged + t.engagedSessions, true];
    if (t.engagementSeconds !== null) [a.seconds, a.secondsWeight] = [a.seconds + t.engagementSeconds * Math.max(sessions, 1), a.secondsWeight + Math.max(sessions, 1)];
    if (t.engagementRate !== null) [a.rate, a.rateWeight] = [a.rate + t.engagementRate * Math.max(sessions, 1), a.rateWeight + Math.max(sessions, 1)];
    traffic.set(t.url, a);
  }
  const hasTraffic = e.traffic.length > 0;

  const pages = new Map<string, PageSearchAggregate>();
  for (const url of pageUrls) {
    const s = pageTotals.get(url) ?? newSum();
    const t = traffic.get(url);
    const queries = [...(pageQueries.get(url) ?? new Map<string, Sum>()).entries()]
      .map(([query, q]) => ({ query, clicks: q.clicks, impressions: q.impressions, position: position(q) }))
      .sort((a, b) => byClicks(a, b) || (a.query < b.query ? -1 : 1));
    pages.set(url, {
      url,
      clicks: hasSearchConsole ? s.clicks : null,
      impressions: hasSearchConsole ? s.impressions : null,
      ctr: hasSearchConsole ? ctr(s) : null,
      position: hasSearchConsole ? position(s) : null,
      queries,
      sessions: hasTraffic ? (t?.sessions ?? 0) : null,
      engagedSessions: t?.engagedKnown ? t.engaged : null,
      engagementRate: t ? (t.engagedKnown && t.sessions > 0 ? t.engaged / t.sessions : t.rateWeight > 0 ? t.rate / t.rateWeight : null) : null,
      engagementSeconds: t && t.secondsWeight > 0 ? t.seconds / t.secondsWeight : null,
    });
  }

  const queries = new Map<string, QueryAggregate>();
  const perQueryPage = new Map<string, Map<string, Sum>>();
  for (const f of e.queryPageFacts) {
    if (f.query === null) continue;
    const k = queryKey(f.query);
    const m = perQueryPage.get(k) ?? new Map<string, Sum>();
    // rows whose page matched no crawled page still count in the query's totals
    const pageKey = f.url ?? "";
    const s = m.get(pageKey) ?? newSum();
    add(s, f);
    m.set(pageKey, s);
    perQueryPage.set(k, m);
  }
  for (const [query, m] of perQueryPage) {
    const total = newSum();
    for (const s of m.values()) {
      total.clicks += s.clicks;
      total.impressions += s.impressions;
      total.weighted += s.weighted;
      total.positioned += s.positioned;
    }
    const list = [...m.entries()]
      .filter(([url]) => url !== "")
      .map(([url, s]) => ({ url, clicks: s.clicks, impressions: s.impressions, position: position(s), clickShare: total.clicks > 0 ? s.clicks / total.clicks : 0, impressionShare: total.impressions > 0 ? s.impressions / total.impressions : 0 }))
      .sort((a, b) => byClicks(a, b) || (a.url < b.url ? -1 : 1));
    queries.set(query, { query, clicks: total.clicks, impressions: total.impressions, ctr: ctr(total), position: position(total), pages: list });
  }
  for (const [query, s] of sumBy(e.queryFacts, (f) => (f.query === null ? null : queryKey(f.query)))) {
    if (!queries.has(query)) queries.set(query, { query, clicks: s.clicks, impressions: s.impressions, ctr: ctr(s), position: position(s), pages: [] });
  }
  return { hasSearchConsole, hasQueries: queries.size > 0, hasTraffic, pages, queries };
}
