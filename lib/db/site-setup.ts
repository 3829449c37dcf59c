import type { Db } from "./client";
import type { SiteSettings } from "./sites";

/**
 * Saves a site's crawl settings and, when given, its recrawl schedule (the scheduler picks it up by nextRunAt).
 * The cron expression must already be validated (lib/pipeline/cron.ts).
 */
export async function saveSiteSetup(db: Db, s: { workspaceId: string; url: string; settings: SiteSettings; schedule: { cron: string; nextRunAt: Date | null } | null }): Promise<{ siteId: string; scheduleId: string | null }> {
  return db.$transaction(async (tx) => {
    const site = await tx.site.upsert({
      where: { workspaceId_url: { workspaceId: s.workspaceId, url: s.url } },
      create: { workspaceId: s.workspaceId, url: s.url, name: new URL(s.url).host, settings: s.settings as object },
      update: { settings: s.settings as object },
      select: { id: true },
    });
    if (!s.schedule) return { siteId: site.id, scheduleId: null };
    const schedule = await tx.schedule.create({ data: { siteId: site.id, cron: s.schedule.cron, enabled: true, nextRunAt: s.schedule.nextRunAt }, select: { id: true } });
    return { siteId: site.id, scheduleId: schedule.id };
  });
}

export interface SiteScheduleRow {
  id: string;
  cron: string;
  enabled: boolean;
  nextRunAt: Date | null;
  lastRunAt: Date | null;
}

export async function listSiteSchedules(db: Db, siteId: string): Promise<SiteScheduleRow[]> {
  return db.schedule.findMany({ where: { siteId }, orderBy: { createdAt: "asc" }, select: { id: true, cron: true, enabled: true, nextRunAt: true, lastRunAt: true } });
}

export interface SiteScanRow {
  id: string;
  status: string;
  authority: number | null;
  trigger: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** The site's scans, newest first (the trend chart reads them oldest first). */
export async function listSiteScans(db: Db, siteId: string, take: number): Promise<SiteScanRow[]> {
  return db.scan.findMany({ where: { siteId }, orderBy: { createdAt: "desc" }, take, select: { id: true, status: true, authority: true, trigger: true, createdAt: true, finishedAt: true } });
}
