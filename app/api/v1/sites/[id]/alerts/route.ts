import { alertSettingsView, putAlertSettings } from "@/lib/api/alerts";
import { jsonBody, SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { apiRoute } from "@/lib/api/endpoint";
import { AlertSettingsUpdateSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** The site's alert rules and recipients, with its recent deliveries. */
export const GET = apiRoute<{ id: string }>(async ({ rt, params }) => Response.json(await alertSettingsView(rt, params.id)));

/** Replaces the site's alert rules and recipients (fields left out take their defaults). */
export const PUT = apiRoute<{ id: string }>(async ({ rt, params, request }) =>
  Response.json(await putAlertSettings(rt, params.id, AlertSettingsUpdateSchema.parse(await jsonBody(request, SMALL_BODY_BYTES)))),
);
