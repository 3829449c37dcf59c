import { apiRoute } from "@/lib/api/endpoint";
import { scanChanges } from "@/lib/api/scans";

export const dynamic = "force-dynamic";

/** The change report against the site's previous finished scan (404 when there is none). */
export const GET = apiRoute<{ id: string }>(async ({ rt, params }) => {
  const { id, report } = await scanChanges(rt, params.id);
  return Response.json({ id, ...report });
});
