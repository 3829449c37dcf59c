import type { Db } from "./client";

export interface ShareLinkRow {
  id: string;
  siteId: string;
  scanId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
}

export async function insertShareLink(db: Db, s: { siteId: string; scanId: string; expiresAt: Date }): Promise<ShareLinkRow> {
  return db.shareLink.create({ data: s });
}

export async function getShareLink(db: Db, id: string): Promise<ShareLinkRow | null> {
  return db.shareLink.findUnique({ where: { id } });
}

export async function listShareLinks(db: Db, scanId: string): Promise<ShareLinkRow[]> {
  return db.shareLink.findMany({ where: { scanId }, orderBy: { createdAt: "desc" } });
}

export async function revokeShareLink(db: Db, id: string, now = new Date()): Promise<boolean> {
  return (await db.shareLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } })).count === 1;
}

export async function touchShareLink(db: Db, id: string, now = new Date()): Promise<void> {
  await db.shareLink.update({ where: { id }, data: { lastOpenedAt: now } });
}
