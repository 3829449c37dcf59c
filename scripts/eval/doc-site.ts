/**
 * A Sphinx documentation site held in memory, its in-content link inventory, and edits that derive the
 * evaluation's variants from it: links unwrapped to plain text, pages removed, pages added. Pages are edited
 * with cheerio (htmlparser2), so only edited pages are re-serialised; the others are served byte for byte.
 */
import { load, type CheerioAPI } from "cheerio";
import { htmlFiles, readHtml } from "./corpora";

/** Where Sphinx puts a page's own content; everything else is navigation, sidebar and footer. */
export const MAIN_SELECTOR = "[role=main]";

const PARSE = { xml: { xmlMode: false, decodeEntities: true } } as const;

export interface LinkPair {
  from: string;
  to: string;
}

export interface LinkInventory {
  /** distinct (source, target) pairs linked from the source's main content */
  content: LinkPair[];
  /** "from\tto" of pairs also linked from navigation, sidebar or footer */
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
  return path.endsWith(".html") ? path : null;
}

export class DocSite {
  /** relative path -> HTML of every page */
  readonly pages: Map<string, string>;

  constructor(pages: Map<string, string>) {
    this.pages = pages;
  }

  static fromDir(dir: string): DocSite {
    return new DocSite(new Map(htmlFiles(dir).map((rel) => [rel, readHtml(dir, rel)])));
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
        if ($(a).closest(MAIN_SELECTOR).length === 0) template.add(pairId(rel, to));
        else if (!seen.has(to)) {
          seen.add(to);
          content.push({ from: rel, to });
        }
      });
    }
    return { content, template };
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

  /** Links from `from` to any of `targets` become their anchor text; `everywhere` also reaches navigation and sidebar. */
  unlink(from: string, targets: Set<string>, everywhere = false): void {
    this.edit(from, ($) => {
      const scope = everywhere ? $("a[href]") : $(MAIN_SELECTOR).find("a[href]");
      scope.each((_, a) => {
        const to = resolveHref($(a).attr("href") ?? "", from);
        if (to !== null && targets.has(to)) $(a).replaceWith(escapeHtml($(a).text()));
      });
    });
  }

  /** A "see also" paragraph at the end of `from`'s main content, linking to `to`. */
  addLink(from: string, to: string, anchor: string): void {
    this.edit(from, ($) => {
      $(MAIN_SELECTOR).first().append(`<p>See also <a class="reference internal" href="/${to}">${escapeHtml(anchor)}</a>.</p>`);
    });
  }

  add(rel: string, html: string): void {
    if (this.base.pages.has(rel) || this.added.has(rel)) throw new Error(`page ${rel} exists already`);
    this.added.set(rel, html);
  }

  remove(rel: string): void {
    this.removed.add(rel);
  }

  /** Path -> HTML for every page the variant serves (missing paths answer 404). */
  build(): Map<string, string> {
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
    return out;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A new page in the site's own template: `template`'s HTML with its title and main content replaced, so the
 * crawler sees the same navigation, sidebar and footer as on every other page.
 */
export function pageInTemplate(template: string, title: string, bodyHtml: string): string {
  const $ = load(template, PARSE);
  // the site's suffix only (" — Python 3.11.2 documentation"), not the template page's own subtitle before it
  const suffix = / — [^—]*$/.exec($("title").text())?.[0] ?? "";
  $("title").text(`${title}${suffix}`);
  $(MAIN_SELECTOR).first().html(`<section><h1>${escapeHtml(title)}</h1>\n${bodyHtml}</section>`);
  return $.html();
}

/** Title, H1 and paragraphs of a page's main content (or body, for sites without a main landmark). */
export function pageText(html: string): { title: string; h1: string; paragraphs: string[] } {
  const $ = load(html, PARSE);
  $("script, style, .nosearch, .menu, .searchmenu, .headerlink").remove();
  const main = $(MAIN_SELECTOR).length ? $(MAIN_SELECTOR).first() : $("body");
  const clean = (s: string) => s.replace(/\s+/g, " ").trim();
  return {
    title: clean($("title").text()),
    h1: clean(main.find("h1").first().text()),
    paragraphs: main
      .find("p")
      .toArray()
      .map((p) => clean($(p).text()))
      .filter((t) => t.length > 0),
  };
}
