import { setSiteIssueStatus } from "@/lib/api/issues";
import { SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { IssueStatusUpdateSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: ignore, resolve or reopen an issue on one page or on every page of its code. */
export const PATCH = uiRoute<{ id: string }>(async ({ rt, params, json }) => Response.json(await setSiteIssueStatus(rt, params.id, IssueStatusUpdateSchema.parse(await json()))), {
  maxBodyBytes: SMALL_BODY_BYTES,
});
