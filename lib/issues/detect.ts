import { indexingFindings, type CrawlFacts } from "./detect-crawl";
import { gapFindings, gateFindings, onPageFindings, type PageFacts } from "./detect-pages";
import type { Finding, IssueOccurrence } from "./types";

export interface IssueInput {
  crawl: CrawlFacts;
  report: Omit<PageFacts, "crawled">;
  /**
   * The site findings of the analysis (lib/analyze/findings.ts): broken links, redirects and canonicals to another
   * host, judged on links resolved through redirects and canonicals. This module never detects those again.
   */
  analysisFindings: Finding[];
}

/** A detail kept per occurrence: long enough for a dozen URLs, short enough for a table cell and a database row. */
export const DETAIL_MAX_CHARS = 1000;

/** One occurrence per (code, key): several findings of one code on one page join their details. */
export function toOccurrences(findings: Finding[], keyed: { key: string; finding: Finding }[] = []): IssueOccurrence[] {
  const out = new Map<string, IssueOccurrence>();
  const add = (code: string, key: string, pageUrl: string | null, detail: string | undefined) => {
    const id = `${code}\n${key}`;
    const prev = out.get(id);
    if (!prev) return void out.set(id, { code, key, pageUrl, detail: detail ? detail.slice(0, DETAIL_MAX_CHARS) : null });
    if (detail && prev.detail !== detail) prev.detail = (prev.detail ? `${prev.detail}; ${detail}` : detail).slice(0, DETAIL_MAX_CHARS);
  };
  for (const f of findings) {
    if (f.pageUrls.length === 0) add(f.code, f.detail ?? "", null, f.detail);
    for (const url of f.pageUrls) add(f.code, url, url, f.detail);
  }
  for (const { key, finding } of keyed) add(finding.code, key, finding.pageUrls[0] ?? null, finding.detail);
  return [...out.values()];
}

/** Every issue of a scan: the analysis's findings, then the crawl's indexing faults and the pages'. */
export function detectIssues(input: IssueInput): IssueOccurrence[] {
  const fromAnalysis = input.analysisFindings;
  const facts: PageFacts = { ...input.report, crawled: input.crawl.pages };
  return toOccurrences([...fromAnalysis, ...indexingFindings(input.crawl), ...gateFindings(facts), ...onPageFindings(facts)], gapFindings(facts));
}
