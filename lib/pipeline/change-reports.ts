import { saveChangeReport, type ChangeReportRecord } from "../db/change-reports";
import type { Db } from "../db/client";
import { listScanIssues } from "../db/issues";
import { listLinks, listPageHashes } from "../db/pages";
import { getScan, getScanReport, previousFinishedScan, type ScanRow } from "../db/scans";
import { AppError } from "../errors";
import { compareScans, summarizeChanges, type ChangeReport, type ScanSnapshot } from "../report/change-report";

async function snapshot(db: Db, scan: ScanRow): Promise<ScanSnapshot> {
  const report = await getScanReport(db, scan.id);
  if (!report) throw new AppError("conflict", `Scan ${scan.id} has no report yet (it is ${scan.status})`);
  const [pages, links, issues] = await Promise.all([listPageHashes(db, scan.id), listLinks(db, scan.id), listScanIssues(db, scan.id)]);
  // a scan finished before issues were recorded has none stored: it cannot say which issues are new
  return { report, pages, links, issues: report.issues ? issues : undefined };
}

async function finishedScan(db: Db, id: string): Promise<ScanRow> {
  const scan = await getScan(db, id);
  if (!scan) throw new AppError("not_found", `Scan ${id} not found`);
  if (scan.status !== "done") throw new AppError("conflict", `Scan ${id} is ${scan.status}; it can be compared once it is done`);
  return scan;
}

/** Compares any two finished scans (`topicgate compare A B`): A is the earlier one. Nothing is stored. */
export async function compareScanIds(db: Db, previousId: string, currentId: string): Promise<ChangeReport> {
  const [a, b] = await Promise.all([finishedScan(db, previousId), finishedScan(db, currentId)]);
  return compareScans(await snapshot(db, a), await snapshot(db, b));
}

/**
 * Builds and stores the change report of a finished scan against the site's previous finished scan.
 * Returns null when the scan is the site's first.
 */
export async function buildChangeReport(db: Db, scanId: string): Promise<ChangeReportRecord | null> {
  const scan = await finishedScan(db, scanId);
  const previous = await previousFinishedScan(db, scan);
  if (!previous) return null;
  const report = compareScans(await snapshot(db, previous), await snapshot(db, scan));
  const row = await saveChangeReport(db, { scanId, siteId: scan.siteId, previousScanId: previous.id, summary: summarizeChanges(report), data: report });
  return { ...row, data: report };
}
