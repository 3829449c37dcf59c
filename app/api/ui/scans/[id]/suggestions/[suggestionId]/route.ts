import { limitedJsonBody } from "@/lib/api/body-limit";
import { setScanSuggestionStatus } from "@/lib/api/issues";
import { SuggestionStatusUpdateSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: approve, reject or reset a link suggestion. */
export const PATCH = uiRoute<{ id: string; suggestionId: string }>(async ({ rt, params, request }) => {
  const { status } = SuggestionStatusUpdateSchema.parse(await limitedJsonBody(request));
  return Response.json(await setScanSuggestionStatus(rt, params.id, params.suggestionId, status));
});
