/** The crawler's public API: what lib/pipeline calls. */
export { runCrawl, CLAIM_LEASE_MS, SITEMAP_ONLY_DEPTH } from "./crawler";
export { validateStartUrl } from "./address-guard";
export { defaultCrawlOptions, DEFAULT_CRAWL_OPTIONS } from "./types";
export type { CrawlOptions, CrawlProgress, CrawlSummary, CrawlContext, RobotsSummary } from "./types";
