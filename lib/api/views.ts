import type { ChangeReportRow } from "../db/change-reports";
import type { ScanRow } from "../db/scans";
import type { ScheduleRow } from "../db/schedules";
import type { SiteRecord } from "../db/sites";

/** The JSON each resource has in the API (dates as ISO strings; secrets never, except once on creation). */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function scanView(s: ScanRow) {
  return {
    id: s.id,
    siteId: s.siteId,
    url: s.url,
    status: s.status,
    trigger: s.trigger,
    progress: s.progress,
    error: s.error ?? undefined,
    authority: s.authority,
    timings: s.timings,
    createdAt: s.createdAt.toISOString(),
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
  };
}

export function siteView(s: SiteRecord, webhookSecret?: string) {
  return {
    id: s.id,
    url: s.url,
    name: s.name,
    settings: s.settings,
    webhookUrl: s.webhookUrl,
    hasWebhookSecret: s.hasWebhookSecret,
    ...(webhookSecret ? { webhookSecret } : {}),
    createdAt: s.createdAt.toISOString(),
  };
}

export function scheduleView(s: ScheduleRow) {
  return { id: s.id, siteId: s.siteId, cron: s.cron, enabled: s.enabled, nextRunAt: iso(s.nextRunAt), lastRunAt: iso(s.lastRunAt), lastScanId: s.lastScanId, createdAt: s.createdAt.toISOString() };
}

export function changeSummaryView(c: ChangeReportRow) {
  return { id: c.id, siteId: c.siteId, scanId: c.scanId, previousScanId: c.previousScanId, createdAt: c.createdAt.toISOString(), summary: c.summary };
}
