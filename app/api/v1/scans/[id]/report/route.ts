import { apiRoute } from "@/lib/api/endpoint";
import { reportResponse } from "@/lib/api/scans";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(({ rt, params, request }) => reportResponse(rt, params.id, request));
