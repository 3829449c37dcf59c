import { Agent, request } from "undici";
import { guardedLookup } from "../crawl/address-guard";
import { getChangeReportByScan } from "../db/change-reports";
import { getScan, type ScanRow } from "../db/scans";
import { getSiteWebhook } from "../db/sites";
import { getWebhookDelivery, insertWebhookDelivery, recordWebhookAttempt } from "../db/webhook-deliveries";
import { errorMessage } from "../errors";
import { SIGNATURE_HEADER, signWebhookBody } from "./webhook-signature";
import { PermanentJobError } from "../queue/types";
import type { Runtime } from "../runtime";

export const WEBHOOK_QUEUE = "webhook";
/** Five tries over about three minutes (2 s, 10 s, 50 s, 250 s capped) covers a receiver's restart, not an outage. */
export const WEBHOOK_MAX_ATTEMPTS = 5;
export function webhookBackoff(attempt: number): number {
  return Math.min(2_000 * 5 ** (attempt - 1), 180_000);
}

export type WebhookEvent = "scan.completed" | "scan.failed";

export interface WebhookJob {
  deliveryId: string;
}

export function webhookPayload(event: WebhookEvent, deliveryId: string, scan: ScanRow, changeReportId: string | null): object {
  return {
    event,
    deliveryId,
    scan: {
      id: scan.id,
      siteId: scan.siteId,
      url: scan.url,
      status: scan.status,
      trigger: scan.trigger,
      authority: scan.authority,
      error: scan.error ?? undefined,
      finishedAt: scan.finishedAt?.toISOString() ?? null,
    },
    links: {
      scan: `/api/v1/scans/${scan.id}`,
      report: event === "scan.completed" ? `/api/v1/scans/${scan.id}/report` : undefined,
      changes: changeReportId ? `/api/v1/changes/${changeReportId}` : undefined,
    },
  };
}

/** Records a delivery and queues it, when the scan's site has a webhook. */
export async function enqueueWebhook(rt: Runtime, scanId: string, event: WebhookEvent): Promise<string | null> {
  const scan = await getScan(rt.db, scanId);
  if (!scan) return null;
  const site = await getSiteWebhook(rt.db, scan.siteId);
  if (!site?.webhookUrl) return null;
  const delivery = await insertWebhookDelivery(rt.db, { siteId: scan.siteId, scanId, event, url: site.webhookUrl });
  await rt.queue.send<WebhookJob>(WEBHOOK_QUEUE, { deliveryId: delivery.id }, { maxAttempts: WEBHOOK_MAX_ATTEMPTS, singletonKey: `webhook:${delivery.id}` });
  return delivery.id;
}

/** Sends one signed POST; throws (so the queue retries with backoff) unless the receiver answers 2xx. */
export async function deliverWebhook(rt: Runtime, deliveryId: string, attempt: number): Promise<void> {
  const delivery = await getWebhookDelivery(rt.db, deliveryId);
  if (!delivery) throw new PermanentJobError(`webhook delivery ${deliveryId} no longer exists`);
  const [scan, site] = await Promise.all([getScan(rt.db, delivery.scanId), getSiteWebhook(rt.db, delivery.siteId)]);
  if (!scan || !site?.webhookSecret) throw new PermanentJobError(`webhook delivery ${deliveryId}: its scan or site was deleted`);
  const changes = await getChangeReportByScan(rt.db, scan.id);
  const body = JSON.stringify(webhookPayload(delivery.event as WebhookEvent, delivery.id, scan, changes?.id ?? null));
  // The target is a user's URL: the scans' private-address rule applies at connect time (no DNS rebinding).
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(rt.config.allowPrivateHosts) }, headersTimeout: rt.config.webhookTimeoutMs, bodyTimeout: rt.config.webhookTimeoutMs });
  let status: number | null = null;
  try {
    const res = await request(delivery.url, {
      method: "POST",
      dispatcher,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": rt.config.userAgent,
        "x-topicgate-event": delivery.event,
        "x-topicgate-delivery": delivery.id,
        [SIGNATURE_HEADER.toLowerCase()]: signWebhookBody(site.webhookSecret, body),
      },
      signal: AbortSignal.timeout(rt.config.webhookTimeoutMs),
    });
    status = res.statusCode;
    await res.body.dump();
    if (status < 200 || status >= 300) throw new Error(`the receiver answered HTTP ${status}`);
    await recordWebhookAttempt(rt.db, deliveryId, { state: "delivered", responseStatus: status, error: null, attempts: attempt });
  } catch (error) {
    const last = attempt >= WEBHOOK_MAX_ATTEMPTS;
    await recordWebhookAttempt(rt.db, deliveryId, { state: last ? "failed" : "pending", responseStatus: status, error: errorMessage(error), attempts: attempt });
    rt.logger.warn({ deliveryId, scanId: delivery.scanId, attempt, err: errorMessage(error) }, "webhook delivery failed");
    throw error;
  } finally {
    await dispatcher.close();
  }
}

/** Registers the webhook handler on the queue (the worker process runs it beside the scan handler). */
export function startWebhookWorker(rt: Runtime, workerId?: string): void {
  rt.queue.work<WebhookJob>(WEBHOOK_QUEUE, (job) => deliverWebhook(rt, job.data.deliveryId, job.attempt), { workerId, retryDelayMs: webhookBackoff });
}
