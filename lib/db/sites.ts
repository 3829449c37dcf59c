import type { Db } from "./client";

export interface SiteSettings {
  maxPages?: number;
  maxDepth?: number;
  concurrency?: number;
}

export interface SiteRow {
  id: string;
  url: string;
  name: string;
  settings: SiteSettings;
  createdAt: Date;
}

export async function upsertSite(db: Db, url: string, settings: SiteSettings = {}): Promise<SiteRow> {
  const name = new URL(url).host;
  return (await db.site.upsert({
    where: { url },
    create: { url, name, settings: settings as object },
    update: Object.keys(settings).length ? { settings: settings as object } : {},
  })) as SiteRow;
}

export async function getSite(db: Db, id: string): Promise<SiteRow | null> {
  return (await db.site.findUnique({ where: { id } })) as SiteRow | null;
}

export interface SiteSummary extends SiteRow {
  scanCount: number;
  latest: { id: string; status: string; authority: number | null; createdAt: Date } | null;
  authorityTrend: number[];
}

/** Sites with their latest scan and the authority of their last finished scans (oldest first). */
export async function listSites(db: Db): Promise<SiteSummary[]> {
  const sites = await db.site.findMany({
    orderBy: { createdAt: "desc" },
    include: {
      scans: { orderBy: { createdAt: "desc" }, take: 10, select: { id: true, status: true, authority: true, createdAt: true } },
      _count: { select: { scans: true } },
    },
  });
  return sites.map((s) => ({
    id: s.id,
    url: s.url,
    name: s.name,
    settings: s.settings as SiteSettings,
    createdAt: s.createdAt,
    scanCount: s._count.scans,
    latest: s.scans[0] ?? null,
    authorityTrend: s.scans.filter((x) => x.status === "done" && x.authority !== null).map((x) => x.authority as number).reverse(),
  }));
}
