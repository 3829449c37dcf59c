import { limitedJsonBody } from "@/lib/api/body-limit";
import { setSiteIssueStatus } from "@/lib/api/issues";
import { IssueStatusUpdateSchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard: ignore, resolve or reopen an issue on one page or on every page of its code. */
export const PATCH = uiRoute<{ id: string }>(async ({ rt, params, request }) =>
  Response.json(await setSiteIssueStatus(rt, params.id, IssueStatusUpdateSchema.parse(await limitedJsonBody(request)))),
);
