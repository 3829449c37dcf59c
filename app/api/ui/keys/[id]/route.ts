import { errorResponse } from "@/lib/api/errors";
import { revokeApiKey } from "@/lib/db/api-keys";
import { AppError } from "@/lib/errors";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Dashboard: revoke a key (requests with it get 401 from then on). */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    if (!(await revokeApiKey((await sharedRuntime()).db, id))) throw new AppError("not_found", `No active API key ${id}`);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
