import type { Db } from "./client";

/** Failed fetches of a scan so far, newest first (the progress view shows them as they happen). */
export async function recentCrawlErrors(db: Db, scanId: string, take: number): Promise<{ url: string; error: string }[]> {
  const rows = await db.frontierEntry.findMany({ where: { scanId, error: { not: null } }, orderBy: { id: "desc" }, take, select: { url: true, error: true } });
  return rows.map((r) => ({ url: r.url, error: r.error as string }));
}
