import { limitedJsonBody } from "@/lib/api/body-limit";
import { ShareCreateSchema } from "@/lib/api/schemas";
import { createShare, publicBase } from "@/lib/api/shares";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: a read-only link to the scan's report. */
export const POST = uiRoute<{ id: string }>(async ({ rt, params, request }) => {
  const { expiresInDays } = ShareCreateSchema.parse(await limitedJsonBody(request));
  return Response.json(await createShare(rt, params.id, expiresInDays, publicBase(rt, request)), { status: 201 });
});
