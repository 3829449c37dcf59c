import type { LinkGraph } from "./link-graph";
import type { ResolvedLink } from "./resolve-links";
import { quantile } from "./order-statistics";

/**
 * Utility pages serve navigation, trust or law, not topics: they stay out of topics, pruning, linking and the score.
 * They are recognised by their structure: a page made of links (a listing, an index), headings that link to other
 * pages with an excerpt under each (an archive), a schema.org type that says so (ContactPage, CollectionPage), a
 * noindex, or a place in the site's template (a menu or footer link on most pages) together with the words of a
 * utility page. URL and title words alone never make a page utility: "About time zones" and a post filed under
 * /company/ are content.
 */

export type UtilityKind = "home" | "contact" | "legal" | "about" | "search" | "index" | "listing" | "account" | "noindex";

// A page is a list of links when at least half its words are the anchors of its content links...
export const LINK_LIST_SHARE = 0.5;
// ...and it is among the site's most link-dense pages (above three quarters of them): on a wiki where every page is
// mostly links, link density does not set a page apart.
export const LINK_LIST_SITE_QUANTILE = 0.75;
// An archive lists at least this many other pages under headings that link to them (a post title per excerpt)...
export const LISTING_MIN_LINKED_HEADINGS = 3;
// ...and those headings are at least half of its headings.
export const LISTING_LINKED_HEADING_SHARE = 0.5;
// A page linked from the template (menu, footer, sidebar) of at least half the site's pages is part of the template.
export const SITEWIDE_TEMPLATE_SHARE = 0.5;

/** schema.org types that declare a utility page, and types that declare content (they override URL words). */
const SCHEMA_UTILITY: Record<string, UtilityKind> = {
  AboutPage: "about",
  ContactPage: "contact",
  CollectionPage: "listing",
  SearchResultsPage: "search",
  ProfilePage: "about",
  CheckoutPage: "account",
  ItemList: "listing",
};
const SCHEMA_CONTENT = new Set([
  "Article", "BlogPosting", "NewsArticle", "TechArticle", "ScholarlyArticle", "Report", "HowTo", "Recipe", "Review", "Product",
  "Course", "Event", "FAQPage", "QAPage", "Book", "Chapter", "CreativeWork", "SoftwareSourceCode", "APIReference",
]);

// Words of utility pages in URLs and titles (common CMS and doc-generator URLs: WordPress, Drupal, Sphinx, Hugo).
const PATH_WORDS: [UtilityKind, RegExp][] = [
  ["contact", /(^|\/)(contact|contact-us|kontakt|support)(\/|\.html?$|$)/i],
  ["legal", /(^|\/)(privacy|privacy-policy|terms|terms-of-service|terms-and-conditions|tos|legal|imprint|impressum|cookies?|cookie-policy|disclaimer|copyright|license|gdpr)(\/|\.html?$|$)/i],
  ["about", /(^|\/)(about|about-us|team|company|who-we-are)(\/|\.html?$|$)/i],
  ["search", /(^|\/)(search|searchindex)(\/|\.html?$|$)|[?&](s|q|search)=/i],
  ["index", /(^|\/)(genindex(-[^/]*)?|py-modindex|modindex|sitemap|site-map|index-of|contents|table-of-contents|toc)(\/|\.html?$|$)/i],
  ["listing", /(^|\/)(tag|tags|category|categories|archive|archives|author|authors|page\/\d+)(\/|\.html?$|$)|\/\d{4}\/(\d{2}\/)?$|[?&](paged|cat|tag|m)=/i],
  ["account", /(^|\/)(login|log-in|signin|sign-in|signup|sign-up|register|account|cart|checkout)(\/|\.html?$|$)/i],
];
const TITLE_WORDS: [UtilityKind, RegExp][] = [
  ["contact", /^\s*(contact( us)?|get in touch)\b/i],
  ["legal", /\b(privacy policy|terms (of (service|use)|and conditions)|cookie policy|legal notice|imprint|impressum|disclaimer|copyright)\b/i],
  ["about", /^\s*about( us| these documents| this site)?\s*([|:—–-]|$)/i],
  ["search", /^\s*search( results)?\b/i],
  ["index", /^\s*(index|general index|module index|python module index|site ?map|table of contents)\b/i],
  ["listing", /^\s*(tag|category|archives?|posts tagged|author)\s*[:\-–|]/i],
];

