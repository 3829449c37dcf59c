import type { AlertDigest, AlertRules } from "../alerts/rules";
import type { Db } from "./client";

export interface AlertSettingsRow extends AlertRules {
  siteId: string;
  emails: string[];
  webhookUrl: string | null;
  updatedAt: Date;
}

export type AlertChannel = "email" | "webhook";

export interface AlertDeliveryRow {
  id: string;
  siteId: string;
  scanId: string;
  channel: AlertChannel;
  target: string;
  digest: AlertDigest;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export async function getAlertSettings(db: Db, siteId: string): Promise<AlertSettingsRow | null> {
  const row = await db.alertSettings.findUnique({ where: { siteId } });
  return row && { ...row, emails: row.emails as string[] };
}

export async function saveAlertSettings(db: Db, siteId: string, s: Omit<AlertSettingsRow, "siteId" | "updatedAt">): Promise<AlertSettingsRow> {
  const data = { ...s, emails: s.emails };
  const row = await db.alertSettings.upsert({ where: { siteId }, create: { siteId, ...data }, update: data });
  return { ...row, emails: row.emails as string[] };
}

/**
 * Records a digest for one channel of a scan; a second call for the same scan and channel (a retried job) records
 * nothing and returns null, so a scan never alerts twice.
 */
export async function insertAlertDelivery(db: Db, d: { siteId: string; scanId: string; channel: AlertChannel; target: string; digest: AlertDigest }): Promise<string | null> {
  const existing = await db.alertDelivery.findUnique({ where: { scanId_channel: { scanId: d.scanId, channel: d.channel } }, select: { id: true } });
  if (existing) return null;
  try {
    const row = await db.alertDelivery.create({ data: { ...d, digest: d.digest as object }, select: { id: true } });
    return row.id;
  } catch (error) {
    // another worker recorded it between the read and the insert (unique scanId + channel)
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

export async function getAlertDelivery(db: Db, id: string): Promise<AlertDeliveryRow | null> {
  const row = await db.alertDelivery.findUnique({ where: { id } });
  return row && (row as unknown as AlertDeliveryRow);
}

export async function recordAlertAttempt(db: Db, id: string, r: { state: AlertDeliveryRow["state"]; error: string | null; attempts: number }): Promise<void> {
  await db.alertDelivery.update({ where: { id }, data: { state: r.state, lastError: r.error, attempts: r.attempts, ...(r.state === "delivered" ? { deliveredAt: new Date() } : {}) } });
}

export async function listAlertDeliveries(db: Db, siteId: string, take: number): Promise<AlertDeliveryRow[]> {
  const rows = await db.alertDelivery.findMany({ where: { siteId }, orderBy: { createdAt: "desc" }, take });
  return rows as unknown as AlertDeliveryRow[];
}
