import { uiRoute } from "@/lib/api/ui-route";
import { contentLinks, graphNodes } from "@/lib/db/page-views";
import { linkGraphPayload } from "@/lib/report/link-graph-view";

export const dynamic = "force-dynamic";

/** The scan's link graph for the dashboard's WebGL view: every content link, nodes with topic and PageRank. */
export const GET = uiRoute<{ id: string }>(async ({ rt, params }) => {
  const [nodes, links] = await Promise.all([graphNodes(rt.db, params.id), contentLinks(rt.db, params.id)]);
  return Response.json(linkGraphPayload(nodes, links));
});