/** The utility kind that a page's URL or title words suggest (supporting evidence only), or null. */
export function utilityWords(url: string, title: string | null): UtilityKind | null {
  let path = url;
  try {
    const u = new URL(url);
    path = u.pathname + u.search;
  } catch {
    // keep the raw string: relative URLs in tests and fixtures
  }
  for (const [kind, re] of PATH_WORDS) if (re.test(path)) return kind;
  if (title) for (const [kind, re] of TITLE_WORDS) if (re.test(title)) return kind;
  return null;
}

/** Is the URL the site's home page (its root, or an index file at the root)? */
export function isHomeUrl(url: string): boolean {
  let path = url;
  try {
    path = new URL(url).pathname + new URL(url).search;
  } catch {
    // raw string
  }
  return /^\/?(index\.(html?|php))?$/i.test(path);
}

export interface UtilityPage {
  url: string;
  title: string | null;
  depth: number;
  wordCount: number;
  noindex: boolean;
  schemaTypes?: string[];
  headings: { level: number; text: string }[];
}


const norm = (s: string) => s.replace(/[\s¶§#]+$/u, "").replace(/\s+/g, " ").trim().toLowerCase();

/** The utility kind of every page, or null for content pages. */
export function classifyUtility(pages: UtilityPage[], graph: LinkGraph, links: ResolvedLink[]): (UtilityKind | null)[] {
  const n = pages.length;
  const linkShare = pages.map((p, i) => (p.wordCount > 0 ? graph.contentLinkWords[i] / p.wordCount : 0));
  const linkListCut = Math.max(LINK_LIST_SHARE, quantile(linkShare, LINK_LIST_SITE_QUANTILE));
  // anchors of each page's content links to other pages: headings that are such anchors list those pages
  const anchors = Array.from({ length: n }, () => new Set<string>());
  for (const r of links) if (r.to >= 0 && r.to !== r.from && r.link.position === "content") anchors[r.from].add(norm(r.link.anchor));
  const sitewide = Math.max(2, SITEWIDE_TEMPLATE_SHARE * n);
  return pages.map((p, i) => {
    if (p.depth === 0 || isHomeUrl(p.url)) return "home";
    const types = p.schemaTypes ?? [];
    const words = utilityWords(p.url, p.title);
    if (types.some((t) => SCHEMA_CONTENT.has(t))) return null;
    const declared = types.map((t) => SCHEMA_UTILITY[t]).find((k) => k !== undefined);
    if (declared) return declared;
    const sections = p.headings.filter((h) => h.level > 1);
    const linked = sections.filter((h) => anchors[i].has(norm(h.text))).length;
    const archive = linked >= LISTING_MIN_LINKED_HEADINGS && linked >= LISTING_LINKED_HEADING_SHARE * sections.length;
    const linkList = linkShare[i] >= linkListCut && graph.contentOut[i].size > 0;
    if (archive || linkList) return words === "index" || words === "search" ? words : linkList && !archive && words === null ? "index" : "listing";
    if (p.noindex) return words ?? "noindex";
    const inTemplate = graph.templateIn[i].size >= sitewide && graph.contentIn[i].size < graph.templateIn[i].size;
    return inTemplate && words !== null ? words : null;
  });
}

/**
 * The utility kind from words alone, for callers without the link graph (the dashboard's quick views): the home page,
 * or a page whose URL or title says it is utility.
 */
export function utilityKind(url: string, title: string | null): UtilityKind | null {
  return isHomeUrl(url) ? "home" : utilityWords(url, title);
}
