import { createApiKey } from "@/lib/api/api-keys";
import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { ApiKeyCreateSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: create a key of the workspace; the key is in this response only. */
export const POST = uiRoute(
  async ({ rt, json, access }) => {
    const { name, scope } = ApiKeyCreateSchema.parse(await json());
    const { key, apiKey } = await createApiKey(rt.db, name, access.workspaceId, scope);
    return Response.json({ id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, scope: apiKey.scope, key }, { status: 201 });
  },
  { maxBodyBytes: SMALL_BODY_BYTES },
);
