import type { ScanReport } from "../report/scan-report";
import type { Db } from "./client";
import { getScanReport } from "./scans";

/** Finished reports never change, so the overview keeps their site section instead of unpacking the whole report per view. */
const cache = new Map<string, Pick<ScanReport, "site" | "searchData">>();
const CACHE_SIZE = 50;

async function reportHead(db: Db, scanId: string): Promise<Pick<ScanReport, "site" | "searchData"> | null> {
  const hit = cache.get(scanId);
  if (hit) return hit;
  const report = await getScanReport(db, scanId);
  if (!report) return null;
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  const head = { site: report.site, searchData: report.searchData };
  cache.set(scanId, head);
  return head;
}

/** The site section of a finished scan's report (authority, gate scores, explanation, formula, linking summary). */
export async function getReportSite(db: Db, scanId: string): Promise<ScanReport["site"] | null> {
  return (await reportHead(db, scanId))?.site ?? null;
}

/** Whether the scan used search data and what its report says about it (undefined for reports made before it existed). */
export async function getReportSearchData(db: Db, scanId: string): Promise<ScanReport["searchData"]> {
  return (await reportHead(db, scanId))?.searchData;
}

/** Failed fetches of a scan so far, newest first (the progress view shows them as they happen). */
export async function recentCrawlErrors(db: Db, scanId: string, take: number): Promise<{ url: string; error: string }[]> {
  const rows = await db.frontierEntry.findMany({ where: { scanId, error: { not: null } }, orderBy: { id: "desc" }, take, select: { url: true, error: true } });
  return rows.map((r) => ({ url: r.url, error: r.error as string }));
}
