import { z } from "zod";
import { errorResponse } from "@/lib/api/errors";
import { DEFAULT_ENCODER_KIND, ENCODER_KINDS } from "@/lib/encode/options";
import { saveSiteSetup } from "@/lib/db/site-setup";
import { nextRunAfter, validateCron } from "@/lib/pipeline/cron";
import { enqueueScan } from "@/lib/pipeline/scan-jobs";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const AddSiteSchema = z
  .object({
    url: z.string().min(1, "url is required"),
    maxPages: z.number().int().min(1).max(100_000),
    maxDepth: z.number().int().min(0).max(100),
    concurrency: z.number().int().min(1).max(32),
    encoder: z.enum(ENCODER_KINDS).default(DEFAULT_ENCODER_KIND),
    cron: z.string().trim().max(100).optional(),
  })
  .strict();

/** Dashboard: add a site with its crawl settings and optional recrawl schedule, and queue its first scan. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = AddSiteSchema.parse(await request.json());
    if (body.cron) validateCron(body.cron);
    const rt = await sharedRuntime();
    const scan = await enqueueScan(rt, { url: body.url, maxPages: body.maxPages, maxDepth: body.maxDepth, concurrency: body.concurrency, encoder: body.encoder, trigger: "manual" });
    const settings = { maxPages: body.maxPages, maxDepth: body.maxDepth, concurrency: body.concurrency, encoder: body.encoder };
    const saved = await saveSiteSetup(rt.db, { url: scan.url, settings, schedule: body.cron ? { cron: body.cron, nextRunAt: nextRunAfter(body.cron, new Date()) } : null });
    return Response.json({ id: scan.id, status: scan.status, siteId: saved.siteId, scheduleId: saved.scheduleId }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
