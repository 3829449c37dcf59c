import { changeReportResponse } from "@/lib/api/changes";
import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { ChangeFormatQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ rt, params, url }) => changeReportResponse(rt.db, params.id, ChangeFormatQuerySchema.parse(queryOf(url)).format));
