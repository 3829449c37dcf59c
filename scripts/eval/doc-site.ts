/**
 * A documentation site held in memory, its in-content link inventory, and edits that derive the evaluation's variants
 * from it: links unwrapped to plain text, pages removed, pages added in the site's own template. Pages are edited with
 * cheerio (htmlparser2), so only edited pages are re-serialised; the others are served byte for byte.
 */
import { load, type Cheerio, type CheerioAPI } from "cheerio";
import type { AnyNode } from "domhandler";
import { htmlFiles, readHtml } from "./corpora";
import type { EvalSite } from "./sites";

const PARSE = { xml: { xmlMode: false, decodeEntities: true } } as const;

export interface LinkPair {
  from: string;
  to: string;
}

export interface LinkInventory {
  /** distinct (source, target) pairs linked from the source's content */
  content: LinkPair[];
  /** "from\tto" of pairs also linked from the template (navigation, sidebar, footer) */
  template: Set<string>;
}

export const pairId = (from: string, to: string) => `${from}\t${to}`;

/** Site-relative path of an href on page `rel`, or null for fragments, other hosts and non-pages. */
export function resolveHref(href: string, rel: string): string | null {
  if (href.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  let url: URL;
  try {
    url = new URL(href, `http://site.invalid/${rel}`);
  } catch {
    return null;
  }
  if (url.host !== "site.invalid") return null;
  const path = decodeURIComponent(url.pathname).replace(/^\//, "");
  return path.endsWith(".html") ? path : path === "" || path.endsWith("/") ? `${path}index.html` : null;
}

/** Is the element inside the page's content (not its template)? */
export function inContent(site: EvalSite, $: CheerioAPI, el: Cheerio<AnyNode>): boolean {
  if (site.content) return el.closest(site.content).length > 0;
  return site.template ? el.closest(site.template).length === 0 : true;
}

export class DocSite {
  /** relative path -> HTML of every page */
  readonly pages: Map<string, string>;

  constructor(
    readonly site: EvalSite,
    pages: Map<string, string>,
  ) {
    this.pages = pages;
  }

  static load(site: EvalSite): DocSite {
    const dir = site.dir();
    return new DocSite(site, new Map(htmlFiles(dir).map((rel) => [rel, readHtml(dir, rel)])));
  }

  /** Every in-content link between two pages of the site, and which of those pairs the template links too. */
  inventory(): LinkInventory {
    const content: LinkPair[] = [];
    const template = new Set<string>();
    for (const [rel, html] of this.pages) {
      const $ = load(html, PARSE);
      const seen = new Set<string>();
      $("a[href]").each((_, a) => {
        const to = resolveHref($(a).attr("href") ?? "", rel);
        if (to === null || to === rel || !this.pages.has(to)) return;
        if (!inContent(this.site, $, $(a))) template.add(pairId(rel, to));
        else if (!seen.has(to)) {
          seen.add(to);
          content.push({ from: rel, to });
        }
      });
    }
    return { content, template };
  }

  /** Title, H1 and paragraphs of a page's content. */
  text(rel: string): { title: string; h1: string; paragraphs: string[] } {
    return pageText(this.site, this.pages.get(rel)!);
  }
}

/** A variant under construction: edits are collected per page and applied in one parse each. */
export class SiteVariant {
  private readonly edits = new Map<string, ((doc: CheerioAPI) => void)[]>();
  private readonly added = new Map<string, string>();
  private readonly removed = new Set<string>();

  constructor(readonly base: DocSite) {}

  edit(rel: string, change: (doc: CheerioAPI) => void): void {
    let list = this.edits.get(rel);
    if (!list) this.edits.set(rel, (list = []));
    list.push(change);
  }

  /** Links from `from` to any of `targets` become their anchor text; `everywhere` also reaches the template. */
  unlink(from: string, targets: Set<string>, everywhere = false): void {
    const site = this.base.site;
    this.edit(from, ($) => {
      $("a[href]").each((_, a) => {
        if (!everywhere && !inContent(site, $, $(a))) return;
        const to = resolveHref($(a).attr("href") ?? "", from);
        if (to !== null && targets.has(to)) $(a).replaceWith(escapeHtml($(a).text()));
      });
    });
  }

  /** A "see also" paragraph at the end of `from`'s content, linking to `to`. */
  addLink(from: string, to: string, anchor: string): void {
    const site = this.base.site;
    this.edit(from, ($) => {
      const href = relativeHref(from, to);
      const paragraph = `<p>See also <a href="${escapeHtml(href)}">${escapeHtml(anchor)}</a>.</p>`;
      const target = $(site.injectInto).first();
      if (target.length) target.append(paragraph);
      else $("body").append(paragraph);
    });
  }

  /** Every page's HTML passes through `change` (the crawl-only variants: canonicals removed). */
  editAll(change: (doc: CheerioAPI) => void): void {
    for (const rel of this.base.pages.keys()) this.edit(rel, change);
  }

  add(rel: string, html: string): void {
    if (this.base.pages.has(rel) || this.added.has(rel)) throw new Error(`page ${rel} exists already`);
    this.added.set(rel, html);
  }

  remove(rel: string): void {
    this.removed.add(rel);
  }

  /** Path -> HTML for every page the variant serves, and the pages it removed (they answer 404). */
  build(): { pages: Map<string, string>; removed: Set<string> } {
    const out = new Map<string, string>();
    for (const [rel, html] of [...this.base.pages, ...this.added]) {
      if (this.removed.has(rel)) continue;
      const edits = this.edits.get(rel);
      if (!edits) {
        out.set(rel, html);
        continue;
      }
      const $ = load(html, PARSE);
      for (const e of edits) e($);
      out.set(rel, $.html());
    }
    return { pages: out, removed: new Set(this.removed) };
  }
}

/** The href that leads from page `from` to page `to`, both site-relative paths. */
export function relativeHref(from: string, to: string): string {
  const up = from.split("/").length - 1;
  return `${"../".repeat(up)}${to}`;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A new page in the site's own template: the template page's HTML with its title and content replaced, so the crawler
 * sees the same navigation, sidebar and footer as on every other page. Relative links of the template keep working
 * because the new page sits in the template page's folder.
 */
export function pageInTemplate(site: EvalSite, template: string, title: string, bodyHtml: string): string {
  const $ = load(template, PARSE);
  $("title").text(site.title(title, $("title").text().replace(/\s+/g, " ").trim()));
  // the template page's own canonical and description are not the new page's
  $('link[rel="canonical"], meta[name="description"], meta[name="keywords"]').remove();
  const into = $(site.injectInto).first();
  if (into.length === 0) throw new Error(`${site.name}: the template page has no ${site.injectInto}`);
  into.html(`<h1>${escapeHtml(title)}</h1>\n${bodyHtml}`);
  return $.html();
}

/** Title, H1 and paragraphs of a page's content. */
export function pageText(site: EvalSite, html: string): { title: string; h1: string; paragraphs: string[] } {
  const $ = load(html, PARSE);
  $("script, style, .headerlink").remove();
  const clean = (s: string) => s.replace(/\s+/g, " ").trim();
  const paragraphs = $(site.paragraphs)
    .toArray()
    .filter((p) => inContent(site, $, $(p)))
    .map((p) => clean($(p).text()))
    .filter((t) => t.length > 0);
  const h1 = $("h1, h2")
    .toArray()
    .filter((h) => inContent(site, $, $(h)))
    .map((h) => clean($(h).text()))[0];
  return { title: clean($("title").text()), h1: h1 ?? clean($("title").text()), paragraphs };
}
