import { createApiKey } from "@/lib/api/api-keys";
import { errorResponse } from "@/lib/api/errors";
import { ApiKeyCreateSchema } from "@/lib/api/schemas";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Dashboard: create a key; the key is in this response only. */
export async function POST(request: Request): Promise<Response> {
  try {
    const { name } = ApiKeyCreateSchema.parse(await request.json());
    const { key, apiKey } = await createApiKey((await sharedRuntime()).db, name);
    return Response.json({ id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, key }, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
