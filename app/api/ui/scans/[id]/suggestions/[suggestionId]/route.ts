import { setScanSuggestionStatus } from "@/lib/api/issues";
import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { SuggestionStatusUpdateSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: approve, reject or reset a link suggestion. */
export const PATCH = uiRoute<{ id: string; suggestionId: string }>(
  async ({ rt, params, json }) => {
    const { status } = SuggestionStatusUpdateSchema.parse(await json());
    return Response.json(await setScanSuggestionStatus(rt, params.id, params.suggestionId, status));
  },
  { maxBodyBytes: SMALL_BODY_BYTES },
);
