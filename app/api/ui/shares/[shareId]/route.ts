import { noContent } from "@/lib/api/endpoint";
import { revokeShare } from "@/lib/api/shares";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: revoke a share link. */
export const DELETE = uiRoute<{ shareId: string }>(async ({ rt, params }) => {
  await revokeShare(rt, params.shareId);
  return noContent();
});
