import { errorResponse } from "@/lib/api/errors";
import { SearchDataImportQuerySchema } from "@/lib/api/schemas";
import { importFromRequest } from "@/lib/api/search-data";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Dashboard: the site page's upload (the same import as POST /api/v1/sites/{id}/search-data). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const query = SearchDataImportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await importFromRequest(await sharedRuntime(), id, request, query, "upload"), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
