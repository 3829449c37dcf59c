import { normaliseAnchor } from "./anchors";
import { isWebUrl, sameUrl } from "./page-index";
import { EMPTY_PAGE_WORDS, resolveLinks, type ResolvedLink } from "./resolve-links";
import type { AnalysisLink, LinkPosition } from "./types";

/**
 * The internal link graph as index sets. Content links carry topical authority; navigation, header,
 * footer and aside links are site template and are counted separately (they repeat on every page).
 */

export const CONTENT_POSITIONS: ReadonlySet<LinkPosition> = new Set(["content"]);

/** How the site uses one anchor text (in its normal form, see normaliseAnchor) across its internal links. */
export interface AnchorUse {
  /** target page -> links carrying this text to it, any position */
  targets: Map<number, number>;
  /** the text as written -> links carrying it */
  forms: Map<string, number>;
  /** pages that carry this text on a content link to another page */
  contentSources: Set<number>;
}

export interface LinkGraph {
  contentOut: Set<number>[];
  contentIn: Set<number>[];
  /** content links without rel=nofollow: the edges PageRank follows */
  followEdges: [number, number][];
  templateOut: Set<number>[];
  templateIn: Set<number>[];
  /** every existing internal link, any position, as from * pageCount + to (see pairKey) */
  existing: Set<number>;
  pageCount: number;
  brokenOut: Int32Array;
  contentLinkCount: number;
  templateLinkCount: number;
  brokenLinkCount: number;
  /** anchor texts of internal links to analysed pages, by normal form */
  anchors: Map<string, AnchorUse>;
  /** words in the anchors of each page's content links, every link counted (the text is on the page each time) */
  contentLinkWords: Int32Array;
}

export { findPage, sameUrl } from "./page-index";

/**
 * Does the page name another URL as its canonical? Only an absolute http(s) URL counts: search engines ignore
 * anything else (a `file:` canonical left by a documentation package's build, a relative path that failed to resolve).
 */
export function canonicalisedElsewhere(page: { url: string; canonical: string | null }): boolean {
  if (page.canonical === null || !isWebUrl(page.canonical)) return false;
  return !sameUrl(page.canonical, page.url);
}

/** Numeric key of a (from, to) page pair: exact for sites below 2^26 pages. */
export function pairKey(g: { pageCount: number }, from: number, to: number): number {
  return from * g.pageCount + to;
}

/** The graph of links resolved without fetch records or canonicals: any unknown URL of the site is broken. */
export function buildLinkGraph(siteUrl: string, urls: string[], links: AnalysisLink[]): LinkGraph {
  const pages = urls.map((url) => ({ url, canonical: null, contentHash: null, wordCount: EMPTY_PAGE_WORDS, depth: 0 }));
  return linkGraphOf(urls.length, resolveLinks(siteUrl, pages, links).links);
}

/** The link graph of `n` pages from links resolved to the pages they reach (see resolveLinks). */
export function linkGraphOf(n: number, links: ResolvedLink[]): LinkGraph {
  const g: LinkGraph = {
    contentOut: Array.from({ length: n }, () => new Set<number>()),
    contentIn: Array.from({ length: n }, () => new Set<number>()),
    followEdges: [],
    templateOut: Array.from({ length: n }, () => new Set<number>()),
    templateIn: Array.from({ length: n }, () => new Set<number>()),
    existing: new Set<number>(),
    pageCount: n,
    brokenOut: new Int32Array(n),
    contentLinkCount: 0,
    templateLinkCount: 0,
    brokenLinkCount: 0,
    anchors: new Map(),
    contentLinkWords: new Int32Array(n),
  };
  const follow = new Set<number>();
  const broken = new Set<string>();
  for (const r of links) {
    const { link, from, to } = r;
    if (CONTENT_POSITIONS.has(link.position)) g.contentLinkWords[from] += (link.anchor.match(/\S+/g) ?? []).length;
    if (to < 0) {
      const key = `${from} ${r.written}`;
      if (r.brokenStatus > 0 && !broken.has(key)) {
        broken.add(key);
        g.brokenOut[from]++;
        g.brokenLinkCount++;
      }
      continue;
    }
    // a link to the page itself still says which page the text names
    recordAnchor(g.anchors, link, from, to);
    if (to === from) continue;
    const pair = pairKey(g, from, to);
    g.existing.add(pair);
    if (CONTENT_POSITIONS.has(link.position)) {
      if (!g.contentOut[from].has(to)) g.contentLinkCount++;
      g.contentOut[from].add(to);
      g.contentIn[to].add(from);
      if (!link.nofollow && !follow.has(pair)) {
        follow.add(pair);
        g.followEdges.push([from, to]);
      }
    } else {
      if (!g.templateOut[from].has(to)) g.templateLinkCount++;
      g.templateOut[from].add(to);
      g.templateIn[to].add(from);
    }
  }
  return g;
}

function recordAnchor(anchors: Map<string, AnchorUse>, link: AnalysisLink, from: number, to: number): void {
  const text = (link.anchor ?? "").replace(/\s+/g, " ").trim();
  const key = normaliseAnchor(text);
  if (key === "") return;
  let use = anchors.get(key);
  if (!use) anchors.set(key, (use = { targets: new Map(), forms: new Map(), contentSources: new Set() }));
  use.targets.set(to, (use.targets.get(to) ?? 0) + 1);
  use.forms.set(text, (use.forms.get(text) ?? 0) + 1);
  // a page's links to its own sections (a table of contents) are not another page naming it
  if (CONTENT_POSITIONS.has(link.position) && from !== to) use.contentSources.add(from);
}
