import type { Logger } from "pino";
import type { RenderMode, RenderSummary } from "../render/types";
import type { LookupAll } from "./address-guard";
import type { ExtractionRule } from "./custom-extract";

export interface CrawlOptions {
  startUrl: string;
  maxPages: number;
  maxDepth: number;
  maxBytesPerPage: number;
  timeBudgetMs: number;
  concurrency: number;
  perHostDelayMs: number;
  userAgent: string;
  allowPrivate: boolean;
  includeSubdomains: boolean;
  /** URL patterns (substring, or /regex/ when wrapped in slashes); when non-empty a URL must match one */
  include: string[];
  /** URL patterns (substring or /regex/); a matching URL is not crawled */
  exclude: string[];
  stripTrackingParams: boolean;
  sortQueryParams: boolean;
  respectRobots: boolean;
  maxRedirects: number;
  retries: number;
  /** whole-request deadline (all hops and the body); defaults to REQUEST_TIMEOUT_MS */
  requestTimeoutMs?: number;
  /** off: raw HTML only; auto: render pages whose raw HTML looks like a shell; always: render every page */
  render: RenderMode;
  /** the Chromium rendering starts (TOPICGATE_CHROMIUM_PATH) */
  chromiumPath: string;
  /** a rendered page's deadline; defaults to RENDER_DEADLINE_MS */
  renderDeadlineMs?: number;
  /** custom extraction rules evaluated on every page (Cheerio is not loaded without them) */
  extract: ExtractionRule[];
}

/** Defaults sized for a typical marketing or documentation site on a shared worker. */
export const DEFAULT_CRAWL_OPTIONS: Omit<CrawlOptions, "startUrl"> = {
  maxPages: 500,
  maxDepth: 10,
  // 5 MiB: far above any real HTML page (the HTTP Archive median is ~30 KiB), small enough to stop a hostile body.
  maxBytesPerPage: 5 * 1024 * 1024,
  timeBudgetMs: 30 * 60_000,
  concurrency: 4,
  perHostDelayMs: 0,
  userAgent: "TopicGateBot/0.1 (+https://topicgate.dev/bot)",
  allowPrivate: false,
  includeSubdomains: false,
  include: [],
  exclude: [],
  stripTrackingParams: true,
  sortQueryParams: true,
  respectRobots: true,
  maxRedirects: 10,
  retries: 2,
  render: "auto",
  chromiumPath: "/usr/bin/chromium",
  extract: [],
};

export function defaultCrawlOptions(startUrl: string, overrides: Partial<CrawlOptions> = {}): CrawlOptions {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<CrawlOptions>;
  return { ...DEFAULT_CRAWL_OPTIONS, ...defined, startUrl };
}

export interface CrawlProgress {
  fetched: number;
  queued: number;
  failed: number;
  bytes: number;
  pagesPerSecond: number;
  elapsedMs: number;
}

export interface RobotsSummary {
  /** HTTP status of robots.txt (0 = unreachable), per origin */
  status: Record<string, number>;
  /** allow-all | rules | disallow-all, per origin */
  mode: Record<string, "allow-all" | "rules" | "disallow-all">;
  /** why an origin's rules could not be read (redirect out of the site, network error, 429...) */
  errors: Record<string, string>;
  crawlDelayMs: number;
  blocked: number;
  sitemaps: string[];
}

export interface CrawlSummary {
  pagesFetched: number;
  htmlPages: number;
  failed: number;
  bytes: number;
  elapsedMs: number;
  stoppedBy: "done" | "maxPages" | "timeBudget" | "cancelled";
  trapsCapped: { pattern: string; count: number }[];
  /** pages that could not be fetched or read in this run, by error code (HTTP errors as `http_4xx`/`http_5xx`) */
  failures: { code: string; count: number; example: { url: string; status: number; error: string | null } }[];
  /** sitemap files read, URLs kept, decoded bytes, whether a cap stopped the reading (null: not read) */
  sitemaps: { files: number; urls: number; bytes: number; truncated: boolean; skipped: string[] } | null;
  sitemapOrphans: string[];
  robots: RobotsSummary;
  /** pages rendered, shells, renders that failed or timed out, and whether Chromium was unavailable */
  render: RenderSummary;
}

export interface CrawlContext {
  signal?: AbortSignal;
  onProgress?: (p: CrawlProgress) => void;
  logger?: Logger;
  workerId?: string;
  /** a claim not renewed for this long is taken over by another worker (default CLAIM_LEASE_MS) */
  leaseMs?: number;
  /** resolver behind the address guard (the system's by default; tests point it at a DNS server of their own) */
  lookup?: LookupAll;
}
