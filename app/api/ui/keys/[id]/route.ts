import { noContent } from "@/lib/api/endpoint";
import { uiRoute } from "@/lib/api/ui-route";
import { revokeApiKey } from "@/lib/db/api-keys";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Dashboard: revoke a key of the workspace (requests with it get 401 from then on). */
export const DELETE = uiRoute<{ id: string }>(async ({ rt, params }) => {
  if (!(await revokeApiKey(rt.db, params.id))) throw new AppError("not_found", `No active API key ${params.id}`);
  return noContent();
});
