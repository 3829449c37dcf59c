import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { PageQuerySchema, toPage } from "@/lib/api/pagination";
import { siteOr404 } from "@/lib/api/sites";
import { scanView } from "@/lib/api/views";
import { listScansPage } from "@/lib/db/scans";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ rt, params, url }) => {
  const q = PageQuerySchema.parse(queryOf(url));
  await siteOr404(rt.db, params.id);
  return Response.json(toPage(await listScansPage(rt.db, { siteId: params.id, take: q.limit + 1, cursor: q.cursor }), q, url.href, scanView));
});
