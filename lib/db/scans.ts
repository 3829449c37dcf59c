import { gunzipSync, gzipSync } from "node:zlib";
import type { ScanReport } from "../report/scan-report";
import type { EncoderKind } from "../encode/options";
import type { ExtractionRule } from "../crawl/custom-extract";
import type { RenderMode } from "../render/types";
import type { Db } from "./client";

export type ScanStatus = "queued" | "crawling" | "encoding" | "analyzing" | "done" | "failed" | "cancelled";
export const FINISHED_STATUSES: ScanStatus[] = ["done", "failed", "cancelled"];

export interface ScanOptions {
  maxPages: number;
  maxDepth: number;
  concurrency: number;
  allowPrivate: boolean;
  /** absent on scans made before the choice existed: those ran the LSTM */
  encoder?: EncoderKind;
  /** absent on scans made before rendering existed (read as off: they were crawled from raw HTML) */
  render?: RenderMode;
  /** custom extraction rules (absent: none) */
  extract?: ExtractionRule[];
}

export interface ScanTimings {
  crawlMs?: number;
  encodeMs?: number;
  analyzeMs?: number;
}

export interface ScanRow {
  id: string;
  siteId: string;
  url: string;
  status: ScanStatus;
  progress: Record<string, unknown>;
  options: ScanOptions;
  error: string | null;
  trigger: string;
  authority: number | null;
  timings: ScanTimings | null;
  encoder: Record<string, unknown> | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const SCAN_COLUMNS = {
  id: true, siteId: true, url: true, status: true, progress: true, options: true, error: true, trigger: true,
  authority: true, timings: true, encoder: true, createdAt: true, startedAt: true, finishedAt: true,
} as const;

type ScanRecord = { [K in keyof typeof SCAN_COLUMNS]: unknown };

/** JSON columns come back untyped; their shapes are the ones this module writes. */
function toScanRow(r: ScanRecord): ScanRow {
  return r as unknown as ScanRow;
}

export async function createScan(db: Db, scan: { siteId: string; url: string; options: ScanOptions; trigger: string; apiKeyId?: string }): Promise<ScanRow> {
  const row = await db.scan.create({
    data: { siteId: scan.siteId, url: scan.url, options: scan.options as object, trigger: scan.trigger, apiKeyId: scan.apiKeyId ?? null, progress: {} },
    select: SCAN_COLUMNS,
  });
  return toScanRow(row);
}

export async function getScan(db: Db, id: string): Promise<ScanRow | null> {
  const row = await db.scan.findUnique({ where: { id }, select: SCAN_COLUMNS });
  return row && toScanRow(row);
}

export async function listScans(db: Db, filter: { siteId?: string; take?: number; skip?: number } = {}): Promise<ScanRow[]> {
  const rows = await db.scan.findMany({
    where: filter.siteId ? { siteId: filter.siteId } : {},
    orderBy: { createdAt: "desc" },
    take: filter.take ?? 50,
    skip: filter.skip ?? 0,
    select: SCAN_COLUMNS,
  });
  return rows.map(toScanRow);
}

/** Moves a scan to a phase; a scan already finished (e.g. cancelled meanwhile) is left as it is. Returns whether it moved. */
export async function setScanStatus(db: Db, id: string, status: ScanStatus, extra: { error?: string; startedAt?: Date; finishedAt?: Date } = {}): Promise<boolean> {
  const r = await db.scan.updateMany({ where: { id, status: { notIn: FINISHED_STATUSES } }, data: { status, ...extra } });
  return r.count === 1;
}

export async function setScanProgress(db: Db, id: string, progress: Record<string, unknown>): Promise<void> {
  await db.scan.updateMany({ where: { id, status: { notIn: FINISHED_STATUSES } }, data: { progress: progress as object } });
}

export async function setScanTimings(db: Db, id: string, timings: ScanTimings): Promise<void> {
  await db.scan.update({ where: { id }, data: { timings: timings as object } });
}

export async function setScanEncoder(db: Db, id: string, encoder: Record<string, unknown>): Promise<void> {
  await db.scan.update({ where: { id }, data: { encoder: encoder as object } });
}

export async function finishScan(db: Db, id: string, result: { report: object; authority: number | null }): Promise<boolean> {
  const r = await db.scan.updateMany({
    where: { id, status: { notIn: FINISHED_STATUSES } },
    data: { status: "done", finishedAt: new Date(), authority: result.authority, report: gzipSync(JSON.stringify(result.report)) },
  });
  return r.count === 1;
}

/** The finished scan's report as stored (see README "Scan report"), or null before the scan finished. */
export async function getScanReport(db: Db, id: string): Promise<ScanReport | null> {
  const row = await db.scan.findUnique({ where: { id }, select: { report: true } });
  if (!row?.report) return null;
  return JSON.parse(gunzipSync(Buffer.from(row.report)).toString("utf8")) as ScanReport;
}

/** The latest finished scan of the same site created before this one. */
export async function previousFinishedScan(db: Db, scan: { id: string; siteId: string; createdAt: Date }): Promise<ScanRow | null> {
  const row = await db.scan.findFirst({
    where: { siteId: scan.siteId, status: "done", createdAt: { lt: scan.createdAt }, id: { not: scan.id } },
    orderBy: { createdAt: "desc" },
    select: SCAN_COLUMNS,
  });
  return row && toScanRow(row);
}

export const OPEN_STATUSES: ScanStatus[] = ["queued", "crawling", "encoding", "analyzing"];

/** Newest first, keyset-paginated on the scan id; `siteId` narrows to one site. */
export async function listScansPage(db: Db, filter: { siteId?: string; workspaceId?: string; take: number; cursor?: string }): Promise<ScanRow[]> {
  const rows = await db.scan.findMany({
    where: { ...(filter.siteId ? { siteId: filter.siteId } : {}), ...(filter.workspaceId ? { site: { workspaceId: filter.workspaceId } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.take,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    select: SCAN_COLUMNS,
  });
  return rows.map(toScanRow);
}

/** Scans an API key has queued or running (the per-key concurrency cap). */
export async function countOpenScansByApiKey(db: Db, apiKeyId: string): Promise<number> {
  return db.scan.count({ where: { apiKeyId, status: { in: OPEN_STATUSES } } });
}

/** The site's scan still queued or running, if any (a scheduled run is skipped rather than stacked on it). */
export async function findOpenScanOfSite(db: Db, siteId: string): Promise<{ id: string; status: string } | null> {
  return db.scan.findFirst({ where: { siteId, status: { in: OPEN_STATUSES } }, select: { id: true, status: true } });
}

/** The stored report as it is kept: gzip-compressed JSON (served as is to clients that accept gzip). */
export async function getScanReportGzip(db: Db, id: string): Promise<Buffer | null> {
  const row = await db.scan.findUnique({ where: { id }, select: { report: true } });
  return row?.report ? Buffer.from(row.report) : null;
}
