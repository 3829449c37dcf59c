import { jsonBody, SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { apiRoute } from "@/lib/api/endpoint";
import { setScanSuggestionStatus } from "@/lib/api/issues";
import { SuggestionStatusUpdateSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** pending, approved, rejected or applied; kept for the site, so the next scans show it too. */
export const PATCH = apiRoute<{ id: string; suggestionId: string }>(async ({ rt, params, request }) => {
  const { status } = SuggestionStatusUpdateSchema.parse(await jsonBody(request, SMALL_BODY_BYTES));
  return Response.json(await setScanSuggestionStatus(rt, params.id, params.suggestionId, status));
});
