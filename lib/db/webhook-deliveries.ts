import type { Db } from "./client";

export type DeliveryState = "pending" | "delivered" | "failed";

export interface WebhookDeliveryRow {
  id: string;
  siteId: string;
  scanId: string;
  event: string;
  url: string;
  state: DeliveryState;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export async function insertWebhookDelivery(db: Db, d: { siteId: string; scanId: string; event: string; url: string }): Promise<WebhookDeliveryRow> {
  return (await db.webhookDelivery.create({ data: d })) as WebhookDeliveryRow;
}

export async function getWebhookDelivery(db: Db, id: string): Promise<WebhookDeliveryRow | null> {
  return (await db.webhookDelivery.findUnique({ where: { id } })) as WebhookDeliveryRow | null;
}

export async function recordWebhookAttempt(
  db: Db,
  id: string,
  outcome: { state: DeliveryState; responseStatus: number | null; error: string | null; attempts: number },
): Promise<void> {
  await db.webhookDelivery.update({
    where: { id },
    data: {
      state: outcome.state,
      attempts: outcome.attempts,
      responseStatus: outcome.responseStatus,
      lastError: outcome.error,
      deliveredAt: outcome.state === "delivered" ? new Date() : null,
    },
  });
}

