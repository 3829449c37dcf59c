import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { ShareCreateSchema } from "@/lib/api/schemas";
import { createShare, publicBase } from "@/lib/api/shares";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: a read-only link to the scan's report. */
export const POST = uiRoute<{ id: string }>(
  async ({ rt, params, request, json }) => {
    const { expiresInDays } = ShareCreateSchema.parse(await json());
    return Response.json(await createShare(rt, params.id, expiresInDays, publicBase(rt, request)), { status: 201 });
  },
  { maxBodyBytes: SMALL_BODY_BYTES },
);
