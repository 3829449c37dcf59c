import { scanOr404 } from "@/lib/api/scans";
import { uiRoute } from "@/lib/api/ui-route";
import { recentCrawlErrors } from "@/lib/db/report-site";
import { cancelScan } from "@/lib/pipeline/scan-jobs";

export const dynamic = "force-dynamic";

/** Fetch errors the progress view lists as they happen. */
const ERRORS_SHOWN = 5;

export const GET = uiRoute<{ id: string }>(async ({ rt, params }) => {
  const scan = await scanOr404(rt, params.id);
  const errors = await recentCrawlErrors(rt.db, params.id, ERRORS_SHOWN);
  return Response.json({ id: scan.id, url: scan.url, status: scan.status, progress: scan.progress, error: scan.error ?? undefined, maxPages: scan.options.maxPages, errors, timings: scan.timings, encoder: scan.encoder });
});

export const DELETE = uiRoute<{ id: string }>(async ({ rt, params }) => {
  const scan = await cancelScan(rt, params.id);
  return Response.json({ id: scan.id, status: scan.status });
});
