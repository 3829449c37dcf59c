import { compileRules, parseRuleMap } from "../crawl/custom-extract";
import { validateStartUrl } from "../crawl";
import type { Db } from "../db/client";
import { deleteSite, findSiteByUrl, getSiteRecord, insertSite, updateSite, type SiteRecord } from "../db/sites";
import { AppError } from "../errors";
import type { Runtime } from "../runtime";
import type { z } from "zod";
import type { SiteCreateSchema, SiteUpdateSchema } from "./schemas";
import { generateWebhookSecret } from "../pipeline/webhook-signature";

/** A webhook target is a user's URL like a scan's: the same private-address rule applies. */
async function checkWebhookUrl(rt: Runtime, url: string | null | undefined): Promise<void> {
  if (url) await validateStartUrl(url, rt.config.allowPrivateHosts);
}

export async function siteOr404(db: Db, id: string): Promise<SiteRecord> {
  const site = await getSiteRecord(db, id);
  if (!site) throw new AppError("not_found", `Site ${id} not found`);
  return site;
}

/** Extraction rules are compiled before they are stored: a selector Cheerio cannot read is refused now, not at the next scan. */
async function checkSettings(settings: { extract?: Record<string, string> } | undefined): Promise<void> {
  if (settings?.extract) await compileRules(parseRuleMap(settings.extract));
}

/** Creates a site; its webhook secret (when it has a webhook) is returned here and never again. */
export async function createSite(rt: Runtime, workspaceId: string, body: z.infer<typeof SiteCreateSchema>): Promise<{ site: SiteRecord; webhookSecret?: string }> {
  const start = await validateStartUrl(body.url, rt.config.allowPrivateHosts);
  await checkWebhookUrl(rt, body.webhookUrl);
  await checkSettings(body.settings);
  if (await findSiteByUrl(rt.db, start.href, workspaceId)) throw new AppError("conflict", `A site with the URL ${start.href} already exists`);
  const webhookSecret = body.webhookUrl ? generateWebhookSecret() : undefined;
  const site = await insertSite(rt.db, {
    workspaceId,
    url: start.href,
    name: body.name ?? start.host,
    settings: body.settings ?? {},
    webhookUrl: body.webhookUrl ?? null,
    webhookSecret: webhookSecret ?? null,
  });
  return { site, webhookSecret };
}

export async function patchSite(rt: Runtime, id: string, body: z.infer<typeof SiteUpdateSchema>): Promise<{ site: SiteRecord; webhookSecret?: string }> {
  const current = await siteOr404(rt.db, id);
  await checkWebhookUrl(rt, body.webhookUrl);
  await checkSettings(body.settings);
  const needsSecret = (body.webhookUrl && !current.hasWebhookSecret) || body.rotateWebhookSecret === true;
  const webhookSecret = needsSecret ? generateWebhookSecret() : undefined;
  const site = await updateSite(rt.db, id, {
    name: body.name,
    settings: body.settings ? { ...current.settings, ...body.settings } : undefined,
    webhookUrl: body.webhookUrl,
    ...(webhookSecret ? { webhookSecret } : {}),
  });
  if (!site) throw new AppError("not_found", `Site ${id} not found`);
  return { site, webhookSecret };
}

export async function removeSite(rt: Runtime, id: string): Promise<void> {
  if (!(await deleteSite(rt.db, id))) throw new AppError("not_found", `Site ${id} not found`);
}
