/**
 * The five evaluation sites, each a Debian documentation package served as it ships: how to find its pages, what
 * section each page belongs to (the truth topics are measured against), where its template ends and its content
 * starts (so injected pages are written in the site's own template), and which pages are listings.
 */
import { load } from "cheerio";
import { debianDocs } from "../../bench/lib/debian-docs";

export interface EvalSite {
  name: string;
  /** the folder served as the site's root */
  dir: () => string;
  /** section label of a page from its path and HTML */
  label: (rel: string, html: () => string) => string;
  /**
   * Where a page's own content is: links inside it are content links, links outside template. Either the content's
   * element (`content`) or the template's elements around it (`template`).
   */
  content?: string;
  template?: string;
  /** the element whose inner HTML an injected page replaces with its own title and text */
  injectInto: string;
  /** a page of the site whose template injected pages are built from */
  templatePage: string;
  /** title of an injected page, from its own title and the template page's title */
  title: (own: string, templateTitle: string) => string;
  /** paragraph elements of the content (near-duplicates drop some; thin pages take the first words) */
  paragraphs: string;
  /** index and listing pages: they link to everything, so their links are not editorial choices */
  listing: RegExp;
  /** folder (with trailing slash) injected pages are put in, next to real pages */
  injectDir: string;
}

const topFolder = (rel: string) => (rel.includes("/") ? rel.split("/")[0] : "(root)");
/** "Writing views — Django 3.2.25 documentation" keeps the site's suffix: " — Django 3.2.25 documentation". */
const dashSuffix = (own: string, templateTitle: string) => `${own}${/ — [^—]*$/.exec(templateTitle)?.[0] ?? ""}`;

/** DocBook's <link rel="up"> chain: the chapter (or preface, appendix) a section belongs to. */
function handbookChapter(html: string): string | null {
  return /<link rel="up" href="([^"]+)"/.exec(html)?.[1] ?? null;
}

export const EVAL_SITES: EvalSite[] = [
  {
    name: "python3.11-doc",
    dir: () => debianDocs("python3.11-doc", "usr/share/doc/python3.11/html"),
    label: topFolder,
    content: "[role=main]",
    injectInto: "[role=main]",
    templatePage: "library/json.html",
    title: dashSuffix,
    paragraphs: "p",
    listing: /(^|\/)(genindex[^/]*|py-modindex|search|index|contents)\.html$/,
    injectDir: "library/",
  },
  {
    name: "sqlite3-doc",
    dir: () => debianDocs("sqlite3-doc", "usr/share/doc/sqlite3"),
    label: topFolder,
    template: ".nosearch, .menu, .searchmenu",
    injectInto: "div.fancy",
    templatePage: "lang_select.html",
    title: (own) => own,
    paragraphs: "p",
    listing: /(^|\/)(index|docs|doclist|sitemap|keyword_index|toc|changes|chronology|capi3ref|funclist|objlist|constlist|lang)\.html$/,
    injectDir: "",
  },
  {
    name: "python-django-doc",
    dir: () => debianDocs("python-django-doc", "usr/share/doc/python-django-doc/html"),
    label: topFolder,
    content: "#yui-main",
    injectInto: "#yui-main .yui-g",
    templatePage: "topics/http/views.html",
    title: dashSuffix,
    paragraphs: "p",
    listing: /(^|\/)(genindex[^/]*|py-modindex|search|index|contents)\.html$/,
    injectDir: "topics/",
  },
  {
    name: "debian-handbook",
    dir: () => `${debianDocs("debian-handbook", "usr/share/doc/debian-handbook/html")}/en-US`,
    label: (rel, html) => {
      // a page's section is the top of its "up" chain below the book's index: its chapter, preface or appendix
      if (rel === "index.html") return "(root)";
      const up = handbookChapter(html());
      return up === null || up === "index.html" ? rel : `@${up}`;
    },
    template: "ul.docnav, #banner, #title",
    injectInto: "body > div.section, body > div.chapter",
    templatePage: "sect.apt-cache.html",
    title: (own) => own,
    paragraphs: "div.para",
    listing: /^index\.html$/,
    injectDir: "",
  },
  {
    name: "ikiwiki",
    dir: () => debianDocs("ikiwiki", "usr/share/doc/ikiwiki/html"),
    label: topFolder,
    content: "#content",
    injectInto: "#content",
    templatePage: "tips/laptop_wiki_with_git.html",
    title: (own) => own,
    paragraphs: "p",
    listing: /(^|\/)(index|sitemap|tags|recentchanges|archives|plugins|tips|news|todo|bugs|forum)\.html$/,
    injectDir: "tips/",
  },
];

/** The handbook labels sections by their chapter page; resolve "@chapter.html" to the chapter's own label. */
export function resolveLabels(labels: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [rel, label] of labels) {
    let l = label;
    for (let hops = 0; l.startsWith("@") && hops < 5; hops++) {
      const up = labels.get(l.slice(1));
      l = up === undefined ? l.slice(1) : up.startsWith("@") ? up : l.slice(1);
    }
    out.set(rel, l.startsWith("@") ? l.slice(1) : l);
  }
  return out;
}

export function siteByName(name: string): EvalSite {
  const site = EVAL_SITES.find((s) => s.name === name);
  if (!site) throw new Error(`unknown evaluation site ${name} (known: ${EVAL_SITES.map((s) => s.name).join(", ")})`);
  return site;
}

/** Text of a page's <title>, whitespace collapsed. */
export function titleOf(html: string): string {
  return load(html)("title").text().replace(/\s+/g, " ").trim();
}
