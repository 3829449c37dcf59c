import type { z } from "zod";
import type { LinkSuggestion } from "../analyze/types";
import { setIssueStatus, siteHasIssue } from "../db/issues";
import { listLinkSuggestions } from "../db/link-suggestions";
import { listSuggestionStatuses, setSuggestionStatus } from "../db/suggestion-statuses";
import { AppError } from "../errors";
import { ISSUE_CATALOGUE, suggestionId, WHOLE_CODE, type Issue, type IssuesSummary, type SuggestionStatusValue } from "../issues";
import type { Runtime } from "../runtime";
import type { IssuesQuerySchema, IssueStatusUpdateSchema } from "./schemas";
import { doneScan } from "./scans";
import { siteOr404 } from "./sites";
import { loadWorklist } from "./worklist";

/** A finished scan's issues with the site's statuses of now, filtered by severity, status or code. */
export async function scanIssues(rt: Runtime, scanId: string, q: z.infer<typeof IssuesQuerySchema> = {}): Promise<{ issues: Issue[]; summary: IssuesSummary; siteId: string }> {
  const scan = await doneScan(rt, scanId);
  const w = await loadWorklist(rt.db, scan);
  const issues = w.issues.filter((i) => (!q.severity || i.severity === q.severity) && (!q.status || i.status === q.status) && (!q.code || i.code === q.code));
  return { issues, summary: w.issuesSummary, siteId: scan.siteId };
}

/**
 * Sets the status of an issue on one page (or one subject), or on every page of its code. The code must be one the
 * catalogue knows or a scan of the site found; a page or subject must be one a scan of the site found it on.
 */
export async function setSiteIssueStatus(rt: Runtime, siteId: string, body: z.infer<typeof IssueStatusUpdateSchema>) {
  await siteOr404(rt.db, siteId);
  const key = body.pageUrl ?? body.key ?? WHOLE_CODE;
  if (!(body.code in ISSUE_CATALOGUE) && !(await siteHasIssue(rt.db, siteId, body.code))) {
    throw new AppError("invalid_input", `Unknown issue code "${body.code}" (see GET /api/v1/scans/{id}/issues for the codes of a scan)`);
  }
  if (key !== WHOLE_CODE && !(await siteHasIssue(rt.db, siteId, body.code, key))) {
    throw new AppError("not_found", `No scan of this site found the issue ${body.code} on ${key}`);
  }
  await setIssueStatus(rt.db, siteId, body.code, key, body.status);
  return { siteId, code: body.code, key, pageUrl: body.pageUrl ?? null, status: body.status };
}

export type SuggestionView = LinkSuggestion & { id: string; status: SuggestionStatusValue };

/** A finished scan's link suggestions with their ids and the statuses the site has now. */
export async function scanSuggestions(rt: Runtime, scanId: string): Promise<SuggestionView[]> {
  const scan = await doneScan(rt, scanId);
  const [suggestions, statuses] = await Promise.all([listLinkSuggestions(rt.db, scanId), listSuggestionStatuses(rt.db, scan.siteId)]);
  const status = new Map(statuses.map((s) => [s.suggestionId, s.status]));
  return suggestions.map((s) => {
    const id = suggestionId(s.fromUrl, s.toUrl);
    return { id, fromUrl: s.fromUrl, toUrl: s.toUrl, anchor: s.anchor, context: s.context, score: s.score, reason: s.reason, status: status.get(id) ?? "pending" };
  });
}

/** Sets a suggestion's status; later scans of the site show it, and an approved one becomes applied once its link is crawled. */
export async function setScanSuggestionStatus(rt: Runtime, scanId: string, id: string, status: SuggestionStatusValue): Promise<SuggestionView> {
  const scan = await doneScan(rt, scanId);
  const found = (await listLinkSuggestions(rt.db, scanId)).find((s) => suggestionId(s.fromUrl, s.toUrl) === id);
  if (!found) throw new AppError("not_found", `Scan ${scanId} has no link suggestion ${id}`);
  await setSuggestionStatus(rt.db, scan.siteId, { suggestionId: id, fromUrl: found.fromUrl, toUrl: found.toUrl, anchor: found.anchor }, status);
  return { id, fromUrl: found.fromUrl, toUrl: found.toUrl, anchor: found.anchor, context: found.context, score: found.score, reason: found.reason, status };
}
