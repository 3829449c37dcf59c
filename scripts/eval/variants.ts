/**
 * The evaluation's variants of one site, each derived with a fixed seed so every run serves the same sites:
 *   audit         pages injected (off-topic, thin, near-duplicate) in the site's template, and a tenth of the editorial
 *                 links held out (unwrapped to their anchor text): pruning, link suggestions and topics in one scan
 *   original      the site as it ships (the base of the crawl-only variants)
 *   no-canonical  the same pages without their canonical links (crawl only)
 *   redirects     the same pages served at URLs without ".html", every link to "x.html" answering 301 (crawl only)
 */
import { load } from "cheerio";
import { createRng } from "../../lib/analyze/random";
import { offTopicPages } from "./corpora";
import { DocSite, SiteVariant, escapeHtml, pageInTemplate, pairId, relativeHref, type LinkPair } from "./doc-site";

export type InjectedKind = "off-topic" | "thin" | "near-duplicate";

export interface InjectedPage {
  path: string;
  kind: InjectedKind;
  /** the real page a thin excerpt or a near-duplicate was made from */
  source?: string;
  /** the real pages that link to it */
  linkedFrom: string[];
}

export interface Variant {
  name: string;
  /** changes whenever the served site would change: the cache key of its scan */
  key: string;
  pages: Map<string, string>;
  /** pages the variant removed: they answer 404 */
  removed: Set<string>;
  /** serve every page at its URL without ".html" and answer 301 there from the ".html" URL */
  redirectHtml: boolean;
  heldOutLinks: LinkPair[];
  injected: InjectedPage[];
}

/** Bumped whenever variants are built differently, so cached scans of the old ones are not reused. */
const VARIANTS_VERSION = 4;

/** The cache key of a variant's scan: it changes whenever the served site would change. */
export function variantKey(name: "audit" | "original" | "no-canonical" | "redirects", seed = 0): string {
  return name === "audit" ? `audit:${seed}:${VARIANTS_VERSION}` : `${name}:${VARIANTS_VERSION}`;
}
/** Injected pages per 100 pages of the site, with a floor for small sites (the 127-page handbook gets 6/4/4). */
export const INJECTED_SHARE = { offTopic: 0.03, thin: 0.015, nearDuplicate: 0.015 } as const;
export const INJECTED_MIN = { offTopic: 6, thin: 4, nearDuplicate: 4 } as const;
/** Share of the editorial links held out for the link suggestion measure. */
export const HELD_OUT_SHARE = 0.1;
/** Real pages linking to each off-topic page: two, so the site's links hold them like real pages. */
const OFF_TOPIC_LINKING_PAGES = 2;
/** Sources of thin excerpts and near-duplicates are pages with a real body of text... */
const SOURCE_MIN_WORDS = 300;
/** ...in paragraphs enough that dropping a tenth of them leaves a different text (not the same page at a second URL). */
const SOURCE_MIN_PARAGRAPHS = 5;
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

/** A page's name from its title: the site's suffix and a leading section number dropped. */
export function nameOf(title: string): string {
  const parts = title.split(/ [—–] /);
  const name = parts.length > 1 ? parts.slice(0, -1).join(" — ") : title;
  return name.replace(/^(chapter|appendix)?\s*[A-Z0-9]+(\.[0-9]+)*\.\s+/i, "").trim() || title;
}

export class VariantFactory {
  private readonly inventory;
  /** pages other than index and listing pages */
  private readonly prose: string[];

  constructor(readonly site: DocSite) {
    this.inventory = site.inventory();
    this.prose = [...site.pages.keys()].filter((p) => !site.site.listing.test(p));
  }

  original(): Variant {
    return { name: "original", key: variantKey("original"), pages: this.site.pages, removed: new Set(), redirectHtml: false, heldOutLinks: [], injected: [] };
  }

  /** The site without its canonical links (a staging copy's pages point at production; this one points nowhere). */
  noCanonical(): Variant {
    const v = new SiteVariant(this.site);
    v.editAll(($) => void $('link[rel="canonical"]').remove());
    const built = v.build();
    return { name: "no-canonical", key: variantKey("no-canonical"), ...built, redirectHtml: false, heldOutLinks: [], injected: [] };
  }

  /** The site served at clean URLs, its links still written "x.html": each internal link answers 301 to the page. */
  redirects(): Variant {
    return { name: "redirects", key: variantKey("redirects"), pages: this.site.pages, removed: new Set(), redirectHtml: true, heldOutLinks: [], injected: [] };
  }

  audit(seed: number): Variant {
    const v = new SiteVariant(this.site);
    const n = this.site.pages.size;
    const count = (k: keyof typeof INJECTED_SHARE) => Math.max(INJECTED_MIN[k], Math.round(INJECTED_SHARE[k] * n));
    const sources = this.sources(seed + 1);
    const injected = [
      ...this.addOffTopic(v, count("offTopic"), seed),
      ...this.addThin(v, sources.slice(0, count("thin")), seed + 2),
      ...this.addNearDuplicates(v, sources.slice(count("thin"), count("thin") + count("nearDuplicate")), seed + 3),
    ];
    const heldOutLinks = this.holdOutLinks(v, HELD_OUT_SHARE, seed + 4);
    const built = v.build();
    return { name: "audit", key: variantKey("audit", seed), ...built, redirectHtml: false, heldOutLinks, injected };
  }

