import { apiRoute } from "@/lib/api/endpoint";
import { scanOr404 } from "@/lib/api/scans";
import { scanView } from "@/lib/api/views";
import { cancelScan } from "@/lib/pipeline/scan-jobs";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ rt, params }) => Response.json(scanView(await scanOr404(rt, params.id))));

/** Cancels a queued or running scan (409 when it already finished). */
export const DELETE = apiRoute<{ id: string }>(async ({ rt, params }) => {
  const scan = await cancelScan(rt, params.id);
  return Response.json({ id: scan.id, status: scan.status });
});
