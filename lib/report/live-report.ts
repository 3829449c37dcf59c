import { suggestionId } from "../issues/suggestions";
import type { ReportWorklist, ScanReport } from "./scan-report";

/**
 * The report with the work list as it stands now: the stored report keeps the statuses of the moment the scan
 * finished; shared, printed and exported reports show the current ones.
 */
export function withWorklist(report: ScanReport, worklist: ReportWorklist): ScanReport {
  return {
    ...report,
    issues: worklist.issues,
    issuesSummary: worklist.issuesSummary,
    linkSuggestions: report.linkSuggestions.map((s) => {
      const id = s.id ?? suggestionId(s.fromUrl, s.toUrl);
      return { ...s, id, status: worklist.suggestionStatuses.get(id) ?? "pending" };
    }),
  };
}
