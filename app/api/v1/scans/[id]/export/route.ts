import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { exportResponse } from "@/lib/api/report-files";
import { ExportQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ rt, params, url }) => exportResponse(rt, params.id, ExportQuerySchema.parse(queryOf(url))));
