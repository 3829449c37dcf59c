import type { LinkSuggestion } from "../analyze/types";
import type { Db } from "./client";

/** Every link suggestion of a scan, best first (the stored recommendations of kind link). */
export async function listLinkSuggestions(db: Db, scanId: string): Promise<LinkSuggestion[]> {
  const rows = await db.recommendation.findMany({ where: { scanId, kind: "link" }, orderBy: [{ score: "desc" }, { id: "asc" }], select: { data: true } });
  return rows.map((r) => r.data as unknown as LinkSuggestion);
}
