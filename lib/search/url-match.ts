import { normalizeUrl } from "../crawl/urls";

/**
 * Matches the URLs search tools report to the pages a scan crawled: the same normalisation as the crawler, then the
 * redirects the crawl followed, then canonicals pages declared, then http/https, www and trailing-slash variants.
 * Pure: the crawled addresses come in as data.
 */

export interface CrawledAddress {
  /** final URL of the fetch (the page's URL in the report) */
  url: string;
  requestedUrl: string;
  status: number;
  /** a status 200 HTML page: one of the report's pages */
  analysed: boolean;
  canonical: string | null;
  redirectChain: { url: string }[] | null;
}

export type UnmatchedReason = "not-crawled" | "other-host" | "not-analysed" | "ambiguous" | "invalid-url";
export type MatchVia = "exact" | "redirect" | "canonical" | "variant";

export type UrlMatch = { url: string; via: MatchVia } | { url: null; reason: UnmatchedReason; status?: number };

const NORMALIZE = { stripTrackingParams: true, sortQueryParams: true };

const bareHost = (host: string) => host.toLowerCase().replace(/^www\./, "");

/** http/https, www., a trailing slash and a final index.html are the same page for matching purposes. */
export function looseKey(url: string): string | null {
  const n = normalizeUrl(url, undefined, NORMALIZE);
  if (!n) return null;
  const u = new URL(n);
  let path = u.pathname.replace(/\/index\.(html?|php)$/i, "/");
  try {
    path = decodeURI(path);
  } catch {
    // a malformed escape stays as it is
  }
  if (path.length > 1) path = path.replace(/\/+$/, "");
  return `${bareHost(u.host)}${path}${u.search}`;
}

export function createUrlMatcher(siteUrl: string, pages: CrawledAddress[]): (url: string) => UrlMatch {
  const siteHost = bareHost(new URL(siteUrl).host);
  const norm = (u: string) => normalizeUrl(u, undefined, NORMALIZE);
  const exact = new Map<string, CrawledAddress>();
  const redirected = new Map<string, CrawledAddress>();
  const canonicalOf = new Map<string, Set<CrawledAddress>>();
  const loose = new Map<string, Set<CrawledAddress>>();
  const addLoose = (u: string, p: CrawledAddress) => {
    const k = looseKey(u);
    if (k === null) return;
    const set = loose.get(k) ?? new Set();
    set.add(p);
    loose.set(k, set);
  };
  for (const p of pages) {
    const k = norm(p.url);
    if (k) exact.set(k, p);
    addLoose(p.url, p);
  }
  for (const p of pages) {
    for (const u of [p.requestedUrl, ...(p.redirectChain ?? []).map((h) => h.url)]) {
      const k = norm(u);
      if (k && !exact.has(k)) redirected.set(k, p);
      if (k && !exact.has(k)) addLoose(u, p);
    }
    if (p.analysed && p.canonical) {
      const k = norm(p.canonical);
      if (k && !exact.has(k)) canonicalOf.set(k, (canonicalOf.get(k) ?? new Set()).add(p));
    }
  }
  const resolve = (p: CrawledAddress, via: MatchVia): UrlMatch => (p.analysed ? { url: p.url, via } : { url: null, reason: "not-analysed", status: p.status });

  return (url: string): UrlMatch => {
    const k = norm(url);
    if (!k) return { url: null, reason: "invalid-url" };
    const hit = exact.get(k);
    if (hit) return resolve(hit, "exact");
    const moved = redirected.get(k);
    if (moved) return resolve(moved, "redirect");
    const declared = canonicalOf.get(k);
    if (declared?.size === 1) return resolve([...declared][0], "canonical");
    const variants = loose.get(looseKey(url) as string);
    if (variants) {
      const analysed = [...variants].filter((p) => p.analysed);
      const finals = new Set((analysed.length ? analysed : [...variants]).map((p) => p.url));
      if (finals.size === 1) return resolve(analysed[0] ?? [...variants][0], "variant");
      return { url: null, reason: "ambiguous" };
    }
    if (declared && declared.size > 1) return { url: null, reason: "ambiguous" };
    return { url: null, reason: bareHost(new URL(k).host) === siteHost ? "not-crawled" : "other-host" };
  };
}

export interface UnmatchedExample {
  url: string;
  reason: UnmatchedReason;
  /** HTTP status, when the URL was crawled but is not an analysed page */
  status?: number;
  clicks: number | null;
  impressions: number | null;
  sessions: number | null;
}

/** How the rows of the data sets a scan used matched its pages. */
export interface MatchStats {
  /** rows that name a page (query-only rows have none) */
  pageRows: number;
  matchedRows: number;
  unmatched: { count: number; byReason: Partial<Record<UnmatchedReason, number>>; examples: UnmatchedExample[] };
}
