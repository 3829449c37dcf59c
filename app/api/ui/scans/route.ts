import { errorResponse } from "@/lib/api/errors";
import { ScanRequestSchema } from "@/lib/api/schemas";
import { enqueueScan } from "@/lib/pipeline/scan-jobs";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Dashboard: add a site (if new) and queue a scan of it. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = ScanRequestSchema.parse(await request.json());
    const rt = await sharedRuntime();
    const scan = await enqueueScan(rt, { ...body, trigger: "manual" });
    return Response.json({ id: scan.id, status: scan.status }, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
