import type { EncoderKind } from "../encode/options";
import type { RenderMode } from "../render/types";
import type { Db } from "./client";
import { DEFAULT_WORKSPACE_ID } from "./workspaces";

export interface SiteSettings {
  maxPages?: number;
  maxDepth?: number;
  concurrency?: number;
  encoder?: EncoderKind;
  render?: RenderMode;
  /** custom extraction rules, { NAME: "SELECTOR[@attribute]" } */
  extract?: Record<string, string>;
}

export interface SiteRow {
  id: string;
  workspaceId: string;
  url: string;
  name: string;
  settings: SiteSettings;
  createdAt: Date;
}

export async function upsertSite(db: Db, url: string, settings: SiteSettings = {}, workspaceId = DEFAULT_WORKSPACE_ID): Promise<SiteRow> {
  const name = new URL(url).host;
  return (await db.site.upsert({
    where: { workspaceId_url: { workspaceId, url } },
    create: { url, name, settings: settings as object, workspaceId },
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
export async function listSites(db: Db, workspaceId: string): Promise<SiteSummary[]> {
  const sites = await db.site.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    include: {
      scans: { orderBy: { createdAt: "desc" }, take: 10, select: { id: true, status: true, authority: true, createdAt: true } },
      _count: { select: { scans: true } },
    },
  });
  return sites.map((s) => ({
    id: s.id,
    workspaceId: s.workspaceId,
    url: s.url,
    name: s.name,
    settings: s.settings as SiteSettings,
    createdAt: s.createdAt,
    scanCount: s._count.scans,
    latest: s.scans[0] ?? null,
    authorityTrend: s.scans.filter((x) => x.status === "done" && x.authority !== null).map((x) => x.authority as number).reverse(),
  }));
}

/** A site as the API shows it: the webhook secret never leaves the server after it was created. */
export interface SiteRecord extends SiteRow {
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
}

const SITE_COLUMNS = { id: true, workspaceId: true, url: true, name: true, settings: true, createdAt: true, webhookUrl: true, webhookSecret: true } as const;

function toSiteRecord(r: { id: string; workspaceId: string; url: string; name: string; settings: unknown; createdAt: Date; webhookUrl: string | null; webhookSecret: string | null }): SiteRecord {
  return { id: r.id, workspaceId: r.workspaceId, url: r.url, name: r.name, settings: r.settings as SiteSettings, createdAt: r.createdAt, webhookUrl: r.webhookUrl, hasWebhookSecret: r.webhookSecret !== null };
}

export async function findSiteByUrl(db: Db, url: string, workspaceId = DEFAULT_WORKSPACE_ID): Promise<SiteRecord | null> {
  const r = await db.site.findUnique({ where: { workspaceId_url: { workspaceId, url } }, select: SITE_COLUMNS });
  return r && toSiteRecord(r);
}

export async function insertSite(db: Db, s: { workspaceId: string; url: string; name: string; settings: SiteSettings; webhookUrl: string | null; webhookSecret: string | null }): Promise<SiteRecord> {
  return toSiteRecord(await db.site.create({ data: { ...s, settings: s.settings as object }, select: SITE_COLUMNS }));
}

export async function getSiteRecord(db: Db, id: string): Promise<SiteRecord | null> {
  const r = await db.site.findUnique({ where: { id }, select: SITE_COLUMNS });
  return r && toSiteRecord(r);
}

/** The webhook target and its signing secret (the webhook worker only). */
export async function getSiteWebhook(db: Db, id: string): Promise<{ url: string; webhookUrl: string | null; webhookSecret: string | null } | null> {
  return db.site.findUnique({ where: { id }, select: { url: true, webhookUrl: true, webhookSecret: true } });
}

export async function updateSite(
  db: Db,
  id: string,
  patch: { name?: string; settings?: SiteSettings; webhookUrl?: string | null; webhookSecret?: string | null },
): Promise<SiteRecord | null> {
  const r = await db.site.updateMany({ where: { id }, data: { ...patch, ...(patch.settings ? { settings: patch.settings as object } : {}) } });
  if (r.count === 0) return null;
  return getSiteRecord(db, id);
}

export async function deleteSite(db: Db, id: string): Promise<boolean> {
  const r = await db.site.deleteMany({ where: { id } });
  return r.count === 1;
}

export async function listSitesPage(db: Db, workspaceId: string, page: { take: number; cursor?: string }): Promise<SiteRecord[]> {
  const rows = await db.site.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.take,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
    select: SITE_COLUMNS,
  });
  return rows.map(toSiteRecord);
}
