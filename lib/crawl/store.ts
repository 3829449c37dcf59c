/**
 * What the crawler needs from storage, and the records it hands over. lib/db implements these interfaces
 * (`crawlStore(db)`); the crawler itself never sees a database.
 */

import type { LinkPosition } from "./extract";

/** A JSON value as stored in a page's JSON columns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FrontierState = "queued" | "fetching" | "done" | "failed" | "skipped";

export interface NewFrontierUrl {
  url: string;
  depth: number;
  source: "start" | "link" | "sitemap" | "redirect";
  parentUrl: string | null;
}

export interface ClaimedEntry {
  id: number;
  url: string;
  depth: number;
  source: string;
  parentUrl: string | null;
  attempts: number;
}

export interface Claim {
  entries: ClaimedEntry[];
  /** pages of the scan stored by any worker, before this claim */
  stored: number;
  /** URLs being fetched by any worker, before this claim */
  fetching: number;
}

export interface PageRecord {
  url: string;
  requestedUrl: string;
  depth: number;
  status: number;
  contentType: string | null;
  charset: string | null;
  bytes: number;
  responseMs: number;
  redirectChain: JsonValue | null;
  title: string | null;
  metaDescription: string | null;
  canonical: string | null;
  headings: JsonValue | null;
  mainText: string | null;
  wordCount: number;
  language: string | null;
  publishedAt: Date | null;
  modifiedAt: Date | null;
  contentHash: string | null;
  simhash: string | null;
  noindex: boolean;
  nofollow: boolean;
  inSitemap: boolean;
  extra: JsonValue;
}

export interface LinkRecord {
  toUrl: string;
  anchor: string;
  rel: string | null;
  nofollow: boolean;
  position: LinkPosition;
  context: string | null;
}

/** One fetched URL on its way to storage: its page, links and newly found URLs, and the claim it closes. */
export interface PageCommit {
  scanId: string;
  entryId: number;
  workerId: string;
  entryState: "done" | "failed";
  entryError: string | null;
  page: PageRecord | null;
  links: LinkRecord[];
  discovered: NewFrontierUrl[];
  /** custom extraction values by rule name (null or absent: the scan has no rules); stored as PageField rows */
  fields?: Record<string, string | null> | null;
  /** final URL reached through redirects, to be marked done in the frontier */
  redirectTarget: { url: string; depth: number; parentUrl: string } | null;
}

export type CommitOutcome = "saved" | "duplicate" | "lost-claim";

export interface CrawlTotals {
  pages: number;
  htmlPages: number;
  failed: number;
  bytes: number;
}

export interface PageTextUpdate {
  id: number;
  mainText: string;
  wordCount: number;
  contentHash: string;
  simhash: string;
  extra: JsonValue;
}

/** The scan's frontier: URLs known, claimed by a worker, finished. */
export interface FrontierStore {
  /** everything already known about the frontier (a resumed worker rebuilds its in-memory view from this) */
  listFrontierUrls(scanId: string): Promise<{ url: string; depth: number; state: string }[]>;
  enqueueFrontierUrls(scanId: string, urls: NewFrontierUrl[]): Promise<void>;
  countFrontierByState(scanId: string): Promise<Record<FrontierState, number>>;
  /** puts claims of dead workers (or this worker's before a restart) back in the queue; returns how many */
  requeueStaleClaims(scanId: string, staleBefore: Date, workerId: string): Promise<number>;
  renewClaims(scanId: string, workerId: string, now: Date): Promise<void>;
  /** claims up to `limit` queued URLs breadth-first, never past `maxPages` stored plus being fetched */
  claimFrontierEntries(scanId: string, workerId: string, limit: number, now: Date, maxPages: number): Promise<Claim>;
  finishFrontierEntry(id: number, workerId: string, state: FrontierState, error: string | null): Promise<boolean>;
}

/** Where fetched pages go: stored with their links and found URLs, each claim closed in the same write. */
export interface PageSink {
  commitFetchedPages(commits: PageCommit[]): Promise<CommitOutcome[]>;
  crawlTotals(scanId: string): Promise<CrawlTotals>;
  markPagesInSitemap(scanId: string, urls: string[]): Promise<void>;
  /** adds hreflang alternates (from the sitemaps) to the stored pages' own (Page.extra.hreflang), each once */
  addPageAlternates(scanId: string, alternates: Map<string, { lang: string; href: string }[]>): Promise<void>;
  /** of the given URLs, those with a stored page no other page links to */
  findUnlinkedPages(scanId: string, urls: string[]): Promise<string[]>;
}

/** Stored page texts, for the pass that removes blocks repeated across the site. */
export interface PageTextStore {
  listPageBlockHashes(scanId: string, afterId: number, take: number): Promise<{ id: number; extra: unknown }[]>;
  listPageTexts(ids: number[]): Promise<{ id: number; mainText: string | null; extra: unknown }[]>;
  updatePageTexts(updates: PageTextUpdate[]): Promise<void>;
}

export type CrawlStore = FrontierStore & PageSink & PageTextStore;
