import type { Severity } from "./types";

/**
 * Every issue type TopicGate reports: what the crawl and the four gates find, as a work list. Severities follow the
 * usual audit convention (errors stop a page from being found or used, warnings cost ranking or authority, notices are
 * worth a look); an issue's pages are where the fix is made.
 */
export interface IssueType {
  severity: Severity;
  title: string;
  why: string;
  howToFix: string;
}

export const ISSUE_CATALOGUE = {
  broken_link: {
    severity: "error",
    title: "Broken internal links",
    why: "A link to a page that answers an error or cannot be fetched wastes the visitor's click and the authority the link carries.",
    howToFix: "Point each link at the page that replaced the missing one, or remove the link. The detail names every broken target and its status.",
  },
  template_broken_link: {
    severity: "error",
    title: "Broken link in the site template",
    why: "The same broken link sits in the navigation, header or footer, so every page carries it: one fault in the template, repeated site-wide.",
    howToFix: "Fix the link once in the template (menu, header or footer); every listed page is fixed with it.",
  },
  missing_title: {
    severity: "error",
    title: "Page without a title",
    why: "Search engines show the title as the result's headline and weigh it heavily; without one they make up a title from the page.",
    howToFix: "Give the page a unique <title> that names its subject in 50-60 characters.",
  },
  noindex_in_sitemap: {
    severity: "error",
    title: "Noindex page listed in the sitemap",
    why: "The sitemap asks search engines to index the page while the page forbids it: conflicting signals that waste crawl budget.",
    howToFix: "Remove the page from the sitemap, or remove its noindex if it should be found.",
  },
  canonical_conflict: {
    severity: "error",
    title: "Canonical points to a page that cannot be the canonical",
    why: "The canonical URL answers an error, redirects, or is noindex, so search engines ignore it or drop both pages.",
    howToFix: "Point the canonical at the final, indexable 200 URL of the page (often the page itself). The detail says what is wrong with the target.",
  },
  hreflang_invalid_code: {
    severity: "error",
    title: "Invalid hreflang value",
    why: "Search engines ignore an alternate whose hreflang is not an ISO 639-1 language (with an optional ISO 3166-1 region): \"jp\", \"en-UK\" or \"english\" reach nobody.",
    howToFix: "Write the language as ISO 639-1 (ja, not jp) and the region as ISO 3166-1 alpha-2 (en-GB, not en-UK). The detail names each wrong value.",
  },
  hreflang_not_reciprocal: {
    severity: "error",
    title: "hreflang alternate not confirmed by its target",
    why: "An alternate counts only when both pages name each other; a one-way annotation is ignored, so the language version may not be shown to its readers.",
    howToFix: "Add the return annotation on the named page (every version lists every other version, itself included).",
  },
  hreflang_broken_target: {
    severity: "error",
    title: "hreflang alternate that answers an error or redirects",
    why: "Alternates must be the final, indexable URLs; an error or a redirect breaks the set of language versions.",
    howToFix: "Point the annotation at the page's final 200 URL, or remove it. The detail names each target and its status.",
  },
  hreflang_canonical_conflict: {
    severity: "error",
    title: "hreflang and canonical disagree",
    why: "A page that names alternates but is canonicalised to another URL, or an alternate that is not its own canonical, sends conflicting signals; search engines drop the annotations.",
    howToFix: "Name only canonical URLs as alternates, and give each language version its own URL as canonical.",
  },
  sitemap_error_url: {
    severity: "error",
    title: "Sitemap lists a URL that answers an error",
    why: "Search engines fetch what the sitemap lists; error URLs there waste crawl budget and lower trust in the sitemap.",
    howToFix: "Remove the URL from the sitemap, or restore the page.",
  },
  redirect_chain: {
    severity: "warning",
    title: "Internal links through redirect chains",
    why: "Each hop costs a request and a little authority; search engines stop following long chains.",
    howToFix: "Link straight to the final URL, and make old URLs redirect in one hop. The detail gives each chain's hop count.",
  },
  off_topic_page: {
    severity: "warning",
    title: "Off-topic page",
    why: "A page far from every topic the site is about dilutes its topical authority and confuses what the site is known for.",
    howToFix: "Remove the page or move it to a site where it belongs; if the subject should be a topic of the site, build it out with linked pages.",
  },
  cannibalisation: {
    severity: "warning",
    title: "Pages competing for the same subject",
    why: "Two pages of the same topic with similar titles split clicks and links, and neither ranks as well as one would.",
    howToFix: "Merge the listed page into the page named in the detail and redirect its URL there.",
  },
  near_duplicate: {
    severity: "warning",
    title: "Near-duplicate content",
    why: "Pages that say nearly the same thing compete with each other and waste crawl budget.",
    howToFix: "Merge the page into the stronger page named in the detail, or make its content distinct.",
  },
  orphan_page: {
    severity: "warning",
    title: "Orphan page",
    why: "No content link points to the page, so it receives no internal authority and readers cannot find it from related pages.",
    howToFix: "Link to it from related pages of its topic (see the link suggestions), or remove it if nobody needs it.",
  },
  thin_page: {
    severity: "warning",
    title: "Thin page",
    why: "Very short pages rarely answer a question fully and weigh little for the topic.",
    howToFix: "Expand the page into a full answer, or merge it into a related page.",
  },
  duplicate_title: {
    severity: "warning",
    title: "Duplicate titles",
    why: "Pages sharing one title look interchangeable to search engines and readers.",
    howToFix: "Give each page a title that names what sets it apart. The detail names the shared title.",
  },
  missing_description: {
    severity: "warning",
    title: "Page without a meta description",
    why: "Search engines then write the result's snippet from whatever text they pick, which often sells the page poorly.",
    howToFix: "Write a meta description of 120-160 characters that says what the page answers.",
  },
  hreflang_language_mismatch: {
    severity: "warning",
    title: "hreflang language differs from the page's language",
    why: "The alternate is announced in one language while its page is written in another: readers of the announced language get the wrong page.",
    howToFix: "Point the annotation at the page written in that language, or correct its hreflang value.",
  },
  js_only_content: {
    severity: "warning",
    title: "Content or links only after JavaScript",
    why: "Text or links that scripts add in the browser are missing from the HTML: crawlers that do not run scripts never see them, and search engines that do render them later and on a budget, so the pages and the pages they link rank and get found late or not at all.",
    howToFix: "Serve the text and links in the HTML the server sends (server-side rendering, static generation or pre-rendering). The detail counts the words and links the scripts add per page.",
  },
  js_shell_unrendered: {
    severity: "warning",
    title: "Pages built by JavaScript, read without rendering",
    why: "The HTML of these pages is an empty application shell: a crawler that does not run scripts sees no text and no links, and this audit (scanned without rendering) could not judge them.",
    howToFix: "Scan again with rendering (render auto or always) to audit what browsers see, and serve the pages' text and links in their HTML.",
  },
  canonical_other_host: {
    severity: "warning",
    title: "Canonical URLs on another host",
    why: "Pages that name a canonical on another host tell search engines the other site is the original; on a live site this hands its rankings away.",
    howToFix: "If this is a staging copy or mirror, nothing to do; otherwise point the canonicals at this site's own URLs.",
  },
  internal_redirect: {
    severity: "notice",
    title: "Internal links to redirecting URLs",
    why: "The link works, but every visit and crawl takes an extra request, and the link's authority passes through the redirect.",
    howToFix: "Update the links to the URL the redirect ends at (named in the detail).",
  },
  hreflang_missing_x_default: {
    severity: "notice",
    title: "Language versions without an x-default",
    why: "Without an x-default, visitors whose language has no version get whichever page the search engine picks.",
    howToFix: "Add an alternate with hreflang=\"x-default\" naming the page for every other language (often the language chooser or the main language).",
  },
  stale_page: {
    severity: "notice",
    title: "Page not updated for a long time",
    why: "Outdated pages lose trust and rankings on subjects that change.",
    howToFix: "Review the page: update what changed, or confirm it is still right.",
  },
  content_gap: {
    severity: "notice",
    title: "Subtopic without a page of its own",
    why: "The site's pages mention the subject without a page dedicated to it: a gap in the topic's coverage that a competitor can fill.",
    howToFix: "Write a page on the subject and link it from the pages that mention it (listed).",
  },
  noindex_page: {
    severity: "notice",
    title: "Noindex page",
    why: "The page asks search engines not to index it. That is right for some pages and a costly mistake for others.",
    howToFix: "Check the page should stay out of search results; remove the noindex if not.",
  },
} as const satisfies Record<string, IssueType>;

export type IssueCode = keyof typeof ISSUE_CATALOGUE;

export const ISSUE_CODES = Object.keys(ISSUE_CATALOGUE) as IssueCode[];

/** The catalogue entry of a code; a code the catalogue does not know yet (a newer analysis) is a notice titled by its name. */
export function issueType(code: string): IssueType {
  const known = (ISSUE_CATALOGUE as Record<string, IssueType>)[code];
  if (known) return known;
  const title = code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
  return { severity: "notice", title, why: "Reported by the analysis.", howToFix: "See the detail of each page." };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Errors first, then warnings, then notices; within a severity, catalogue order. */
export function compareCodes(a: string, b: string): number {
  const d = SEVERITY_RANK[issueType(a).severity] - SEVERITY_RANK[issueType(b).severity];
  if (d !== 0) return d;
  const ia = ISSUE_CODES.indexOf(a as IssueCode);
  const ib = ISSUE_CODES.indexOf(b as IssueCode);
  return (ia < 0 ? ISSUE_CODES.length : ia) - (ib < 0 ? ISSUE_CODES.length : ib) || (a < b ? -1 : a > b ? 1 : 0);
}
