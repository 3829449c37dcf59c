import type { Config } from "../config";
import type { Db } from "../db/client";
import { claimSearchConsoleRefresh, deleteSearchConsole, getSearchConsole, listDueSearchConsoles, recordSearchConsoleRefresh, upsertSearchConsole, type SearchConsoleRow } from "../db/search-console";
import { insertSearchDataSets } from "../db/search-data";
import { getSiteRecord } from "../db/sites";
import { AppError, errorMessage } from "../errors";
import type { Runtime } from "../runtime";
import { SearchConsoleClient } from "../search/search-console";
import { openSecret, parseSecretKey, sealSecret } from "../search/secret-box";
import { parseServiceAccountKey } from "../search/service-account";
import { PermanentJobError } from "../queue/types";

/** The Search Console connector: set-up, daily refresh (a job per site), and the view the API and dashboard show. */

export const SEARCH_CONSOLE_QUEUE = "search-console-refresh";
/** One refresh a day: Search Console adds one day of data a day. */
export const REFRESH_INTERVAL_MS = 24 * 3_600_000;
/** Search Console's data arrives with a processing delay of about 2-3 days (Search Analytics API reference). */
export const DATA_LAG_DAYS = 3;
/** A scheduled scan asks for a refresh when the last one is older than this (so the scan reads this day's data). */
export const STALE_AFTER_MS = 12 * 3_600_000;
export const DEFAULT_RANGE_DAYS = 28;
const REQUEST_TIMEOUT_MS = 60_000;

export interface SearchConsoleView {
  siteId: string;
  property: string;
  clientEmail: string;
  rangeDays: number;
  enabled: boolean;
  nextRefreshAt: string | null;
  lastRefreshAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
}

export function searchConsoleView(r: SearchConsoleRow): SearchConsoleView {
  return {
    siteId: r.siteId, property: r.property, clientEmail: r.clientEmail, rangeDays: r.rangeDays, enabled: r.enabled,
    nextRefreshAt: r.nextRefreshAt?.toISOString() ?? null, lastRefreshAt: r.lastRefreshAt?.toISOString() ?? null, lastStatus: r.lastStatus, lastError: r.lastError,
  };
}

function secretKey(cfg: Config): Buffer {
  if (!cfg.secretKey) throw new AppError("not_configured", "TOPICGATE_SECRET_KEY is not set: the Search Console connector stores its service-account key encrypted with it (set it to the output of `openssl rand -base64 32` on every web server and worker)");
  return parseSecretKey(cfg.secretKey);
}

/** A property covers the site when it names the site's host (or a parent domain, for a Domain property). */
export function checkProperty(property: string, siteUrl: string): string {
  const site = new URL(siteUrl).hostname.replace(/^www\./, "");
  const domain = /^sc-domain:([a-z0-9.-]+)$/i.exec(property.trim());
  if (domain) {
    const d = domain[1].toLowerCase();
    if (site === d || site.endsWith(`.${d}`)) return `sc-domain:${d}`;
    throw new AppError("invalid_input", `The property ${property} does not cover the site's host ${site}`);
  }
  let u: URL;
  try {
    u = new URL(property.trim());
  } catch {
    throw new AppError("invalid_input", `property must be a URL-prefix property (https://www.example.com/) or a Domain property (sc-domain:example.com), got "${property}"`);
  }
  if (!/^https?:$/.test(u.protocol)) throw new AppError("invalid_input", `property must be an http(s) URL-prefix or sc-domain: property, got "${property}"`);
  if (u.hostname.replace(/^www\./, "") !== site) throw new AppError("invalid_input", `The property ${property} is for ${u.hostname}, not the site's host ${site}`);
  return u.href;
}

export async function configureSearchConsole(
  rt: Pick<Runtime, "db" | "config">,
  siteId: string,
  body: { serviceAccountKey: unknown; property: string; rangeDays?: number; enabled?: boolean },
  now = new Date(),
): Promise<SearchConsoleView> {
  const key = secretKey(rt.config);
  const site = await getSiteRecord(rt.db, siteId);
  if (!site) throw new AppError("not_found", `Site ${siteId} not found`);
  const account = parseServiceAccountKey(body.serviceAccountKey);
  const property = checkProperty(body.property, site.url);
  const enabled = body.enabled ?? true;
  const row = await upsertSearchConsole(rt.db, site.id, {
    property,
    clientEmail: account.client_email,
    encryptedKey: sealSecret(key, JSON.stringify(account), site.id),
    rangeDays: body.rangeDays ?? DEFAULT_RANGE_DAYS,
    enabled,
    // the first refresh is due at once
    nextRefreshAt: enabled ? now : null,
  });
  return searchConsoleView(row);
}

