import { apiRoute, queryOf } from "@/lib/api/endpoint";
import { scanIssues } from "@/lib/api/issues";
import { IssuesQuerySchema } from "@/lib/api/schemas";

export const dynamic = "force-dynamic";

/** The scan's issues by code and status (statuses of now), errors first; ?severity=&status=&code= narrow them. */
export const GET = apiRoute<{ id: string }>(async ({ rt, params, url }) => {
  const { issues, summary } = await scanIssues(rt, params.id, IssuesQuerySchema.parse(queryOf(url)));
  return Response.json(issues, { headers: { "x-topicgate-health": String(summary.health) } });
});
