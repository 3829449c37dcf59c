import type { AnalysisResult } from "../analyze/types";
import type { Db } from "../db/client";
import { listFetchedUrls } from "../db/crawl-facts";
import { listIssueStatuses, reopenIssueStatuses, saveScanIssues } from "../db/issues";
import type { StoredLink, StoredPage } from "../db/pages";
import type { ScanRow } from "../db/scans";
import { listSuggestionStatuses, markSuggestionsApplied } from "../db/suggestion-statuses";
import { appliedSuggestions, detectIssues, issueList, issuesSummary, issueType, statusesToReopen, statusLookup, } from "../issues";
import type { ReportWorklist } from "../report/scan-report";

/**
 * The scan's work list, after the analysis and before the report: its issues stored, the site's statuses carried
 * over (a resolved issue found again reopens), and approved link suggestions whose link the crawl now finds marked
 * applied. Idempotent: a resumed scan does it again with the same result.
 */
export async function recordWorklist(
  db: Db,
  scan: Pick<ScanRow, "id" | "siteId" | "url" | "startedAt" | "createdAt">,
  pages: StoredPage[],
  links: StoredLink[],
  analysis: AnalysisResult,
): Promise<ReportWorklist> {
  const fetched = await listFetchedUrls(db, scan.id);
  const analysed = new Map(analysis.pages.map((p) => [p.url, p]));
  const occurrences = detectIssues({
    crawl: { fetched, pages },
    report: {
      pages: pages.map((p) => ({ url: p.url, title: p.title, noindex: p.noindex, canonical: p.canonical, isUtility: analysed.get(p.url)?.isUtility ?? false, forget: analysed.get(p.url)?.forget ?? { reasons: [] } })),
      topics: analysis.topics,
      gaps: analysis.gaps,
    },
    // an analysis that reports its own findings (links resolved through redirects and canonicals) is the authority on them
    analysisFindings: analysis.findings,
  });
  await saveScanIssues(db, scan.id, occurrences.map((o) => ({ ...o, severity: issueType(o.code).severity })));

  const reopen = statusesToReopen(occurrences, await listIssueStatuses(db, scan.siteId), scan.startedAt ?? scan.createdAt);
  await reopenIssueStatuses(db, scan.siteId, scan.id, reopen);
  const lookup = statusLookup(await listIssueStatuses(db, scan.siteId));

  const applied = appliedSuggestions(await listSuggestionStatuses(db, scan.siteId, "approved"), links);
  await markSuggestionsApplied(db, scan.siteId, scan.id, applied.map((s) => s.suggestionId));
  const suggestionStatuses = new Map((await listSuggestionStatuses(db, scan.siteId)).map((s) => [s.suggestionId, s.status]));

  return {
    issues: issueList(occurrences, lookup),
    issuesSummary: issuesSummary(occurrences, lookup, pages.map((p) => p.url)),
    suggestionStatuses,
  };
}
