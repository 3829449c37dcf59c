import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { jsonBody } from "@/lib/api/request-body";
import { PageQuerySchema, toPage } from "@/lib/api/pagination";
import { startApiScan } from "@/lib/api/scans";
import { ScanRequestSchema } from "@/lib/api/schemas";
import { scanView } from "@/lib/api/views";
import { listScansPage } from "@/lib/db/scans";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ rt, url, access }) => {
  const q = PageQuerySchema.parse(queryOf(url));
  return Response.json(toPage(await listScansPage(rt.db, { workspaceId: access.workspaceId, take: q.limit + 1, cursor: q.cursor }), q, url.href, scanView));
});

export const POST = apiRoute(async ({ rt, request, key }) => {
  const scan = await startApiScan(rt, key, ScanRequestSchema.parse(await jsonBody(request)));
  return Response.json({ id: scan.id, status: scan.status }, { status: 202, headers: { location: `/api/v1/scans/${scan.id}` } });
});
