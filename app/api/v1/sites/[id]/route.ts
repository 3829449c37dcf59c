import { apiRoute, noContent } from "@/lib/api/endpoint";
import { jsonBody } from "@/lib/api/request-body";
import { SiteUpdateSchema } from "@/lib/api/schemas";
import { patchSite, removeSite, siteOr404 } from "@/lib/api/sites";
import { siteView } from "@/lib/api/views";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ rt, params }) => Response.json(siteView(await siteOr404(rt.db, params.id))));

export const PATCH = apiRoute<{ id: string }>(async ({ rt, params, request }) => {
  const { site, webhookSecret } = await patchSite(rt, params.id, SiteUpdateSchema.parse(await jsonBody(request)));
  return Response.json(siteView(site, webhookSecret));
});

/** Deletes the site with its scans, schedules and change reports. */
export const DELETE = apiRoute<{ id: string }>(async ({ rt, params }) => {
  await removeSite(rt, params.id);
  return noContent();
});
