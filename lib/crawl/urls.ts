import type { CrawlOptions } from "./types";

/**
 * Known click/campaign tracking parameters. They never select different content, so two URLs that differ only in
 * them are the same page (Google Analytics, Google/Microsoft/Meta/Mailchimp/HubSpot/Marketo click ids).
 */
const TRACKING_PARAMS = new Set([
  "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "fbclid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
  "mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "igshid", "_ga", "_gl", "ref_src", "spm",
]);

function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith("utm_") || TRACKING_PARAMS.has(n);
}

export interface NormalizeOptions {
  stripTrackingParams: boolean;
  sortQueryParams: boolean;
}

/**
 * The canonical string form of a URL: lower-case scheme and host (WHATWG URL), default port dropped, dot segments
 * resolved, fragment dropped, tracking parameters dropped and the query sorted when asked. Returns null for
 * anything that is not http(s).
 */
export function normalizeUrl(input: string, base: string | URL | undefined, opts: NormalizeOptions): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(input.trim()) : new URL(input.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  url.username = "";
  url.password = "";
  if (url.hostname.endsWith(".")) url.hostname = url.hostname.slice(0, -1);
  if (url.search) {
    let params = [...url.searchParams.entries()];
    if (opts.stripTrackingParams) params = params.filter(([k]) => !isTrackingParam(k));
    if (opts.sortQueryParams) params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    if (opts.stripTrackingParams || opts.sortQueryParams) {
      url.search = params.length === 0 ? "" : new URLSearchParams(params).toString();
    }
  }
  return url.href;
}

function matchesPattern(url: string, pattern: string): boolean {
  if (pattern.length > 2 && pattern.startsWith("/") && pattern.endsWith("/")) {
    try {
      return new RegExp(pattern.slice(1, -1)).test(url);
    } catch {
      return false;
    }
  }
  return url.includes(pattern);
}

export type ScopeDecision = "in" | "other-host" | "excluded" | "not-included";

/** Whether a normalised URL belongs to the crawl: same host as the start (or a subdomain), include/exclude patterns. */
export function scopeOf(url: string, start: URL, opts: Pick<CrawlOptions, "includeSubdomains" | "include" | "exclude">): ScopeDecision {
  const u = new URL(url);
  const root = start.hostname.replace(/^www\./, "");
  const host = u.hostname;
  const sameHost = host === start.hostname || host === `www.${root}` || host === root;
  if (!sameHost && !(opts.includeSubdomains && host.endsWith(`.${root}`))) return "other-host";
  if (opts.exclude.some((p) => matchesPattern(url, p))) return "excluded";
  if (opts.include.length > 0 && url !== start.href && !opts.include.some((p) => matchesPattern(url, p))) return "not-included";
  return "in";
}

/** A path segment repeated this many times (`/a/b/a/b/a/b`) is a relative-link loop, not content. */
export const MAX_SEGMENT_REPEATS = 3;
/** URLs sharing one trap pattern beyond this count are not queued (faceted search, calendars, session ids). */
export const MAX_URLS_PER_PATTERN = 50;
/** Paths deeper than this are a generator, not a site (observed real sites stay below ~12). */
export const MAX_PATH_SEGMENTS = 20;

/** A year (1900-2099) followed by a month-like or day-like number: /2026/11, /2026-11-25, /archive/2026/11/03. */
const DATE_PATH = /(^|\/)(19|20)\d\d([/-])(0?[1-9]|1[0-2])(\3(0?[1-9]|[12]\d|3[01]))?(\/|$|[/?#.])/;

/**
 * Pattern of a URL for trap capping, or null when the URL is not part of a generated space. Two spaces are capped:
 * calendar-like paths (digits collapsed: `/cal/2026/11` -> `/cal/#/#`) and query variants of one path (the path plus
 * the sorted set of parameter names: `?a=1&b=2` and `?b=3&a=1` share a pattern). Plain numeric ids (`/p/123`) are not
 * traps and are never capped.
 */
export function trapPattern(url: string): string | null {
  const u = new URL(url);
  const names = [...new Set([...u.searchParams.keys()])].sort();
  const dateLike = DATE_PATH.test(u.pathname);
  if (!dateLike && names.length === 0) return null;
  const path = dateLike ? u.pathname.replace(/\d+/g, "#") : u.pathname;
  return names.length === 0 ? path : `${path}?${names.join("&")}`;
}

/** True for paths that repeat a segment or nest absurdly deep: never worth a request. */
export function isPathTrap(url: string): boolean {
  const segments = new URL(url).pathname.split("/").filter(Boolean);
  if (segments.length > MAX_PATH_SEGMENTS) return true;
  const counts = new Map<string, number>();
  for (const s of segments) {
    const c = (counts.get(s) ?? 0) + 1;
    if (c >= MAX_SEGMENT_REPEATS) return true;
    counts.set(s, c);
  }
  return false;
}

/** Counts URLs per trap pattern and refuses those past the cap; the counts go into the crawl summary. */
export class TrapGuard {
  private readonly counts = new Map<string, number>();
  private readonly capped = new Map<string, number>();
  constructor(private readonly limit = MAX_URLS_PER_PATTERN) {}

  /** Record an already-known URL (on resume) without judging it. */
  seed(url: string): void {
    const p = trapPattern(url);
    if (p !== null) this.counts.set(p, (this.counts.get(p) ?? 0) + 1);
  }

  admit(url: string): boolean {
    if (isPathTrap(url)) {
      const key = "repeated-path-segments";
      this.capped.set(key, (this.capped.get(key) ?? 0) + 1);
      return false;
    }
    const p = trapPattern(url);
    if (p === null) return true;
    const c = this.counts.get(p) ?? 0;
    if (c >= this.limit) {
      this.capped.set(p, (this.capped.get(p) ?? 0) + 1);
      return false;
    }
    this.counts.set(p, c + 1);
    return true;
  }

  report(): { pattern: string; count: number }[] {
    return [...this.capped.entries()].map(([pattern, count]) => ({ pattern, count })).sort((a, b) => b.count - a.count);
  }
}
