import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSchedule } from "@/lib/api/schedules";
import { getSchedule } from "@/lib/db/schedules";
import { listScans, OPEN_STATUSES, setScanStatus } from "@/lib/db/scans";
import { upsertSite, type SiteRow } from "@/lib/db/sites";
import { runDueSchedules, startScheduler } from "@/lib/pipeline/scheduler";
import type { Runtime } from "@/lib/runtime";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";

describe("recrawl scheduler", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: SiteRow;

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = await testRuntime(t.file);
  });
  afterAll(async () => {
    await rt.close();
    await t.close();
  });
  beforeEach(async () => {
    await t.db.site.deleteMany({});
    await t.db.job.deleteMany({});
    site = await upsertSite(t.db, "http://127.0.0.1:9/");
  });

  const scheduleDueAt = async (cron: string, nextRunAt: Date) => {
    const s = await createSchedule(t.db, site.id, { cron, enabled: true });
    await t.db.schedule.update({ where: { id: s.id }, data: { nextRunAt } });
    return s;
  };

  it("starts a due run exactly once when two workers tick at the same moment (compare-and-set on nextRunAt)", async () => {
    const s = await scheduleDueAt("0 3 * * *", new Date(Date.now() - 1000));
    const now = new Date();
    // Both ticks read the due schedule before either claims it. (One client: two SQLite clients in one process would
    // block each other's transactions on the single JavaScript thread; separate worker processes do not.)
    const [a, b] = await Promise.all([runDueSchedules(rt, now), runDueSchedules(rt, now)]);
    const outcomes = [...a, ...b].map((o) => o.outcome).sort();
    expect(outcomes).toEqual(["lost", "started"]);
    const scans = await listScans(t.db, { siteId: site.id });
    expect(scans).toHaveLength(1);
    expect(scans[0].trigger).toBe("schedule");
    expect((await getSchedule(t.db, s.id))?.lastScanId).toBe(scans[0].id);
    expect(await t.db.job.count({ where: { queue: "scan" } })).toBe(1);
  });

  it("runs the runs missed while no worker was up once, then moves on to the next future run", async () => {
    const s = await scheduleDueAt("*/2 * * * * *", new Date(Date.now() - 3_600_000));
    const now = new Date();
    const outcomes = await runDueSchedules(rt, now);
    expect(outcomes.map((o) => o.outcome)).toEqual(["started"]);
    expect(await runDueSchedules(rt, now)).toEqual([]);
    expect((await getSchedule(t.db, s.id))!.nextRunAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(await listScans(t.db, { siteId: site.id })).toHaveLength(1);
  });

  it("skips a run, without stacking it, while the site's previous scan is still open", async () => {
    const s = await scheduleDueAt("*/2 * * * * *", new Date(Date.now() - 1000));
    expect((await runDueSchedules(rt))[0].outcome).toBe("started");
    await t.db.schedule.update({ where: { id: s.id }, data: { nextRunAt: new Date(Date.now() - 1) } });
    const [skipped] = await runDueSchedules(rt);
    expect(skipped.outcome).toBe("skipped");
    expect(await listScans(t.db, { siteId: site.id })).toHaveLength(1);
  });

  it("starts scans on a two-second cron while earlier ones finish, never two open at once", async () => {
    await createSchedule(t.db, site.id, { cron: "*/2 * * * * *", enabled: true });
    const scheduler = startScheduler(rt, 200);
    const scheduler2 = startScheduler(rt, 200); // a second scheduler loop competing for the same runs
    let maxOpen = 0;
    const deadline = Date.now() + 11_000;
    // stands in for the scan worker: a scan takes about three seconds, so some runs come while one is open
    while (Date.now() < deadline) {
      const scans = await listScans(t.db, { siteId: site.id });
      const open = scans.filter((s) => OPEN_STATUSES.includes(s.status));
      maxOpen = Math.max(maxOpen, open.length);
      for (const s of open) if (Date.now() - s.createdAt.getTime() > 3_000) await setScanStatus(t.db, s.id, "done", { finishedAt: new Date() });
      await new Promise((r) => setTimeout(r, 100));
    }
    await scheduler.stop();
    await scheduler2.stop();
    const scans = (await listScans(t.db, { siteId: site.id })).reverse();
    expect(scans.length).toBeGreaterThanOrEqual(2);
    expect(scans.length).toBeLessThanOrEqual(4);
    expect(scans.every((s) => s.trigger === "schedule")).toBe(true);
    expect(maxOpen).toBe(1);
    for (let i = 1; i < scans.length; i++) {
      if (scans[i - 1].finishedAt) expect(scans[i].createdAt.getTime()).toBeGreaterThanOrEqual(scans[i - 1].finishedAt!.getTime());
    }
  });
});
