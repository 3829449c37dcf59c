import { listHtmlPageUrls } from "../db/crawl-facts";
import type { Db } from "../db/client";
import { listIssueStatuses, listScanIssues } from "../db/issues";
import type { ScanRow } from "../db/scans";
import { listSuggestionStatuses } from "../db/suggestion-statuses";
import { issueList, issuesSummary, statusLookup } from "../issues";
import type { ReportWorklist } from "../report/scan-report";

/** A finished scan's issues and suggestion statuses with the statuses the site has now. */
export async function loadWorklist(db: Db, scan: Pick<ScanRow, "id" | "siteId">, pageUrls?: string[]): Promise<ReportWorklist> {
  const [occurrences, statuses, suggestions, urls] = await Promise.all([
    listScanIssues(db, scan.id),
    listIssueStatuses(db, scan.siteId),
    listSuggestionStatuses(db, scan.siteId),
    pageUrls ?? listHtmlPageUrls(db, scan.id),
  ]);
  const lookup = statusLookup(statuses);
  return {
    issues: issueList(occurrences, lookup),
    issuesSummary: issuesSummary(occurrences, lookup, urls),
    suggestionStatuses: new Map(suggestions.map((s) => [s.suggestionId, s.status])),
  };
}
