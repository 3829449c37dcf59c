import { putAlertSettings } from "@/lib/api/alerts";
import { limitedJsonBody } from "@/lib/api/body-limit";
import { AlertSettingsUpdateSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: save a site's alert rules and recipients. */
export const PUT = uiRoute<{ id: string }>(async ({ rt, params, request }) =>
  Response.json(await putAlertSettings(rt, params.id, AlertSettingsUpdateSchema.parse(await limitedJsonBody(request)))),
);
