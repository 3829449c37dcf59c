/**
 * Utility pages serve navigation, trust or law, not topics; they are never pruned for being off-topic.
 * Recognised by URL path segments and title words (patterns from common CMS and doc-generator URLs:
 * WordPress, Drupal, Sphinx, Hugo, Docusaurus).
 */

export type UtilityKind = "home" | "contact" | "legal" | "about" | "search" | "index" | "listing" | "account";

const PATH_PATTERNS: [UtilityKind, RegExp][] = [
  ["contact", /(^|\/)(contact|contact-us|kontakt|support)(\/|\.html?$|$)/i],
  ["legal", /(^|\/)(privacy|privacy-policy|terms|terms-of-service|terms-and-conditions|tos|legal|imprint|impressum|cookies?|cookie-policy|disclaimer|copyright|license|gdpr)(\/|\.html?$|$)/i],
  ["about", /(^|\/)(about|about-us|team|company|who-we-are)(\/|\.html?$|$)/i],
  ["search", /(^|\/)(search|searchindex)(\/|\.html?$|$)|[?&](s|q|search)=/i],
  ["index", /(^|\/)(genindex(-[^/]*)?|py-modindex|modindex|sitemap|site-map|index-of|contents|table-of-contents|toc)(\/|\.html?$|$)/i],
  ["listing", /(^|\/)(tag|tags|category|categories|archive|archives|author|authors|page\/\d+)(\/|\.html?$|$)|\/\d{4}\/(\d{2}\/)?$/i],
  ["account", /(^|\/)(login|log-in|signin|sign-in|signup|sign-up|register|account|cart|checkout)(\/|\.html?$|$)/i],
];

const TITLE_PATTERNS: [UtilityKind, RegExp][] = [
  ["contact", /^\s*(contact( us)?|get in touch)\b/i],
  ["legal", /\b(privacy policy|terms (of (service|use)|and conditions)|cookie policy|legal notice|imprint|impressum|disclaimer|copyright)\b/i],
  ["about", /^\s*about( us)?\b/i],
  ["search", /^\s*search( results)?\b/i],
  ["index", /^\s*(index|general index|module index|python module index|site ?map|table of contents)\b/i],
  ["listing", /^\s*(tag|category|archives?|posts tagged|author)\s*[:\-–|]/i],
];

/** Kind of utility page, or null for a content page. */
export function utilityKind(url: string, title: string | null): UtilityKind | null {
  let path = url;
  try {
    const u = new URL(url);
    path = u.pathname + u.search;
  } catch {
    // keep the raw string: relative URLs in tests and fixtures
  }
  // The home page introduces every topic at once; it is never a pruning candidate.
  if (/^\/?(index\.(html?|php))?$/i.test(path)) return "home";
  for (const [kind, re] of PATH_PATTERNS) if (re.test(path)) return kind;
  if (title) for (const [kind, re] of TITLE_PATTERNS) if (re.test(title)) return kind;
  return null;
}
