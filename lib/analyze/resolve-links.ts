import { findPage, hostOf, isWebUrl, sameUrl, stripFragment } from "./page-index";
import type { AnalysisFetch, AnalysisLink, AnalysisPage } from "./types";

/**
 * Every link resolved to the page it reaches: through the redirects the crawl followed, and through canonicals that
 * name another page of the site (a `?p=123` URL, a print version, the same content under a second URL). The link
 * graph, PageRank, orphans and suggestions then see the real target; a link written to a redirecting URL is a site
 * issue, not a broken link.
 */

// When more than half of the pages name canonicals on one other host, the site is a copy of that host (a staging site
// pointing at production, a mirror): its canonicals say where the original lives, not that each page is a duplicate,
// so the pages are audited as they are and the site gets one issue. A majority, so a few syndicated pages do not decide.
export const CANONICAL_COPY_SHARE = 0.5;
// Pages with fewer words than this have no text of their own in their HTML (built by a script, or blank): their
// identical hashes say nothing about duplicated content.
export const EMPTY_PAGE_WORDS = 10;
// Canonicals and identical pages are followed this many steps (a chain longer than this is a loop).
const MAX_FOLD_STEPS = 8;

export interface ResolvedLink {
  link: AnalysisLink;
  from: number;
  /** analysed page reached (the page it stands for), or -1 */
  to: number;
  /** status of the error the target answered (after its redirects); 0 when it is not broken */
  brokenStatus: number;
  /** redirects between the URL written and the page reached */
  hops: number;
  /** the URL as written, fragment dropped */
  written: string;
  /** the final URL the written one redirects to (when hops > 0) */
  finalUrl: string | null;
  /** the target is on the site's host */
  sameSite: boolean;
}

export interface LinkResolution {
  links: ResolvedLink[];
  /** the page each page stands for in the link graph: itself, or the page it is folded into */
  standsFor: Int32Array;
  /** why a page is folded into another (its canonical, or the same content), for its reasons */
  foldReason: (string | null)[];
  /** the page names a canonical off this site (or one not crawled): it is not audited as content */
  canonicalisedAway: boolean[];
  /** pages without text of their own in their HTML */
  empty: boolean[];
  /** the host most pages name as canonical when it is not this one: the site is a copy of it */
  copyOf: { host: string; origin: string; pages: number[] } | null;
}

export type ResolvablePage = Pick<AnalysisPage, "url" | "canonical" | "contentHash" | "wordCount" | "depth">;

/** Same URL without its scheme: a canonical written https:// names the page crawled over http://. */
function otherScheme(url: string): string {
  return url.startsWith("https://") ? `http://${url.slice(8)}` : url.startsWith("http://") ? `https://${url.slice(7)}` : url;
}

