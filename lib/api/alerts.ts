import type { z } from "zod";
import { validateStartUrl } from "../crawl";
import { getAlertSettings, listAlertDeliveries, saveAlertSettings, type AlertSettingsRow } from "../db/alerts";
import type { Runtime } from "../runtime";
import type { AlertSettingsUpdateSchema } from "./schemas";
import { siteOr404 } from "./sites";

/** Deliveries shown beside a site's alert settings. */
const RECENT_DELIVERIES = 10;

/** What a site without saved settings alerts on: nothing is sent until someone names a recipient. */
const DEFAULT_SETTINGS: Omit<AlertSettingsRow, "siteId" | "updatedAt"> = {
  emails: [],
  webhookUrl: null,
  authorityDrop: null,
  newErrors: true,
  newOffTopic: true,
  scanFailed: true,
  scheduledOnly: true,
};

export async function alertSettingsView(rt: Runtime, siteId: string) {
  await siteOr404(rt.db, siteId);
  const [settings, deliveries] = await Promise.all([getAlertSettings(rt.db, siteId), listAlertDeliveries(rt.db, siteId, RECENT_DELIVERIES)]);
  const s = settings ?? { ...DEFAULT_SETTINGS, siteId };
  return {
    siteId,
    emails: s.emails,
    webhookUrl: s.webhookUrl,
    authorityDrop: s.authorityDrop,
    newErrors: s.newErrors,
    newOffTopic: s.newOffTopic,
    scanFailed: s.scanFailed,
    scheduledOnly: s.scheduledOnly,
    emailConfigured: Boolean(rt.config.smtpUrl),
    recentDeliveries: deliveries.map((d) => ({
      id: d.id, scanId: d.scanId, channel: d.channel, target: d.target, state: d.state, attempts: d.attempts, lastError: d.lastError,
      createdAt: d.createdAt.toISOString(), deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}

/** Replaces a site's alert settings. A webhook target is a user's URL like a scan's: the same private-address rule applies. */
export async function putAlertSettings(rt: Runtime, siteId: string, body: z.infer<typeof AlertSettingsUpdateSchema>) {
  await siteOr404(rt.db, siteId);
  if (body.webhookUrl) await validateStartUrl(body.webhookUrl, rt.config.allowPrivateHosts);
  await saveAlertSettings(rt.db, siteId, { ...body, emails: [...new Set(body.emails.map((e) => e.trim().toLowerCase()))] });
  return alertSettingsView(rt, siteId);
}
