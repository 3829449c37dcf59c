import type { Db } from "../db/client";
import { deleteSchedule, insertSchedule, type ScheduleRow } from "../db/schedules";
import { AppError } from "../errors";
import { nextRunAfter, validateCron } from "../pipeline/cron";
import { siteOr404 } from "./sites";

export async function createSchedule(db: Db, siteId: string, body: { cron: string; enabled: boolean }, now = new Date()): Promise<ScheduleRow> {
  await siteOr404(db, siteId);
  validateCron(body.cron);
  const nextRunAt = nextRunAfter(body.cron, now);
  if (!nextRunAt) throw new AppError("invalid_input", `The cron expression "${body.cron}" never runs again`);
  return insertSchedule(db, { siteId, cron: body.cron, enabled: body.enabled, nextRunAt: body.enabled ? nextRunAt : null });
}

export async function removeSchedule(db: Db, siteId: string, scheduleId: string): Promise<void> {
  if (!(await deleteSchedule(db, siteId, scheduleId))) throw new AppError("not_found", `Schedule ${scheduleId} of site ${siteId} not found`);
}
