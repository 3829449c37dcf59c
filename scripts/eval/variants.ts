/**
 * The evaluation's variants of the python3.11 docs, each derived with a fixed seed so every run serves the same
 * sites: links removed (anchor text kept as plain text), pages injected (off-topic, thin, near-duplicate),
 * a subtopic's pages removed, and a degraded copy (links removed and off-topic pages added).
 */
import { createRng } from "../../lib/analyze/random";
import { DocSite, SiteVariant, escapeHtml, pageInTemplate, pageText, pairId, type LinkPair } from "./doc-site";
import { htmlFiles, readHtml } from "./corpora";

export type InjectedKind = "off-topic" | "thin" | "near-duplicate";

export interface InjectedPage {
  path: string;
  kind: InjectedKind;
  /** the real page a thin excerpt or a near-duplicate was made from */
  source?: string;
  /** the real page that links to it */
  linkedFrom: string;
}

export interface Variant {
  name: string;
  /** changes whenever the served site would change: the cache key of its scan */
  key: string;
  pages: Map<string, string>;
  removedLinks: LinkPair[];
  injected: InjectedPage[];
  removedPages: string[];
}

/** Index and listing pages link to everything; their links are not editorial links of one page to another. */
const LISTING = /^(genindex[^/]*|py-modindex|search|index|contents)\.html$/;
/** Bumped whenever injected pages are built differently, so their variants' cached scans are not reused. */
const INJECTED_PAGES_VERSION = 2;
/** The python3.11 docs' own subtopic removed for the gap test: asyncio has 17 pages and is mentioned across the library. */
export const GAP_SUBTOPIC = { name: "asyncio", pages: /^library\/asyncio[^/]*\.html$/, keyphrase: /\basyncio\b/ } as const;

export const COUNTS = { offTopic: 20, thin: 10, nearDuplicate: 10 } as const;
/** Off-topic pages need enough text to be a page about something (not merely thin). */
const OFF_TOPIC_MIN_WORDS = 400;
/** Sources of thin excerpts and near-duplicates are pages with a real body of text. */
const SOURCE_MIN_WORDS = 300;
/** A thin excerpt keeps at most this many words of its source's opening paragraphs. */
const THIN_MAX_WORDS = 80;
/** A near-duplicate drops about this share of its source's paragraphs. */
const DUPLICATE_DROP_SHARE = 0.1;

