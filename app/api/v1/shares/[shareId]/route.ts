import { apiRoute, noContent } from "@/lib/api/endpoint";
import { revokeShare } from "@/lib/api/shares";

export const dynamic = "force-dynamic";

/** Revokes a share link: opening it answers 410 from now on. */
export const DELETE = apiRoute<{ shareId: string }>(async ({ rt, params }) => {
  await revokeShare(rt, params.shareId);
  return noContent();
});
