import { gunzipSync } from "node:zlib";
import type { ApiKeyRow } from "../db/api-keys";
import { getChangeReportByScan } from "../db/change-reports";
import { getScan, getScanReportGzip, previousFinishedScan, type ScanRow } from "../db/scans";
import { AppError } from "../errors";
import { buildChangeReport } from "../pipeline/change-reports";
import { enqueueScan } from "../pipeline/scan-jobs";
import type { ChangeReport } from "../report/change-report";
import type { Runtime } from "../runtime";
import { enforceScanCap } from "./rate-limit";
import type { ScanRequestBody } from "./schemas";

export async function startApiScan(rt: Runtime, key: ApiKeyRow, body: ScanRequestBody): Promise<ScanRow> {
  await enforceScanCap(rt.db, key.id, rt.config.maxConcurrentScansPerKey);
  return enqueueScan(rt, { ...body, trigger: "api", apiKeyId: key.id, workspaceId: key.workspaceId });
}

export async function scanOr404(rt: Runtime, id: string): Promise<ScanRow> {
  const scan = await getScan(rt.db, id);
  if (!scan) throw new AppError("not_found", `Scan ${id} not found`);
  return scan;
}

export async function doneScan(rt: Runtime, id: string): Promise<ScanRow> {
  const scan = await scanOr404(rt, id);
  if (scan.status !== "done") throw new AppError("conflict", `Scan ${id} is ${scan.status}; its report exists once it is done`);
  return scan;
}

/** A finished scan's report never changes, so its id and finish time make a strong validator. */
export function reportEtag(scan: Pick<ScanRow, "id" | "finishedAt">): string {
  return `"${scan.id}-${scan.finishedAt?.getTime() ?? 0}"`;
}

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * The report with ETag/Last-Modified (304 on If-None-Match, answered without reading the report). The stored gzip
 * is inflated to bytes and sent without a JSON parse; the web server compresses the response for clients that accept it.
 */
export async function reportResponse(rt: Runtime, id: string, request: Request): Promise<Response> {
  const scan = await doneScan(rt, id);
  const etag = reportEtag(scan);
  const headers: Record<string, string> = { etag, "cache-control": "private, no-cache", vary: "Authorization" };
  if (scan.finishedAt) headers["last-modified"] = scan.finishedAt.toUTCString();
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const gz = await getScanReportGzip(rt.db, id);
  if (!gz) throw new AppError("not_found", `Scan ${id} has no stored report`);
  return new Response(new Uint8Array(gunzipSync(gz)), { headers: { ...headers, "content-type": "application/json" } });
}

/** The scan's change report against the site's previous finished scan (built now if the scan predates it). */
export async function scanChanges(rt: Runtime, id: string): Promise<{ id: string; report: ChangeReport }> {
  const stored = await getChangeReportByScan(rt.db, id);
  if (stored) return { id: stored.id, report: stored.data as ChangeReport };
  const scan = await doneScan(rt, id);
  if (!(await previousFinishedScan(rt.db, scan))) throw new AppError("not_found", `Scan ${id} has no previous finished scan of the same site to compare with`);
  const built = await buildChangeReport(rt.db, id);
  if (!built) throw new AppError("not_found", `Scan ${id} has no previous finished scan of the same site to compare with`);
  return { id: built.id, report: built.data as ChangeReport };
}
