import { errorResponse } from "@/lib/api/errors";
import { contentLinks, graphNodes } from "@/lib/db/page-views";
import { linkGraphPayload } from "@/lib/report/link-graph-view";
import { sharedRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** The scan's link graph for the dashboard's WebGL view: every content link, nodes with topic and PageRank. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const db = (await sharedRuntime()).db;
    const [nodes, links] = await Promise.all([graphNodes(db, id), contentLinks(db, id)]);
    return Response.json(linkGraphPayload(nodes, links));
  } catch (error) {
    return errorResponse(error);
  }
}
