import os from "node:os";
import type { Logger } from "pino";
import { AppError } from "../errors";
import { PageRenderer } from "../render/renderer";
import type { SubresourceSource } from "../render/request-gate";
import { compileRules } from "./custom-extract";
import type { Fetcher } from "./fetch";
import { PageReader } from "./page-reader";
import type { RobotsCache } from "./robots";
import type { CrawlOptions } from "./types";
import { scopeOf } from "./urls";

/** Pages rendered at once at most (each a Chromium renderer of 50-150 MB); fewer when the crawl's concurrency is lower. */
export const MAX_RENDER_SLOTS = 4;

/**
 * The requests of rendered pages follow the crawl's rules: the start URL's host and port only (the include and exclude
 * patterns choose pages, not the scripts and data they load), robots.txt, and the crawl's fetcher with its
 * connect-time private-address guard, redirect checks and size caps.
 */
export function subresourceSource(fetcher: Fetcher, robots: RobotsCache, options: CrawlOptions, norm: (u: string) => string | null): SubresourceSource {
  const start = new URL(options.startUrl);
  const site = { ...options, include: [], exclude: [] };
  const refuseReason = async (url: string): Promise<string | null> => {
    const u = norm(url);
    if (!u) return "invalid";
    if (scopeOf(u, start, site) !== "in") return "out_of_scope";
    if (options.respectRobots && !(await robots.isAllowed(u))) return "robots";
    return null;
  };
  return {
    refuse: refuseReason,
    fetch: async (url, signal) => {
      const chunks: Buffer[] = [];
      const r = await fetcher.fetchResource(url, signal, {
        maxBytes: options.maxBytesPerPage,
        checkRedirect: (next) => (scopeOf(next, start, site) !== "in" ? "out_of_scope" : robots.isAllowedSync(next) === false ? "robots" : null),
        onData: (chunk) => void chunks.push(chunk),
      });
      if (r.errorCode !== null || r.status === 0 || r.truncated) return null;
      return { status: r.status, contentType: r.contentType, body: Buffer.concat(chunks) };
    },
  };
}

/**
 * The crawl's page reader: rendering as the scan's mode asks (Chromium checked before the first page: `always` without
 * it is an error, `auto` reads raw HTML with a warning), custom extraction compiled when the scan has rules.
 */
export async function createPageReader(
  options: CrawlOptions,
  deps: { botToken: string; normalize: (u: string) => string | null; source: SubresourceSource; logger?: Logger },
): Promise<PageReader> {
  const evaluate = options.extract.length > 0 ? await compileRules(options.extract) : null;
  let renderer: PageRenderer | null = null;
  let missing: string | null = null;
  if (options.render !== "off") {
    if (PageRenderer.available(options.chromiumPath)) {
      const slots = Math.max(1, Math.min(options.concurrency, MAX_RENDER_SLOTS, os.availableParallelism() + 1));
      renderer = new PageRenderer({ chromiumPath: options.chromiumPath, slots, deadlineMs: options.renderDeadlineMs, userAgent: options.userAgent, source: deps.source, logger: deps.logger });
    } else {
      missing = `Chromium was not found at ${options.chromiumPath} (apt-get install chromium, or set TOPICGATE_CHROMIUM_PATH)`;
      if (options.render === "always") throw new AppError("not_configured", `--render always needs Chromium: ${missing}`);
      deps.logger?.warn({ chromiumPath: options.chromiumPath }, "Chromium is missing: pages are read from their raw HTML");
    }
  }
  const reader = new PageReader({ mode: options.render, botToken: deps.botToken, normalize: deps.normalize, renderer, evaluate, logger: deps.logger });
  if (missing) reader.markUnavailable(missing);
  return reader;
}
