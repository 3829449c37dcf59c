import { sendDigestEmail } from "../alerts/email";
import { evaluateAlerts, type AlertContext, type AlertDigest } from "../alerts/rules";
import { postDigestWebhook } from "../alerts/webhook";
import { getAlertDelivery, getAlertSettings, insertAlertDelivery, recordAlertAttempt, type AlertChannel } from "../db/alerts";
import { getChangeReportByScan } from "../db/change-reports";
import { listIssueStatuses, listScanIssues } from "../db/issues";
import { getScan, previousFinishedScan } from "../db/scans";
import { getSite } from "../db/sites";
import { errorMessage } from "../errors";
import { issueChanges, issueType, statusLookup, statusOf } from "../issues";
import { PermanentJobError } from "../queue/types";
import type { Runtime } from "../runtime";
import { WEBHOOK_MAX_ATTEMPTS, webhookBackoff } from "./webhooks";

export const ALERT_QUEUE = "alert";
/** Alerts retry on the webhooks' schedule: five tries over about three minutes cover a mail server's or receiver's restart. */
export const ALERT_MAX_ATTEMPTS = WEBHOOK_MAX_ATTEMPTS;

interface AlertJob {
  deliveryId: string;
}

/** What a finished (or failed) scan means for its site's alert rules. */
async function alertContext(rt: Runtime, scanId: string): Promise<AlertContext | null> {
  const scan = await getScan(rt.db, scanId);
  const site = scan && (await getSite(rt.db, scan.siteId));
  if (!scan || !site) return null;
  const previous = scan.status === "done" ? await previousFinishedScan(rt.db, scan) : null;
  let newIssues: AlertContext["newIssues"] = [];
  if (previous) {
    const [before, now, statuses] = await Promise.all([listScanIssues(rt.db, previous.id), listScanIssues(rt.db, scan.id), listIssueStatuses(rt.db, site.id)]);
    const lookup = statusLookup(statuses);
    // ignored issues never alert
    newIssues = issueChanges(before, now)
      .new.filter((o) => statusOf(lookup, o) !== "ignored")
      .map((o) => ({ ...o, severity: issueType(o.code).severity, title: issueType(o.code).title }));
  }
  const base = rt.config.publicUrl;
  const changes = base && previous ? await getChangeReportByScan(rt.db, scan.id) : null;
  return {
    site: { id: site.id, url: site.url, name: site.name },
    scan: { id: scan.id, status: scan.status, trigger: scan.trigger, error: scan.error, finishedAt: scan.finishedAt?.toISOString() ?? null },
    previous: previous ? { scanId: previous.id, authority: previous.authority } : null,
    authority: scan.authority,
    newIssues,
    links: base ? { report: `${base}/scans/${scan.id}`, issues: `${base}/scans/${scan.id}/issues`, ...(changes ? { changes: `${base}/changes/${changes.id}` } : {}) } : {},
  };
}

/**
 * After a scan finishes or fails: evaluates the site's alert rules and queues one digest per channel (email, webhook).
 * Returns the digest sent, or null when no rule fired (or the site has no alerts).
 */
export async function enqueueAlerts(rt: Runtime, scanId: string): Promise<AlertDigest | null> {
  const scan = await getScan(rt.db, scanId);
  const settings = scan && (await getAlertSettings(rt.db, scan.siteId));
  if (!scan || !settings || (!settings.emails.length && !settings.webhookUrl)) return null;
  const ctx = await alertContext(rt, scanId);
  const digest = ctx && evaluateAlerts(settings, ctx);
  if (!digest) return null;
  const channels: [AlertChannel, string][] = [];
  if (settings.emails.length) channels.push(["email", settings.emails.join(", ")]);
  if (settings.webhookUrl) channels.push(["webhook", settings.webhookUrl]);
  for (const [channel, target] of channels) {
    const id = await insertAlertDelivery(rt.db, { siteId: scan.siteId, scanId, channel, target, digest });
    if (id) await rt.queue.send<AlertJob>(ALERT_QUEUE, { deliveryId: id }, { maxAttempts: ALERT_MAX_ATTEMPTS, singletonKey: `alert:${id}` });
  }
  rt.logger.info({ scanId, rules: digest.sections.map((s) => s.rule), channels: channels.map(([c]) => c) }, "alert digest queued");
  return digest;
}

/** Alerting never fails a scan: a problem here is logged with the scan id and the scan's own result stands. */
export async function enqueueAlertsLogged(rt: Runtime, scanId: string): Promise<void> {
  await enqueueAlerts(rt, scanId).catch((err: unknown) => rt.logger.error({ scanId, err }, "alerts could not be queued"));
}

/** Sends one digest on its channel; throws (the queue retries with backoff) until it goes through. */
export async function deliverAlert(rt: Runtime, deliveryId: string, attempt: number): Promise<void> {
  const d = await getAlertDelivery(rt.db, deliveryId);
  if (!d) throw new PermanentJobError(`alert delivery ${deliveryId} no longer exists`);
  try {
    if (d.channel === "email") {
      if (!rt.config.smtpUrl) throw new PermanentJobError("no mail server configured (TOPICGATE_SMTP_URL)");
      await sendDigestEmail({ url: rt.config.smtpUrl, from: rt.config.alertFrom, allowPrivate: rt.config.allowPrivateHosts, timeoutMs: rt.config.webhookTimeoutMs }, d.target.split(", "), d.digest);
    } else {
      await postDigestWebhook(d.target, d.digest, { allowPrivate: rt.config.allowPrivateHosts, timeoutMs: rt.config.webhookTimeoutMs, userAgent: rt.config.userAgent });
    }
    await recordAlertAttempt(rt.db, deliveryId, { state: "delivered", error: null, attempts: attempt });
  } catch (error) {
    const last = attempt >= ALERT_MAX_ATTEMPTS || error instanceof PermanentJobError;
    await recordAlertAttempt(rt.db, deliveryId, { state: last ? "failed" : "pending", error: errorMessage(error), attempts: attempt });
    rt.logger.warn({ deliveryId, scanId: d.scanId, channel: d.channel, attempt, err: errorMessage(error) }, "alert delivery failed");
    throw error;
  }
}

/** Registers the alert handler on the queue (the worker runs it beside scans and webhooks). */
export function startAlertWorker(rt: Runtime, workerId?: string): void {
  rt.queue.work<AlertJob>(ALERT_QUEUE, (job) => deliverAlert(rt, job.data.deliveryId, job.attempt), { workerId, retryDelayMs: webhookBackoff });
}
