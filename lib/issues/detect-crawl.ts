import type { Finding } from "./types";

/**
 * Site faults the crawl shows: links to error pages, links through redirects, canonicals that cannot hold, sitemaps
 * that list the wrong URLs. Pure: the crawl's records in, findings out.
 */

export interface FetchedUrl {
  /** final URL */
  url: string;
  requestedUrl: string;
  status: number;
  redirectChain: { url: string; status: number; location: string }[] | null;
  inSitemap: boolean;
}

export interface CrawledPage {
  url: string;
  title: string | null;
  metaDescription: string | null;
  canonical: string | null;
  noindex: boolean;
  inSitemap: boolean;
}

export interface CrawlFacts {
  siteUrl: string;
  /** every URL the crawl fetched, whatever it answered */
  fetched: FetchedUrl[];
  /** the HTML pages that answered 200 */
  pages: CrawledPage[];
  links: { fromUrl: string; toUrl: string; position: string }[];
}

/** Codes an analysis that reports its own findings (lib/analyze) takes over from this module. */
export const ANALYSIS_FINDING_CODES = ["broken_link", "template_broken_link", "redirect_chain", "internal_redirect", "canonical_other_host"] as const;

/** A broken target linked from the template (navigation, header, footer, aside) on this many pages is one template fault. */
export const TEMPLATE_MIN_PAGES = 2;
/** ... and so is one linked from content on at least this share of the site's pages (a block the template repeats). */
export const TEMPLATE_PAGE_SHARE = 0.5;
/** Targets named in one page's detail: enough to act on, short enough to read. */
const DETAIL_TARGETS = 5;

const failed = (status: number) => status === 0 || status >= 400;
const stripFragment = (u: string) => (u.includes("#") ? u.slice(0, u.indexOf("#")) : u);

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

interface Target {
  status: number;
  /** redirects followed to reach the final URL (0: none) */
  hops: number;
  finalUrl: string;
}

/** What each fetched URL, and each URL on the way of a redirect, leads to. */
function targetIndex(fetched: FetchedUrl[]): Map<string, Target> {
  const index = new Map<string, Target>();
  for (const f of fetched) {
    const chain = f.redirectChain ?? [];
    chain.forEach((hop, i) => {
      if (!index.has(hop.url)) index.set(hop.url, { status: f.status, hops: chain.length - i, finalUrl: f.url });
    });
    index.set(f.url, { status: f.status, hops: 0, finalUrl: f.url });
  }
  return index;
}

function listTargets(targets: string[]): string {
  const shown = targets.slice(0, DETAIL_TARGETS).join(", ");
  return targets.length > DETAIL_TARGETS ? `${shown} and ${targets.length - DETAIL_TARGETS} more` : shown;
}