export function resolveLinks(siteUrl: string, pages: ResolvablePage[], links: AnalysisLink[], fetches?: AnalysisFetch[]): LinkResolution {
  const n = pages.length;
  const index = new Map(pages.map((p, i) => [p.url, i]));
  const siteHost = hostOf(siteUrl);
  const redirects = new Map<string, { url: string; hops: number }>();
  const status = new Map<string, number>();
  for (const f of fetches ?? []) {
    status.set(stripFragment(f.url), f.status);
    if (f.requestedUrl !== f.url) {
      redirects.set(stripFragment(f.requestedUrl), { url: f.url, hops: Math.max(1, f.redirectHops) });
      status.set(stripFragment(f.requestedUrl), f.status);
    }
  }
  const redirectOf = (url: string) => redirects.get(url) ?? redirects.get(url.endsWith("/") ? url.slice(0, -1) : `${url}/`);
  const lookup = (url: string): number | undefined => {
    const u = stripFragment(url);
    const direct = findPage(index, u) ?? findPage(index, otherScheme(u));
    if (direct !== undefined) return direct;
    const r = redirectOf(u) ?? redirectOf(otherScheme(u));
    return r ? findPage(index, r.url) : undefined;
  };

  const copyOf = copiedHost(pages, siteHost);
  const empty = pages.map((p) => p.wordCount < EMPTY_PAGE_WORDS);
  const foldInto = new Int32Array(n).fill(-1);
  const foldReason: (string | null)[] = new Array(n).fill(null);
  const canonicalisedAway = new Array<boolean>(n).fill(false);
  pages.forEach((p, i) => {
    const c = p.canonical;
    if (c === null || !isWebUrl(c) || sameUrl(c, p.url) || (copyOf !== null && hostOf(c) === copyOf.host)) return;
    const j = lookup(c);
    if (j !== undefined && j !== i) {
      foldInto[i] = j;
      foldReason[i] = `canonicalised to ${pages[j].url}`;
    } else if (j === undefined) canonicalisedAway[i] = true;
  });
  // The same text at several URLs is one page reached several ways (URL variants, archive permalinks): it folds into
  // the URL the site links most, then the one without a query, nearest the home page, shortest.
  const linkedFrom = Array.from({ length: n }, () => new Set<string>());
  for (const link of links) {
    const to = lookup(link.toUrl);
    if (to !== undefined) linkedFrom[to].add(link.fromUrl);
  }
  const byHash = new Map<string, number[]>();
  pages.forEach((p, i) => {
    if (empty[i] || foldInto[i] >= 0 || canonicalisedAway[i] || !p.contentHash) return;
    let list = byHash.get(p.contentHash);
    if (!list) byHash.set(p.contentHash, (list = []));
    list.push(i);
  });
  const rank = (i: number) => [-linkedFrom[i].size, pages[i].url.includes("?") ? 1 : 0, Math.max(0, pages[i].depth), pages[i].url.length, i];
  for (const group of byHash.values()) {
    if (group.length < 2) continue;
    const keep = group.reduce((best, i) => (compareRanks(rank(i), rank(best)) < 0 ? i : best));
    for (const i of group) if (i !== keep) {
      foldInto[i] = keep;
      foldReason[i] = `the same content as ${pages[keep].url} under another URL`;
    }
  }
  const standsFor = Int32Array.from({ length: n }, (_, i) => {
    let j = i;
    for (let step = 0; step < MAX_FOLD_STEPS && foldInto[j] >= 0; step++) j = foldInto[j];
    return foldInto[j] >= 0 ? i : j;
  });
  for (let i = 0; i < n; i++) if (standsFor[i] === i && foldInto[i] >= 0) {
    // a canonical loop: none of its pages is the original, so none is folded
    foldReason[i] = null;
  }

  const resolved: ResolvedLink[] = [];
  for (const link of links) {
    const fromPage = findPage(index, link.fromUrl);
    if (fromPage === undefined) continue;
    const written = stripFragment(link.toUrl);
    const sameSite = siteHost !== null && hostOf(written) === siteHost;
    let to = findPage(index, written);
    let hops = 0;
    let finalUrl: string | null = null;
    let brokenStatus = 0;
    if (to === undefined) {
      const r = redirectOf(written);
      if (r) {
        hops = r.hops;
        finalUrl = r.url;
        to = findPage(index, r.url);
      }
      if (to === undefined && sameSite) {
        const s = status.get(finalUrl ?? written) ?? status.get(written);
        // without fetch records, an unknown URL of the site is taken as broken; with them, only an error is
        if (s !== undefined ? s >= 400 : fetches === undefined) brokenStatus = s ?? 404;
      }
    }
    resolved.push({ link, from: standsFor[fromPage], to: to === undefined ? -1 : standsFor[to], brokenStatus, hops, written, finalUrl, sameSite });
  }
  return { links: resolved, standsFor, foldReason, canonicalisedAway, empty, copyOf };
}

function compareRanks(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

/** The other host that more than CANONICAL_COPY_SHARE of the pages name as canonical, with those pages. */
function copiedHost(pages: ResolvablePage[], siteHost: string | null): LinkResolution["copyOf"] {
  const byHost = new Map<string, { origin: string; pages: number[] }>();
  pages.forEach((p, i) => {
    if (p.canonical === null || !isWebUrl(p.canonical)) return;
    const host = hostOf(p.canonical);
    if (host === null || host === siteHost) return;
    let entry = byHost.get(host);
    if (!entry) byHost.set(host, (entry = { origin: new URL(p.canonical).origin, pages: [] }));
    entry.pages.push(i);
  });
  let best: LinkResolution["copyOf"] = null;
  for (const [host, e] of byHost) if (e.pages.length > CANONICAL_COPY_SHARE * pages.length && (best === null || e.pages.length > best.pages.length)) best = { host, ...e };
  return best;
}
