import { changeExportResponse } from "@/lib/api/changes";
import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { ChangeExportQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ rt, params, url }) => changeExportResponse(rt.db, params.id, ChangeExportQuerySchema.parse(queryOf(url))));
