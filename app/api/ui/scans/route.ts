import { ScanRequestSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";
import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { enqueueScan } from "@/lib/pipeline/scan-jobs";

export const dynamic = "force-dynamic";

/** Dashboard: add a site (if new) to the workspace and queue a scan of it. */
export const POST = uiRoute(
  async ({ rt, json, access }) => {
    const body = ScanRequestSchema.parse(await json());
    const scan = await enqueueScan(rt, { ...body, trigger: "manual", workspaceId: access.workspaceId });
    return Response.json({ id: scan.id, status: scan.status }, { status: 202 });
  },
  { maxBodyBytes: SMALL_BODY_BYTES },
);
