import type { AnalysisPage, AnalysisResult } from "../analyze/types";
import { suggestionId, type SuggestionStatusValue } from "../issues/suggestions";
import type { Issue, IssuesSummary } from "../issues/types";
import type { PageRenderInfo } from "../render/types";
import { withoutSearchData, type ReportPageSearch, type SearchDataSummary } from "./search-summary";

/** Bumped only when a field changes name or meaning; added fields keep the version. */
export const REPORT_SCHEMA_VERSION = 1;

export interface ScanReport {
  schemaVersion: 1;
  scan: {
    id: string;
    url: string;
    startedAt: string | null;
    finishedAt: string | null;
    pagesCrawled: number;
    timings: { crawlMs: number | null; encodeMs: number | null; analyzeMs: number | null };
    encoder: Record<string, unknown> | null;
  };
  site: AnalysisResult["site"];
  topics: AnalysisResult["topics"];
  pages: ReportPage[];
  /** whether search data was used, its period, and how its rows matched the pages (absent in reports made before it existed) */
  searchData?: SearchDataSummary;
  gaps: AnalysisResult["gaps"];
  /** queries at positions 8-20 with impressions, and the page to improve; present when the scan used search data */
  quickWins?: NonNullable<AnalysisResult["search"]>["quickWins"];
  linkClusters: AnalysisResult["linkClusters"];
  linkSuggestions: ReportSuggestion[];
  /** the work list: issues by code and status (statuses as they stood when the scan finished); absent in older reports */
  issues?: Issue[];
  issuesSummary?: IssuesSummary | null;
  /** site issues the analysis found (technical faults reported once with the pages they affect) */
  findings: AnalysisResult["findings"];
  /** the languages of the site: pages and topics per language (absent in reports made before it existed) */
  languages?: AnalysisResult["languages"];
  ablation?: AnalysisResult["ablation"];
}

/** A link suggestion with its stable id (the same in every scan of the site) and its status when the scan finished (older reports have neither). */
export type ReportSuggestion = AnalysisResult["linkSuggestions"][number] & { id?: string; status?: SuggestionStatusValue };

/** What the work list adds to a report (lib/pipeline/worklist.ts). */
export interface ReportWorklist {
  issues: Issue[];
  issuesSummary: IssuesSummary;
  suggestionStatuses: Map<string, SuggestionStatusValue>;
}

export interface ReportPage {
  url: string;
  status: number;
  title: string | null;
  wordCount: number;
  depth: number;
  inlinks: number;
  outlinks: number;
  pagerank: number;
  topicId: number | null;
  topicSimilarity: number;
  isUtility: boolean;
  noindex: boolean;
  canonical: string | null;
  /** ISO 639-1 language of the page, null when unknown (absent in older reports) */
  language?: string | null;
  forget: AnalysisResult["pages"][number]["forget"];
  /** the sequence model's view of how the page holds together (null when the scan ran without one) */
  coherence?: AnalysisPage["coherence"];
  /** present when the scan used search data */
  search?: ReportPageSearch;
  /** whether the page was read from the DOM Chromium built, and what its scripts added (absent in older reports) */
  render?: ReportPageRender;
  /** custom extraction values by rule name (present when the scan had rules; null: nothing matched) */
  extracted?: Record<string, string | null>;
}

/** A page's rendering as the report gives it: whether it was rendered, whether it is a shell, what its scripts added. */
export type ReportPageRender = Omit<PageRenderInfo, "refusedRequests">;

/** Search data of the scan: the summary and each page's figures by URL. */
export interface ReportSearch {
  summary: SearchDataSummary;
  pages: Map<string, ReportPageSearch>;
}

