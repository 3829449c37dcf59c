import type { Db } from "./client";

export interface ChangeReportRow {
  id: string;
  scanId: string;
  siteId: string;
  previousScanId: string;
  summary: Record<string, number>;
  createdAt: Date;
}

export interface ChangeReportRecord extends ChangeReportRow {
  data: unknown;
}

const SUMMARY_COLUMNS = { id: true, scanId: true, siteId: true, previousScanId: true, summary: true, createdAt: true } as const;

/** Stores the change report of a scan (replacing an earlier one for the same scan). */
export async function saveChangeReport(
  db: Db,
  r: { scanId: string; siteId: string; previousScanId: string; summary: Record<string, number>; data: object },
): Promise<ChangeReportRow> {
  const fields = { siteId: r.siteId, previousScanId: r.previousScanId, summary: r.summary, data: r.data };
  const row = await db.changeReport.upsert({ where: { scanId: r.scanId }, create: { scanId: r.scanId, ...fields }, update: fields, select: SUMMARY_COLUMNS });
  return row as ChangeReportRow;
}

export async function getChangeReport(db: Db, id: string): Promise<ChangeReportRecord | null> {
  return (await db.changeReport.findUnique({ where: { id } })) as ChangeReportRecord | null;
}

export async function getChangeReportByScan(db: Db, scanId: string): Promise<ChangeReportRecord | null> {
  return (await db.changeReport.findUnique({ where: { scanId } })) as ChangeReportRecord | null;
}

/** Newest first; `siteId` narrows to one site. */
export async function listChangeReportsPage(db: Db, filter: { siteId?: string; workspaceId?: string; take: number; cursor?: string }): Promise<ChangeReportRow[]> {
  const rows = await db.changeReport.findMany({
    where: { ...(filter.siteId ? { siteId: filter.siteId } : {}), ...(filter.workspaceId ? { site: { workspaceId: filter.workspaceId } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filter.take,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    select: SUMMARY_COLUMNS,
  });
  return rows as ChangeReportRow[];
}
