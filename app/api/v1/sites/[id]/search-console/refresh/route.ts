import { apiRoute } from "@/lib/api/endpoint";
import { enqueueSearchConsoleRefresh, searchConsoleOr404 } from "@/lib/pipeline/search-console-sync";

export const dynamic = "force-dynamic";

/** Queues a refresh now (a worker runs it; the connector's lastStatus and lastError say how it went). */
export const POST = apiRoute<{ id: string }>(async ({ rt, params }) => {
  await searchConsoleOr404(rt.db, params.id);
  await enqueueSearchConsoleRefresh(rt, params.id);
  return Response.json({ queued: true }, { status: 202 });
});