function shuffled<T>(items: T[], seed: number): T[] {
  const rng = createRng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

export class VariantFactory {
  private readonly inventory;
  /** pages other than index and listing pages */
  private readonly prose: string[];

  constructor(
    readonly site: DocSite,
    private readonly offTopicDir: string,
  ) {
    this.inventory = site.inventory();
    this.prose = [...site.pages.keys()].filter((p) => !LISTING.test(p.split("/").pop()!));
  }

  /** Editorial in-content links: pairs linked only from the source's main content, between prose pages. */
  removableLinks(): LinkPair[] {
    return this.inventory.content.filter(
      (l) => !this.inventory.template.has(pairId(l.from, l.to)) && !LISTING.test(l.from.split("/").pop()!) && !LISTING.test(l.to.split("/").pop()!),
    );
  }

  original(): Variant {
    return { name: "original", key: "original", pages: this.site.pages, removedLinks: [], injected: [], removedPages: [] };
  }

  linksRemoved(name: string, share: number, seed: number): Variant {
    const v = new SiteVariant(this.site);
    const removed = this.removeLinks(v, share, seed);
    return { name, key: `${name}:${share}:${seed}`, pages: v.build(), removedLinks: removed, injected: [], removedPages: [] };
  }

  injected(seed: number): Variant {
    const v = new SiteVariant(this.site);
    // thin excerpts and near-duplicates are made from different real pages
    const sources = this.sources(seed + 1);
    const injected = [
      ...this.addOffTopic(v, COUNTS.offTopic, seed),
      ...this.addThin(v, sources.slice(0, COUNTS.thin), seed + 2),
      ...this.addNearDuplicates(v, sources.slice(COUNTS.thin, COUNTS.thin + COUNTS.nearDuplicate), seed + 3),
    ];
    return { name: "injected", key: `injected:${seed}:${JSON.stringify(COUNTS)}:${INJECTED_PAGES_VERSION}`, pages: v.build(), removedLinks: [], injected, removedPages: [] };
  }

  subtopicRemoved(): Variant {
    const v = new SiteVariant(this.site);
    const gone = [...this.site.pages.keys()].filter((p) => GAP_SUBTOPIC.pages.test(p));
    const goneSet = new Set(gone);
    for (const p of gone) v.remove(p);
    // The site never had these pages: links to them are plain text, in content and navigation alike.
    for (const p of this.site.pages.keys()) if (!goneSet.has(p)) v.unlink(p, goneSet, true);
    return { name: "subtopic-removed", key: `subtopic-removed:${GAP_SUBTOPIC.name}`, pages: v.build(), removedLinks: [], injected: [], removedPages: gone };
  }

  degraded(share: number, seed: number): Variant {
    const v = new SiteVariant(this.site);
    const removed = this.removeLinks(v, share, seed);
    const injected = this.addOffTopic(v, COUNTS.offTopic, seed + 1);
    return { name: "degraded", key: `degraded:${share}:${seed}:${COUNTS.offTopic}:${INJECTED_PAGES_VERSION}`, pages: v.build(), removedLinks: removed, injected, removedPages: [] };
  }

  private removeLinks(v: SiteVariant, share: number, seed: number): LinkPair[] {
    const candidates = this.removableLinks();
    const removed = shuffled(candidates, seed).slice(0, Math.round(share * candidates.length));
    const bySource = new Map<string, Set<string>>();
    for (const l of removed) {
      let set = bySource.get(l.from);
      if (!set) bySource.set(l.from, (set = new Set()));
      set.add(l.to);
    }
    for (const [from, targets] of bySource) v.unlink(from, targets);
    return removed;
  }

  /** Real pages (outside the site root) to link injected pages from, in a seeded order. */
  private linkSources(seed: number): () => string {
    const order = shuffled(this.prose.filter((p) => p.includes("/")), seed);
    let i = 0;
    return () => order[i++ % order.length];
  }

  private sources(seed: number): string[] {
    return shuffled(
      this.prose.filter((p) => p.startsWith("library/") && words(pageText(this.site.pages.get(p)!).paragraphs.join(" ")) >= SOURCE_MIN_WORDS),
      seed,
    );
  }

  private addOffTopic(v: SiteVariant, count: number, seed: number): InjectedPage[] {
    const candidates = htmlFiles(this.offTopicDir)
      .filter((rel) => !rel.includes("/") && !/(about|copyright|license|download|index|doclist|docs|crossref|changes|chronology|sitemap|search|support|news|releaselog)/.test(rel))
      .map((rel) => ({ rel, text: pageText(readHtml(this.offTopicDir, rel)) }))
      .filter((p) => p.text.title !== "" && words(p.text.paragraphs.join(" ")) >= OFF_TOPIC_MIN_WORDS);
    const linkFrom = this.linkSources(seed + 100);
    const template = this.site.pages.get("library/json.html")!;
    return shuffled(candidates, seed)
      .slice(0, count)
      .map(({ rel, text }) => {
        const path = `library/${rel.replace(/\.html$/, "")}-guide.html`;
        const body = text.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
        v.add(path, pageInTemplate(template, text.h1 || text.title, body));
        const from = linkFrom();
        v.addLink(from, path, text.h1 || text.title);
        return { path, kind: "off-topic" as const, linkedFrom: from };
      });
  }

  /** Thin pages: a title and the opening of a real page, as summary, tag and teaser pages are. */
  private addThin(v: SiteVariant, sources: string[], seed: number): InjectedPage[] {
    const linkFrom = this.linkSources(seed);
    return sources.map((source) => {
      const text = pageText(this.site.pages.get(source)!);
      const opening = text.paragraphs.join(" ").split(/\s+/).slice(0, THIN_MAX_WORDS).join(" ");
      const path = source.replace(/\.html$/, "-summary.html");
      v.add(path, pageInTemplate(this.site.pages.get(source)!, `${text.h1} in brief`, `<p>${escapeHtml(opening)}</p>`));
      const from = linkFrom();
      v.addLink(from, path, `${text.h1} in brief`);
      return { path, kind: "thin" as const, source, linkedFrom: from };
    });
  }

  /** Near-duplicates: a real page copied with about a tenth of its paragraphs dropped. */
  private addNearDuplicates(v: SiteVariant, sources: string[], seed: number): InjectedPage[] {
    const linkFrom = this.linkSources(seed);
    return sources.map((source, n) => {
      const rng = createRng(seed * 1000 + n);
      const path = source.replace(/\.html$/, "-copy.html");
      const copy = new SiteVariant(new DocSite(new Map([[source, this.site.pages.get(source)!]])));
      copy.edit(source, ($) => {
        const paragraphs = $("[role=main] p").toArray();
        const drop = Math.max(1, Math.round(DUPLICATE_DROP_SHARE * paragraphs.length));
        for (let k = 0; k < drop && paragraphs.length > 1; k++) $(paragraphs.splice(1 + Math.floor(rng() * (paragraphs.length - 1)), 1)[0]).remove();
      });
      v.add(path, copy.build().get(source)!);
      const from = linkFrom();
      v.addLink(from, path, pageText(this.site.pages.get(source)!).h1);
      return { path, kind: "near-duplicate" as const, source, linkedFrom: from };
    });
  }
}
