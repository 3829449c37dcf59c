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

/**
 * Session-id parameters of common server stacks (PHP, Java servlets, ASP, ColdFusion, osCommerce, Zen Cart): a new
 * value per visitor for the same page, so a crawler given a fresh one on every response stores the site again and again.
 */
const SESSION_PARAMS = new Set(["phpsessid", "jsessionid", "sessionid", "session_id", "sessid", "cfid", "cftoken", "oscsid", "zenid"]);
/** `sid` is a session id in phpBB and many others but a story id elsewhere: only a token-like value (16+ letters and digits) is dropped. */
const SESSION_TOKEN = /^(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{16,}$/i;
/** `;jsessionid=...` path parameters (servlet URL rewriting) and ASP.NET cookieless-session segments `/(S(...))/`. */
const PATH_SESSION = /;(?:jsessionid|phpsessid|sessionid|sid)=[^/;?]*/gi;
const ASPNET_SESSION_SEGMENT = /\/\([A-Z]\([^)/]*\)(?:[A-Z]\([^)/]*\))*\)(?=\/)/g;

function isSessionParam(name: string, value: string): boolean {
  const n = name.toLowerCase();
  return SESSION_PARAMS.has(n) || n.startsWith("aspsessionid") || (n === "sid" && SESSION_TOKEN.test(value));
}

/** Longest URL the crawler queues: the sitemaps.org limit, far beyond real page addresses; longer ones are generated. */
export const MAX_URL_LENGTH = 2_048;

export interface NormalizeOptions {
  stripTrackingParams: boolean;
  sortQueryParams: boolean;
}

/**
 * The canonical string form of a URL: lower-case scheme and host (WHATWG URL), default port dropped, dot segments
 * resolved, fragment dropped, tracking and session-id parameters dropped and the query sorted when asked. Returns null
 * for anything that is not http(s) or is longer than MAX_URL_LENGTH.
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
  if (opts.stripTrackingParams && (url.pathname.includes(";") || url.pathname.includes("/("))) {
    url.pathname = url.pathname.replace(PATH_SESSION, "").replace(ASPNET_SESSION_SEGMENT, "");
  }
  if (url.search) {
    let params = [...url.searchParams.entries()];
    if (opts.stripTrackingParams) params = params.filter(([k, v]) => !isTrackingParam(k) && !isSessionParam(k, v));
    if (opts.sortQueryParams) params.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    if (opts.stripTrackingParams || opts.sortQueryParams) {
      url.search = params.length === 0 ? "" : new URLSearchParams(params).toString();
    }
  }
  return url.href.length > MAX_URL_LENGTH ? null : url.href;
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

export type ScopeDecision = "in" | "other-host" | "other-port" | "excluded" | "not-included";

/**
 * Whether a normalised URL belongs to the crawl: the start's host (its www twin, or a subdomain when asked) on the
 * start's port, then include/exclude patterns. Ports compare as written in the normalised URL, where a scheme's default
 * port is empty: http and https on their default ports are one site (the usual upgrade), while another port of the
 * host (`site:8080`, `site:6379`) is another service and never crawled.
 */
export function scopeOf(url: string, start: URL, opts: Pick<CrawlOptions, "includeSubdomains" | "include" | "exclude">): ScopeDecision {
  const u = new URL(url);
  const root = start.hostname.replace(/^www\./, "");
  const host = u.hostname;
  const sameHost = host === start.hostname || host === `www.${root}` || host === root;
  if (!sameHost && !(opts.includeSubdomains && host.endsWith(`.${root}`))) return "other-host";
  if (u.port !== start.port) return "other-port";
  if (opts.exclude.some((p) => matchesPattern(url, p))) return "excluded";
  if (opts.include.length > 0 && url !== start.href && !opts.include.some((p) => matchesPattern(url, p))) return "not-included";
  return "in";
}
