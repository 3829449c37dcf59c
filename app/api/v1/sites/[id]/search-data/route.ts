import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { SearchDataImportQuerySchema } from "@/lib/api/schemas";
import { importFromRequest, listSearchDataSets, searchDataSetView } from "@/lib/api/search-data";

export const dynamic = "force-dynamic";

/** The site's current search data sets. */
export const GET = apiRoute<{ id: string }>(async ({ rt, params }) => Response.json({ items: (await listSearchDataSets(rt.db, params.id)).map(searchDataSetView) }));

/** Imports a Search Console or GA4 export sent as the body (size-capped: 413 past TOPICGATE_SEARCH_DATA_MAX_BYTES). */
export const POST = apiRoute<{ id: string }>(async ({ rt, params, request, url }) => {
  const result = await importFromRequest(rt, params.id, request, SearchDataImportQuerySchema.parse(queryOf(url)), "api");
  return Response.json(result, { status: 201 });
});
