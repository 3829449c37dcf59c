import { jsonBody, SMALL_BODY_BYTES } from "@/lib/api/request-body";
import { apiRoute } from "@/lib/api/endpoint";
import { setSiteIssueStatus } from "@/lib/api/issues";
import { IssueStatusUpdateSchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** Sets an issue's status on one page, or on every page of its code; later scans of the site keep it. */
export const PATCH = apiRoute<{ id: string }>(async ({ rt, params, request }) =>
  Response.json(await setSiteIssueStatus(rt, params.id, IssueStatusUpdateSchema.parse(await jsonBody(request, SMALL_BODY_BYTES)))),
);
