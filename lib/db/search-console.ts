import type { Db } from "./client";

/** A site's Search Console connector as stored (the key stays sealed here; lib/search/secret-box.ts opens it). */
export interface SearchConsoleRow {
  id: string;
  siteId: string;
  property: string;
  clientEmail: string;
  encryptedKey: string;
  rangeDays: number;
  enabled: boolean;
  nextRefreshAt: Date | null;
  lastRefreshAt: Date | null;
  lastStatus: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function upsertSearchConsole(
  db: Db,
  siteId: string,
  c: { property: string; clientEmail: string; encryptedKey: string; rangeDays: number; enabled: boolean; nextRefreshAt: Date | null },
): Promise<SearchConsoleRow> {
  return db.searchConsoleConnection.upsert({ where: { siteId }, create: { siteId, ...c }, update: { ...c, lastStatus: null, lastError: null } });
}

export async function getSearchConsole(db: Db, siteId: string): Promise<SearchConsoleRow | null> {
  return db.searchConsoleConnection.findUnique({ where: { siteId } });
}

export async function deleteSearchConsole(db: Db, siteId: string): Promise<boolean> {
  return (await db.searchConsoleConnection.deleteMany({ where: { siteId } })).count === 1;
}

/** Enabled connectors whose daily refresh is due. */
export async function listDueSearchConsoles(db: Db, now: Date): Promise<{ siteId: string; nextRefreshAt: Date }[]> {
  const rows = await db.searchConsoleConnection.findMany({ where: { enabled: true, nextRefreshAt: { lte: now } }, select: { siteId: true, nextRefreshAt: true }, orderBy: { nextRefreshAt: "asc" } });
  return rows.map((r) => ({ siteId: r.siteId, nextRefreshAt: r.nextRefreshAt as Date }));
}

/** Claims a due refresh by compare-and-set on nextRefreshAt: of several workers, one wins. */
export async function claimSearchConsoleRefresh(db: Db, siteId: string, expected: Date, next: Date): Promise<boolean> {
  return (await db.searchConsoleConnection.updateMany({ where: { siteId, nextRefreshAt: expected }, data: { nextRefreshAt: next } })).count === 1;
}

export async function recordSearchConsoleRefresh(db: Db, siteId: string, r: { at: Date; status: "ok" | "failed"; error: string | null }): Promise<void> {
  await db.searchConsoleConnection.updateMany({ where: { siteId }, data: { lastRefreshAt: r.at, lastStatus: r.status, lastError: r.error } });
}
