import type { IssueOccurrence, IssueStatusRecord, IssueStatusValue, Severity } from "../issues/types";
import type { Db } from "./client";

/** Rows per createMany: keeps bound parameters under SQLite's limit. */
const BULK_CHUNK = 500;

/** Stores a scan's issues, replacing what an earlier attempt of the same scan stored. */
export async function saveScanIssues(db: Db, scanId: string, occurrences: (IssueOccurrence & { severity: Severity })[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.issue.deleteMany({ where: { scanId } });
    for (let i = 0; i < occurrences.length; i += BULK_CHUNK) {
      await tx.issue.createMany({ data: occurrences.slice(i, i + BULK_CHUNK).map((o) => ({ scanId, code: o.code, severity: o.severity, key: o.key, pageUrl: o.pageUrl, detail: o.detail })) });
    }
  });
}

export async function listScanIssues(db: Db, scanId: string): Promise<IssueOccurrence[]> {
  return db.issue.findMany({ where: { scanId }, select: { code: true, key: true, pageUrl: true, detail: true }, orderBy: { id: "asc" } });
}

export async function countScanIssues(db: Db, scanId: string): Promise<number> {
  return db.issue.count({ where: { scanId } });
}

export async function listIssueStatuses(db: Db, siteId: string): Promise<IssueStatusRecord[]> {
  const rows = await db.issueStatus.findMany({ where: { siteId }, select: { code: true, key: true, status: true, updatedAt: true } });
  return rows.map((r) => ({ ...r, status: r.status as IssueStatusValue }));
}

/** Sets a status on one page of a code, or (key "") on the whole code, which replaces the statuses of its single pages. */
export async function setIssueStatus(db: Db, siteId: string, code: string, key: string, status: IssueStatusValue): Promise<void> {
  await db.$transaction(async (tx) => {
    if (key === "") await tx.issueStatus.deleteMany({ where: { siteId, code, key: { not: "" } } });
    await tx.issueStatus.upsert({
      where: { siteId_code_key: { siteId, code, key } },
      create: { siteId, code, key, status },
      update: { status, reopenedByScanId: null },
    });
  });
}

/** Sets resolved statuses back to open because a scan found their issue again. */
export async function reopenIssueStatuses(db: Db, siteId: string, scanId: string, keys: { code: string; key: string }[]): Promise<void> {
  for (const k of keys) {
    await db.issueStatus.updateMany({ where: { siteId, code: k.code, key: k.key, status: "resolved" }, data: { status: "open", reopenedByScanId: scanId } });
  }
}

/** Does any scan of the site have an issue of this code (on this key)? */
export async function siteHasIssue(db: Db, siteId: string, code: string, key?: string): Promise<boolean> {
  return (await db.issue.count({ where: { scan: { siteId }, code, ...(key === undefined ? {} : { key }) } })) > 0;
}
