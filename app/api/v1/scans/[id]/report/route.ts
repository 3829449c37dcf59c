import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { reportRouteResponse } from "@/lib/api/report-files";
import { ReportQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(({ rt, params, request, url }) => reportRouteResponse(rt, params.id, request, ReportQuerySchema.parse(queryOf(url)).format));
