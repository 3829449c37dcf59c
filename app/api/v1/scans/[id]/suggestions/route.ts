import { apiRoute } from "@/lib/api/endpoint";
import { scanSuggestions } from "@/lib/api/issues";

export const dynamic = "force-dynamic";

/** The scan's link suggestions with their stable ids and statuses. */
export const GET = apiRoute<{ id: string }>(async ({ rt, params }) => Response.json(await scanSuggestions(rt, params.id)));
