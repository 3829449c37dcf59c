import { errorResponse } from "@/lib/api/errors";
import { getScan } from "@/lib/db/scans";
import { AppError } from "@/lib/errors";
import { cancelScan } from "@/lib/pipeline/scan-jobs";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const scan = await getScan((await sharedRuntime()).db, id);
    if (!scan) throw new AppError("not_found", `Scan ${id} not found`);
    return Response.json({ id: scan.id, url: scan.url, status: scan.status, progress: scan.progress, error: scan.error ?? undefined, timings: scan.timings, encoder: scan.encoder });
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
