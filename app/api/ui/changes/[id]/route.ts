import { changeReportResponse } from "@/lib/api/changes";
import { ChangeFormatQuerySchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: a change report as JSON, Markdown or HTML. */
export const GET = uiRoute<{ id: string }>(async ({ rt, params, url }) => {
  const { format } = ChangeFormatQuerySchema.parse(Object.fromEntries(url.searchParams));
  return changeReportResponse(rt.db, params.id, format);
});
