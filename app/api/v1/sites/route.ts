import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { jsonBody } from "@/lib/api/request-body";
import { PageQuerySchema, toPage } from "@/lib/api/pagination";
import { SiteCreateSchema } from "@/lib/api/schemas";
import { createSite } from "@/lib/api/sites";
import { siteView } from "@/lib/api/views";
import { listSitesPage } from "@/lib/db/sites";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ rt, url, access }) => {
  const q = PageQuerySchema.parse(queryOf(url));
  return Response.json(toPage(await listSitesPage(rt.db, access.workspaceId, { take: q.limit + 1, cursor: q.cursor }), q, url.href, (s) => siteView(s)));
});

export const POST = apiRoute(async ({ rt, request, access }) => {
  const { site, webhookSecret } = await createSite(rt, access.workspaceId, SiteCreateSchema.parse(await jsonBody(request)));
  return Response.json(siteView(site, webhookSecret), { status: 201, headers: { location: `/api/v1/sites/${site.id}` } });
});
