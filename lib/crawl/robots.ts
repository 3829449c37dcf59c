import robotsParser from "robots-parser";
import type { Fetcher, FetchResult } from "./fetch";
import type { RobotsSummary } from "./types";

/** RFC 9309 section 2.5: crawlers must parse at least 500 KiB; we read exactly that much and ignore the rest. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** RFC 9309 section 2.3.1.2: at least five consecutive redirects are followed; past them robots.txt is unavailable. */
export const ROBOTS_MAX_REDIRECTS = 5;
/** Crawl-delay above this is clamped: a robots.txt cannot stall a scan for minutes per page. */
export const MAX_CRAWL_DELAY_MS = 30_000;

type Rules = ReturnType<typeof robotsParser>;

interface OriginRobots {
  status: number;
  /** why the rules could not be read, when they could not */
  error?: string;
  mode: "allow-all" | "rules" | "disallow-all";
  rules: Rules | null;
  crawlDelayMs: number;
  sitemaps: string[];
}

/** Cuts a robots.txt at the parse limit, on a line boundary so no rule is half-read. */
export function truncateRobots(text: string): string {
  const buf = Buffer.from(text, "utf8");
  if (buf.length <= ROBOTS_MAX_BYTES) return text;
  const cut = buf.subarray(0, ROBOTS_MAX_BYTES).toString("utf8");
  const nl = cut.lastIndexOf("\n");
  return nl >= 0 ? cut.slice(0, nl) : cut;
}

/**
 * Interprets a robots.txt response per RFC 9309: 2xx = rules, 4xx = "unavailable" (allow all), 5xx or network
 * failure = "unreachable" (disallow all). The rule matching itself is robots-parser's (longest match, Allow wins
 * ties, `*` and `$`, user-agent product token matching), which test/unit/crawl/robots.test.ts pins.
 */
export function interpretRobots(robotsUrl: string, status: number, body: string | null, userAgent: string): OriginRobots {
  if (status >= 200 && status < 300 && body !== null) {
    const rules = robotsParser(robotsUrl, truncateRobots(body));
    const delay = rules.getCrawlDelay(userAgent);
    return {
      status,
      mode: "rules",
      rules,
      crawlDelayMs: delay === undefined ? 0 : Math.min(MAX_CRAWL_DELAY_MS, Math.max(0, delay * 1000)),
      sitemaps: rules.getSitemaps(),
    };
  }
  if (status >= 400 && status < 500) return { status, mode: "allow-all", rules: null, crawlDelayMs: 0, sitemaps: [] };
  return { status, mode: "disallow-all", rules: null, crawlDelayMs: 0, sitemaps: [] };
}

/**
 * What a robots.txt fetch means beyond its status: too many redirects is "unavailable" (RFC 9309 2.3.1.2: allow all);
 * a redirect out of the crawl's scope is not followed, and rules we did not read count as "unreachable" (disallow
 * all), as does 429: the site asks us to slow down, not says it has no rules (Google reads it the same way).
 */
export function interpretRobotsFetch(url: string, r: FetchResult, body: string | null, userAgent: string): OriginRobots {
  if (r.errorCode === "too_many_redirects") return { ...interpretRobots(url, 404, null, userAgent), status: r.status, error: r.error ?? undefined };
  if (r.errorCode) return { ...interpretRobots(url, 0, null, userAgent), error: r.error ?? r.errorCode };
  if (r.status === 429) return { ...interpretRobots(url, 0, null, userAgent), status: 429, error: "HTTP 429 (too many requests)" };
  return interpretRobots(url, r.status, body, userAgent);
}

/** robots.txt per origin, fetched once per crawl run, and only for origins of the crawl (`inScope`). */
export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<OriginRobots>>();
  blocked = 0;

  constructor(
    private readonly fetcher: Fetcher,
    private readonly userAgent: string,
    private readonly enabled: boolean,
    private readonly inScope: (url: string) => boolean = () => true,
  ) {}

  private load(origin: string): Promise<OriginRobots> {
    let p = this.byOrigin.get(origin);
    if (!p) {
      const url = `${origin}/robots.txt`;
      const chunks: Buffer[] = [];
      p = this.fetcher
        .fetchResource(url, undefined, {
          maxBytes: ROBOTS_MAX_BYTES,
          maxRedirects: ROBOTS_MAX_REDIRECTS,
          checkRedirect: (next) => (this.inScope(next) ? null : "out_of_scope"),
          onData: (chunk) => void chunks.push(Buffer.from(chunk)),
        })
        .then((r) => interpretRobotsFetch(url, r, chunks.length ? Buffer.concat(chunks).toString("utf8") : r.status < 300 ? "" : null, this.userAgent));
      this.byOrigin.set(origin, p);
    }
    return p;
  }

  async forUrl(url: string): Promise<OriginRobots> {
    return this.load(new URL(url).origin);
  }

  /** Synchronous check for redirect hops once the origin is loaded; unknown origins are allowed here and re-checked on fetch. */
  private readonly settled = new Map<string, OriginRobots>();
  async isAllowed(url: string): Promise<boolean> {
    if (!this.enabled) return true;
    const o = await this.forUrl(url);
    this.settled.set(new URL(url).origin, o);
    const ok = allowedBy(o, url, this.userAgent);
    if (!ok) this.blocked++;
    return ok;
  }

  isAllowedSync(url: string): boolean | null {
    if (!this.enabled) return true;
    const o = this.settled.get(new URL(url).origin);
    return o ? allowedBy(o, url, this.userAgent) : null;
  }

  async crawlDelayMs(url: string): Promise<number> {
    if (!this.enabled) return 0;
    return (await this.forUrl(url)).crawlDelayMs;
  }

  async summary(): Promise<RobotsSummary> {
    const out: RobotsSummary = { status: {}, mode: {}, errors: {}, crawlDelayMs: 0, blocked: this.blocked, sitemaps: [] };
    for (const [origin, p] of this.byOrigin) {
      const o = await p;
      out.status[origin] = o.status;
      out.mode[origin] = o.mode;
      if (o.error) out.errors[origin] = o.error;
      out.crawlDelayMs = Math.max(out.crawlDelayMs, o.crawlDelayMs);
      out.sitemaps.push(...o.sitemaps);
    }
    return out;
  }
}

function allowedBy(o: OriginRobots, url: string, userAgent: string): boolean {
  if (o.mode === "allow-all") return true;
  if (o.mode === "disallow-all") return false;
  // robots.txt itself is always fetchable (RFC 9309 section 2.2.2 implies it; robots-parser agrees)
  return o.rules?.isAllowed(url, userAgent) ?? true;
}
