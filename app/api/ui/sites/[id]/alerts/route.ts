import { putAlertSettings } from "@/lib/api/alerts";
import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { AlertSettingsUpdateSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: save a site's alert rules and recipients. */
export const PUT = uiRoute<{ id: string }>(async ({ rt, params, json }) => Response.json(await putAlertSettings(rt, params.id, AlertSettingsUpdateSchema.parse(await json()))), {
  maxBodyBytes: SMALL_BODY_BYTES,
});
