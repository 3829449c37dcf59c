import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { AddSiteSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";
import { saveSiteSetup } from "@/lib/db/site-setup";
import { nextRunAfter } from "@/lib/pipeline/cron";
import { enqueueScan } from "@/lib/pipeline/scan-jobs";

export const dynamic = "force-dynamic";

/** Dashboard: add a site to the workspace with its crawl settings and optional recrawl schedule, and queue its first scan. */
export const POST = uiRoute(
  async ({ rt, json, access }) => {
    const body = AddSiteSchema.parse(await json());
    const settings = { maxPages: body.maxPages, maxDepth: body.maxDepth, concurrency: body.concurrency, encoder: body.encoder, render: body.render, extract: body.extract };
    const scan = await enqueueScan(rt, { url: body.url, ...settings, trigger: "manual", workspaceId: access.workspaceId });
    const schedule = body.cron ? { cron: body.cron, nextRunAt: nextRunAfter(body.cron, new Date()) } : null;
    const saved = await saveSiteSetup(rt.db, { workspaceId: access.workspaceId, url: scan.url, settings, schedule });
    return Response.json({ id: scan.id, status: scan.status, siteId: saved.siteId, scheduleId: saved.scheduleId }, { status: 202 });
  },
  { maxBodyBytes: SMALL_BODY_BYTES },
);