  /**
   * A share of the editorial links (linked only from the source's content, between prose pages), unwrapped to their
   * anchor text. A link is held out only while its target keeps another inbound content link: held-out links are links
   * the site lacks, not pages it lost.
   */
  private holdOutLinks(v: SiteVariant, share: number, seed: number): LinkPair[] {
    const listing = this.site.site.listing;
    const inbound = new Map<string, number>();
    for (const l of this.inventory.content) inbound.set(l.to, (inbound.get(l.to) ?? 0) + 1);
    const candidates = this.inventory.content.filter((l) => !this.inventory.template.has(pairId(l.from, l.to)) && !listing.test(l.from) && !listing.test(l.to));
    const want = Math.round(share * candidates.length);
    const held: LinkPair[] = [];
    for (const l of shuffled(candidates, seed)) {
      if (held.length >= want) break;
      if ((inbound.get(l.to) ?? 0) < 2) continue;
      inbound.set(l.to, inbound.get(l.to)! - 1);
      held.push(l);
    }
    const bySource = new Map<string, Set<string>>();
    for (const l of held) {
      let set = bySource.get(l.from);
      if (!set) bySource.set(l.from, (set = new Set()));
      set.add(l.to);
    }
    for (const [from, targets] of bySource) v.unlink(from, targets);
    return held;
  }

  /** Real prose pages to link injected pages from, in a seeded order. */
  private linkSources(seed: number): () => string {
    const order = shuffled(this.prose, seed);
    let i = 0;
    return () => order[i++ % order.length];
  }

  private sources(seed: number): string[] {
    return shuffled(
      this.prose.filter((p) => {
        if (!p.startsWith(this.site.site.injectDir)) return false;
        const { paragraphs } = this.site.text(p);
        return paragraphs.length >= SOURCE_MIN_PARAGRAPHS && words(paragraphs.join(" ")) >= SOURCE_MIN_WORDS;
      }),
      seed,
    );
  }

  private templateHtml(): string {
    const html = this.site.pages.get(this.site.site.templatePage);
    if (html === undefined) throw new Error(`${this.site.site.name}: template page ${this.site.site.templatePage} not found`);
    return html;
  }

  /**
   * Off-topic pages: everyday prose in the site's template, each linked from two real pages and from the previous
   * off-topic page (a section of its own the site links into, as an imported blog is).
   */
  private addOffTopic(v: SiteVariant, count: number, seed: number): InjectedPage[] {
    const linkFrom = this.linkSources(seed + 100);
    const dir = this.site.site.templatePage.includes("/") ? this.site.site.templatePage.replace(/[^/]+$/, "") : "";
    const chosen = shuffled(offTopicPages().slice(0, Math.max(count, 24)), seed).slice(0, count);
    const paths = chosen.map((p) => `${dir}${p.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-+$/, "")}.html`);
    return chosen.map((page, k) => {
      const path = paths[k];
      let body = page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
      if (k > 0) body += `\n<p>Previously: <a href="${escapeHtml(relativeHref(path, paths[k - 1]))}">${escapeHtml(chosen[k - 1].title)}</a>.</p>`;
      v.add(path, pageInTemplate(this.site.site, this.templateHtml(), page.title, body));
      const linkedFrom = Array.from({ length: OFF_TOPIC_LINKING_PAGES }, () => linkFrom());
      for (const from of linkedFrom) v.addLink(from, path, page.title);
      return { path, kind: "off-topic" as const, linkedFrom };
    });
  }

  /** Thin pages: a title and the opening of a real page, as summary, tag and teaser pages are. */
  private addThin(v: SiteVariant, sources: string[], seed: number): InjectedPage[] {
    const linkFrom = this.linkSources(seed);
    return sources.map((source) => {
      const text = this.site.text(source);
      const opening = text.paragraphs.join(" ").split(/\s+/).slice(0, THIN_MAX_WORDS).join(" ");
      const path = source.replace(/\.html$/, "-summary.html");
      const title = `${nameOf(text.title)} in brief`;
      // the source's own template when it has the content element (relative links stay right), else the site's
      const own = this.site.pages.get(source)!;
      const template = load(own)(this.site.site.injectInto).length ? own : this.templateHtml();
      v.add(path, pageInTemplate(this.site.site, template, title, `<p>${escapeHtml(opening)}</p>`));
      const from = linkFrom();
      v.addLink(from, path, title);
      return { path, kind: "thin" as const, source, linkedFrom: [from] };
    });
  }

  /** Near-duplicates: a real page copied with about a tenth of its paragraphs dropped. */
  private addNearDuplicates(v: SiteVariant, sources: string[], seed: number): InjectedPage[] {
    const linkFrom = this.linkSources(seed);
    const paragraphs = this.site.site.paragraphs;
    return sources.map((source, n) => {
      const rng = createRng(seed * 1000 + n);
      const path = source.replace(/\.html$/, "-copy.html");
      const copy = new SiteVariant(new DocSite(this.site.site, new Map([[source, this.site.pages.get(source)!]])));
      copy.edit(source, ($) => {
        const list = $(paragraphs).toArray();
        const drop = Math.max(1, Math.round(DUPLICATE_DROP_SHARE * list.length));
        for (let k = 0; k < drop && list.length > 1; k++) $(list.splice(1 + Math.floor(rng() * (list.length - 1)), 1)[0]).remove();
        $('link[rel="canonical"]').remove();
      });
      v.add(path, copy.build().pages.get(source)!);
      const from = linkFrom();
      v.addLink(from, path, nameOf(this.site.text(source).title));
      return { path, kind: "near-duplicate" as const, source, linkedFrom: [from] };
    });
  }
}
