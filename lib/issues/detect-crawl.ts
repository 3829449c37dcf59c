import type { Finding } from "./types";

/**
 * Indexing faults the crawl shows: canonicals that cannot hold and sitemaps that list the wrong URLs. Pure: the
 * crawl's records in, findings out. (Broken links, redirects and canonicals to another host are the analysis's
 * findings: it judges links resolved through redirects and canonicals.)
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
  /** every URL the crawl fetched, whatever it answered */
  fetched: FetchedUrl[];
  /** the HTML pages that answered 200 */
  pages: CrawledPage[];
}

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
