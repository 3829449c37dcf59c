import { canonicalHostFindings, indexingFindings, linkFindings, type CrawlFacts } from "./detect-crawl";
import { gapFindings, gateFindings, onPageFindings, type PageFacts } from "./detect-pages";
import type { Finding, IssueOccurrence } from "./types";

export interface IssueInput {
  crawl: CrawlFacts;
  report: Omit<PageFacts, "crawled">;
  /**
   * Findings the analysis reported itself. When present they replace this module's own detection of the codes the
   * analysis owns (ANALYSIS_FINDING_CODES in detect-crawl.ts), so one fault is never reported twice.
   */
  analysisFindings?: Finding[];
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

/** Every issue of a scan: the analysis's own findings (or the crawl's, before it reports them), then the pages'. */
export function detectIssues(input: IssueInput): IssueOccurrence[] {
  const fromAnalysis = input.analysisFindings ?? [...linkFindings(input.crawl), ...canonicalHostFindings(input.crawl)];
  const facts: PageFacts = { ...input.report, crawled: input.crawl.pages };
  return toOccurrences([...fromAnalysis, ...indexingFindings(input.crawl), ...gateFindings(facts), ...onPageFindings(facts)], gapFindings(facts));
}