/** Broken links (per page, and once for the template), internal redirects and redirect chains. */
export function linkFindings(facts: CrawlFacts): Finding[] {
  const index = targetIndex(facts.fetched);
  const siteHost = hostOf(facts.siteUrl);
  const pageCount = facts.pages.length;
  const brokenBy = new Map<string, { status: number; sources: Set<string>; templateSources: Set<string> }>();
  const redirectsBy = new Map<string, Map<string, Target>>();
  for (const l of facts.links) {
    const to = stripFragment(l.toUrl);
    if (to === l.fromUrl || hostOf(to) !== siteHost) continue;
    const t = index.get(to);
    if (!t) continue; // never fetched (outside the crawl's limits): nothing known
    if (failed(t.status)) {
      let b = brokenBy.get(to);
      if (!b) brokenBy.set(to, (b = { status: t.status, sources: new Set(), templateSources: new Set() }));
      (l.position === "content" ? b.sources : b.templateSources).add(l.fromUrl);
    } else if (t.hops > 0) {
      let m = redirectsBy.get(l.fromUrl);
      if (!m) redirectsBy.set(l.fromUrl, (m = new Map()));
      m.set(to, t);
    }
  }

  const findings: Finding[] = [];
  const perPage = new Map<string, string[]>();
  for (const [target, b] of [...brokenBy.entries()].sort(([a], [c]) => (a < c ? -1 : 1))) {
    const all = new Set([...b.sources, ...b.templateSources]);
    const template = b.templateSources.size >= TEMPLATE_MIN_PAGES || (pageCount >= 2 * TEMPLATE_MIN_PAGES && b.sources.size >= TEMPLATE_PAGE_SHARE * pageCount);
    const label = `${target} (${b.status === 0 ? "no answer" : `HTTP ${b.status}`})`;
    if (template) {
      findings.push({ code: "template_broken_link", pageUrls: [...all].sort(), detail: `every listed page links to ${label}` });
      continue;
    }
    for (const from of all) perPage.set(from, [...(perPage.get(from) ?? []), label]);
  }
  for (const [from, targets] of perPage) findings.push({ code: "broken_link", pageUrls: [from], detail: `links to ${listTargets(targets)}` });

  for (const [from, targets] of redirectsBy) {
    const chains = [...targets.entries()].filter(([, t]) => t.hops >= 2);
    const single = [...targets.entries()].filter(([, t]) => t.hops === 1);
    if (chains.length) findings.push({ code: "redirect_chain", pageUrls: [from], detail: `links to ${listTargets(chains.map(([u, t]) => `${u} (${t.hops} hops to ${t.finalUrl})`))}` });
    if (single.length) findings.push({ code: "internal_redirect", pageUrls: [from], detail: `links to ${listTargets(single.map(([u, t]) => `${u} (redirects to ${t.finalUrl})`))}` });
  }
  return findings;
}

/** Canonicals naming another host: one finding per host ("this looks like a copy of ..."). */
export function canonicalHostFindings(facts: CrawlFacts): Finding[] {
  const byHost = new Map<string, string[]>();
  for (const p of facts.pages) {
    if (!p.canonical || !/^https?:\/\//i.test(p.canonical)) continue;
    const host = hostOf(p.canonical);
    if (host === null || host === hostOf(p.url)) continue;
    byHost.set(host, [...(byHost.get(host) ?? []), p.url]);
  }
  return [...byHost.entries()].map(([host, urls]) => ({
    code: "canonical_other_host",
    pageUrls: urls.sort(),
    detail: `the canonical URL is on ${host}${urls.length === facts.pages.length ? ": the site looks like a copy of " + host : ""}`,
  }));
}

/** Canonicals to an error, a redirect or a noindex page, or on a noindex page; sitemap entries that cannot be indexed. */
export function indexingFindings(facts: CrawlFacts): Finding[] {
  const index = targetIndex(facts.fetched);
  const pageByUrl = new Map(facts.pages.map((p) => [p.url, p]));
  const findings: Finding[] = [];
  for (const p of facts.pages) {
    if (p.noindex && p.inSitemap) findings.push({ code: "noindex_in_sitemap", pageUrls: [p.url] });
    const c = p.canonical;
    if (!c || !/^https?:\/\//i.test(c) || stripFragment(c) === p.url || hostOf(c) !== hostOf(p.url)) continue;
    const t = index.get(stripFragment(c));
    let problem: string | null = null;
    if (p.noindex) problem = `the page is noindex and names ${c} as canonical (conflicting signals)`;
    else if (t && failed(t.status)) problem = `the canonical ${c} answers ${t.status === 0 ? "nothing" : `HTTP ${t.status}`}`;
    else if (t && t.hops > 0) problem = `the canonical ${c} redirects to ${t.finalUrl}`;
    else if (pageByUrl.get(stripFragment(c))?.noindex) problem = `the canonical ${c} is noindex`;
    if (problem) findings.push({ code: "canonical_conflict", pageUrls: [p.url], detail: problem });
  }
  for (const f of facts.fetched) {
    if (f.inSitemap && failed(f.status)) findings.push({ code: "sitemap_error_url", pageUrls: [f.url], detail: f.status === 0 ? "no answer" : `HTTP ${f.status}` });
  }
  return findings;
}
