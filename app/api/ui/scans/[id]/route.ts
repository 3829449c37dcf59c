import { errorResponse } from "@/lib/api/errors";
import { recentCrawlErrors } from "@/lib/db/report-site";
import { getScan } from "@/lib/db/scans";
import { AppError } from "@/lib/errors";
import { cancelScan } from "@/lib/pipeline/scan-jobs";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Fetch errors the progress view lists as they happen. */
const ERRORS_SHOWN = 5;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const db = (await sharedRuntime()).db;
    const scan = await getScan(db, id);
    if (!scan) throw new AppError("not_found", `Scan ${id} not found`);
    const errors = await recentCrawlErrors(db, id, ERRORS_SHOWN);
    return Response.json({ id: scan.id, url: scan.url, status: scan.status, progress: scan.progress, error: scan.error ?? undefined, maxPages: scan.options.maxPages, errors, timings: scan.timings, encoder: scan.encoder });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const scan = await cancelScan(await sharedRuntime(), id);
    return Response.json({ id: scan.id, status: scan.status });
  } catch (error) {
    return errorResponse(error);
  }
}
