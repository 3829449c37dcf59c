import { SearchDataImportQuerySchema } from "@/lib/api/schemas";
import { importFromRequest } from "@/lib/api/search-data";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: the site page's upload (the same import as POST /api/v1/sites/{id}/search-data). */
export const POST = uiRoute<{ id: string }>(
  async ({ rt, params, request, url }) => {
    const query = SearchDataImportQuerySchema.parse(Object.fromEntries(url.searchParams));
    return Response.json(await importFromRequest(rt, params.id, request, query, "upload"), { status: 201 });
  },
  { maxBodyBytes: (rt) => rt.config.searchDataMaxBytes },
);