export async function searchConsoleOr404(db: Db, siteId: string): Promise<SearchConsoleRow> {
  const row = await getSearchConsole(db, siteId);
  if (!row) throw new AppError("not_found", `Site ${siteId} has no Search Console connector`);
  return row;
}

export async function removeSearchConsole(db: Db, siteId: string): Promise<void> {
  if (!(await deleteSearchConsole(db, siteId))) throw new AppError("not_found", `Site ${siteId} has no Search Console connector`);
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The period a refresh reads: rangeDays ending DATA_LAG_DAYS before today (UTC). */
export function refreshRange(rangeDays: number, now: Date): { startDate: string; endDate: string } {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - DATA_LAG_DAYS));
  const start = new Date(end.getTime() - (rangeDays - 1) * 86_400_000);
  return { startDate: day(start), endDate: day(end) };
}

/** Reads the property's page and query+page data for the period and stores it as the site's current Search Console data. */
export async function refreshSearchConsole(rt: Pick<Runtime, "db" | "config" | "logger">, siteId: string, now = new Date()): Promise<{ rows: number; startDate: string; endDate: string }> {
  const row = await searchConsoleOr404(rt.db, siteId);
  const account = parseServiceAccountKey(openSecret(secretKey(rt.config), row.encryptedKey, siteId));
  const client = new SearchConsoleClient(account, {
    apiBase: rt.config.gscApiBase, tokenUrl: rt.config.gscTokenUrl, allowPrivate: rt.config.allowPrivateHosts, userAgent: rt.config.userAgent, timeoutMs: REQUEST_TIMEOUT_MS,
  });
  const range = refreshRange(row.rangeDays, now);
  try {
    const sets = await client.fetchDataSets(row.property, range);
    await insertSearchDataSets(rt.db, { siteId, scanId: null, origin: "connector", fileName: null, sets });
    await recordSearchConsoleRefresh(rt.db, siteId, { at: now, status: "ok", error: null });
    const rows = sets.reduce((n, s) => n + s.rows.length, 0);
    rt.logger.info({ siteId, property: row.property, ...range, rows, calls: client.calls }, "search console data refreshed");
    return { rows, ...range };
  } catch (error) {
    await recordSearchConsoleRefresh(rt.db, siteId, { at: now, status: "failed", error: errorMessage(error) });
    throw error;
  } finally {
    await client.close();
  }
}

export interface SearchConsoleJob {
  siteId: string;
}

export async function enqueueSearchConsoleRefresh(rt: Pick<Runtime, "queue">, siteId: string): Promise<void> {
  await rt.queue.send<SearchConsoleJob>(SEARCH_CONSOLE_QUEUE, { siteId }, { maxAttempts: 3, singletonKey: `gsc:${siteId}` });
}

/** Queues the refresh of every connector whose day is up (claimed by compare-and-set, so once across workers). */
export async function queueDueSearchConsoleRefreshes(rt: Pick<Runtime, "db" | "queue">, now = new Date()): Promise<string[]> {
  const queued: string[] = [];
  for (const due of await listDueSearchConsoles(rt.db, now)) {
    if (!(await claimSearchConsoleRefresh(rt.db, due.siteId, due.nextRefreshAt, new Date(now.getTime() + REFRESH_INTERVAL_MS)))) continue;
    await enqueueSearchConsoleRefresh(rt, due.siteId);
    queued.push(due.siteId);
  }
  return queued;
}

/** A scheduled scan of a site with a connector refreshes its data first when the last refresh is stale. */
export async function refreshBeforeScheduledScan(rt: Pick<Runtime, "db" | "queue">, siteId: string, now = new Date()): Promise<boolean> {
  const row = await getSearchConsole(rt.db, siteId);
  if (!row?.enabled || (row.lastRefreshAt && now.getTime() - row.lastRefreshAt.getTime() < STALE_AFTER_MS)) return false;
  await enqueueSearchConsoleRefresh(rt, siteId);
  return true;
}

const PERMANENT = new Set(["not_found", "not_configured", "invalid_input"]);

/** Registers the refresh handler (the worker runs it beside scans and webhooks). */
export function startSearchConsoleWorker(rt: Runtime, workerId?: string): void {
  rt.queue.work<SearchConsoleJob>(
    SEARCH_CONSOLE_QUEUE,
    async (job) => {
      try {
        await refreshSearchConsole(rt, job.data.siteId);
      } catch (error) {
        rt.logger.warn({ siteId: job.data.siteId, attempt: job.attempt, err: errorMessage(error) }, "search console refresh failed");
        if (error instanceof AppError && PERMANENT.has(error.code)) throw new PermanentJobError(errorMessage(error), { cause: error });
        throw error;
      }
    },
    { workerId, retryDelayMs: (attempt) => Math.min(60_000 * 5 ** (attempt - 1), 3_600_000) },
  );
}
