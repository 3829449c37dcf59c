import { claimScheduleRun, listDueSchedules, setScheduleLastScan, type ScheduleRow } from "../db/schedules";
import { findOpenScanOfSite } from "../db/scans";
import { getSite } from "../db/sites";
import { errorMessage } from "../errors";
import { nextRunAfter } from "./cron";
import type { Runtime } from "../runtime";
import { enqueueScan } from "./scan-jobs";
import { queueDueSearchConsoleRefreshes, refreshBeforeScheduledScan } from "./search-console-sync";

export type ScheduleOutcome = { scheduleId: string; outcome: "started"; scanId: string } | { scheduleId: string; outcome: "skipped"; reason: string } | { scheduleId: string; outcome: "lost" };

/**
 * Runs every due schedule once. A run is claimed by compare-and-set on nextRunAt (several workers never start it
 * twice), and the next run is computed from now, so runs missed while no worker was up collapse into this one.
 * A site whose previous scan is still queued or running is skipped, not stacked.
 */
export async function runDueSchedules(rt: Runtime, now = new Date()): Promise<ScheduleOutcome[]> {
  const outcomes: ScheduleOutcome[] = [];
  for (const schedule of await listDueSchedules(rt.db, now)) outcomes.push(await runSchedule(rt, schedule, now));
  return outcomes;
}

async function runSchedule(rt: Runtime, schedule: ScheduleRow, now: Date): Promise<ScheduleOutcome> {
  const won = await claimScheduleRun(rt.db, schedule.id, schedule.nextRunAt as Date, nextRunAfter(schedule.cron, now), now);
  if (!won) return { scheduleId: schedule.id, outcome: "lost" };
  const log = rt.logger.child({ scheduleId: schedule.id, siteId: schedule.siteId });
  const open = await findOpenScanOfSite(rt.db, schedule.siteId);
  if (open) {
    log.info({ openScanId: open.id }, "scheduled scan skipped: the previous scan is still open");
    await setScheduleLastScan(rt.db, schedule.id, null);
    return { scheduleId: schedule.id, outcome: "skipped", reason: `scan ${open.id} is still ${open.status}` };
  }
  const site = await getSite(rt.db, schedule.siteId);
  if (!site) return { scheduleId: schedule.id, outcome: "skipped", reason: "the site no longer exists" };
  try {
    const scan = await enqueueScan(rt, { url: site.url, trigger: "schedule", workspaceId: site.workspaceId });
    await setScheduleLastScan(rt.db, schedule.id, scan.id);
    log.info({ scanId: scan.id }, "scheduled scan queued");
    // the scan is queued either way: a refresh that cannot be queued leaves it with the data it has
    await refreshBeforeScheduledScan(rt, schedule.siteId, now).then(
      (queued) => queued && log.info("search console refresh queued before the scheduled scan"),
      (err: unknown) => log.warn({ err }, "search console refresh could not be queued"),
    );
    return { scheduleId: schedule.id, outcome: "started", scanId: scan.id };
  } catch (error) {
    log.error({ err: error }, "scheduled scan could not be queued");
    return { scheduleId: schedule.id, outcome: "skipped", reason: errorMessage(error) };
  }
}

/** The worker's scheduler loop: checks for due schedules and Search Console refreshes every `intervalMs` until stopped. */
export function startScheduler(rt: Runtime, intervalMs = rt.config.schedulerIntervalMs): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = Promise.all([runDueSchedules(rt), queueDueSearchConsoleRefreshes(rt)])
      .catch((error) => rt.logger.error({ err: error }, "scheduler tick failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer: NodeJS.Timeout = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