export interface ReportInput {
  scan: {
    id: string;
    url: string;
    startedAt: Date | null;
    finishedAt: Date | null;
    encoder: Record<string, unknown> | null;
    timings: Partial<Record<"crawlMs" | "encodeMs" | "analyzeMs", number>> | null;
  };
  /** the crawled HTML pages (status 200), in crawl order */
  pages: (Pick<AnalysisPage, "url" | "status" | "title" | "wordCount" | "depth" | "noindex" | "canonical" | "coherence"> & { id?: number; render?: ReportPageRender | null })[];
  analysis: AnalysisResult;
  search?: ReportSearch;
  worklist?: ReportWorklist;
  /** custom extraction: the scan's rule names and each page's values by page id */
  extracted?: { names: string[]; byPage: Map<number, Record<string, string | null>> };
}

function reportRender(p: ReportInput["pages"][number]): ReportPageRender {
  const r = p.render;
  if (!r) return { rendered: false, shell: false, addedWords: 0, addedLinks: 0 };
  return {
    rendered: r.rendered, shell: r.shell, addedWords: r.addedWords, addedLinks: r.addedLinks,
    ...(r.error ? { error: r.error } : {}), ...(r.timedOut ? { timedOut: true } : {}),
  };
}

function reportExtracted(p: ReportInput["pages"][number], extracted: NonNullable<ReportInput["extracted"]>): Record<string, string | null> {
  const values = (p.id !== undefined ? extracted.byPage.get(p.id) : undefined) ?? {};
  return Object.fromEntries(extracted.names.map((n) => [n, values[n] ?? null]));
}

/** The scan report (the contract in README "Scan report"): every crawled HTML page with status 200 once, under its final URL. */
export function buildScanReport({ scan, pages, analysis, search, worklist, extracted }: ReportInput): ScanReport {
  const byUrl = new Map(analysis.pages.map((p) => [p.url, p]));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scan: {
      id: scan.id,
      url: scan.url,
      startedAt: scan.startedAt?.toISOString() ?? null,
      finishedAt: scan.finishedAt?.toISOString() ?? null,
      pagesCrawled: pages.length,
      timings: { crawlMs: scan.timings?.crawlMs ?? null, encodeMs: scan.timings?.encodeMs ?? null, analyzeMs: scan.timings?.analyzeMs ?? null },
      // scans made before the encoder could be chosen ran the LSTM
      encoder: scan.encoder ? { kind: "lstm", ...scan.encoder } : null,
    },
    site: analysis.site,
    topics: analysis.topics,
    pages: pages.map((p) => {
      const a = byUrl.get(p.url);
      return {
        url: p.url,
        status: p.status,
        title: p.title,
        wordCount: p.wordCount,
        depth: p.depth,
        inlinks: a?.inlinks ?? 0,
        outlinks: a?.outlinks ?? 0,
        pagerank: a?.pagerank ?? 0,
        topicId: a?.topicId ?? null,
        topicSimilarity: a?.topicSimilarity ?? 0,
        isUtility: a?.isUtility ?? false,
        noindex: p.noindex,
        canonical: p.canonical,
        language: a?.language ?? null,
        forget: a?.forget ?? { score: 0, action: "keep", reasons: [] },
        coherence: p.coherence ?? null,
        ...(search?.pages.has(p.url) ? { search: search.pages.get(p.url) } : {}),
        render: reportRender(p),
        ...(extracted && extracted.names.length > 0 ? { extracted: reportExtracted(p, extracted) } : {}),
      };
    }),
    searchData: search?.summary ?? withoutSearchData(),
    gaps: analysis.gaps,
    ...(analysis.search ? { quickWins: analysis.search.quickWins } : {}),
    linkClusters: analysis.linkClusters,
    linkSuggestions: analysis.linkSuggestions.map((s) => {
      const id = suggestionId(s.fromUrl, s.toUrl);
      return { ...s, id, status: worklist?.suggestionStatuses.get(id) ?? "pending" };
    }),
    issues: worklist?.issues ?? [],
    issuesSummary: worklist?.issuesSummary ?? null,
    findings: analysis.findings ?? [],
    languages: analysis.languages ?? [],
    ...(analysis.ablation ? { ablation: analysis.ablation } : {}),
  };
}
