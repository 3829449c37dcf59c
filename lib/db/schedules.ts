import type { Db } from "./client";

export interface ScheduleRow {
  id: string;
  siteId: string;
  cron: string;
  enabled: boolean;
  lastRunAt: Date | null;
  nextRunAt: Date | null;
  lastScanId: string | null;
  createdAt: Date;
}

export async function insertSchedule(db: Db, s: { siteId: string; cron: string; enabled: boolean; nextRunAt: Date | null }): Promise<ScheduleRow> {
  return db.schedule.create({ data: s });
}

export async function getSchedule(db: Db, id: string): Promise<ScheduleRow | null> {
  return db.schedule.findUnique({ where: { id } });
}

export async function listSchedulesPage(db: Db, siteId: string, page: { take: number; cursor?: string }): Promise<ScheduleRow[]> {
  return db.schedule.findMany({
    where: { siteId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.take,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
}

export async function deleteSchedule(db: Db, siteId: string, id: string): Promise<boolean> {
  const r = await db.schedule.deleteMany({ where: { id, siteId } });
  return r.count === 1;
}

/** Enabled schedules whose next run is due, oldest first. */
export async function listDueSchedules(db: Db, now: Date, take = 100): Promise<ScheduleRow[]> {
  return db.schedule.findMany({ where: { enabled: true, nextRunAt: { lte: now } }, orderBy: { nextRunAt: "asc" }, take });
}

/**
 * Compare-and-set on nextRunAt: only the worker that still sees the run it read may move the schedule on, so several
 * schedulers never start the same run twice. Returns whether this caller won the run.
 */
export async function claimScheduleRun(db: Db, id: string, expectedNextRunAt: Date, nextRunAt: Date | null, now: Date): Promise<boolean> {
  const r = await db.schedule.updateMany({ where: { id, enabled: true, nextRunAt: expectedNextRunAt }, data: { nextRunAt, lastRunAt: now } });
  return r.count === 1;
}

export async function setScheduleLastScan(db: Db, id: string, scanId: string | null): Promise<void> {
  await db.schedule.updateMany({ where: { id }, data: { lastScanId: scanId } });
}
