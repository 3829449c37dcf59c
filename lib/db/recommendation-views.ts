import type { GapResult, QuickWinResult } from "../analyze/types";
import type { Prisma } from "../generated/prisma/client";
import type { LinkSuggestion } from "../analyze/types";
import type { Db } from "./client";
import { skipTake, type TablePage, type TableQuery } from "./table-query";

/** The dashboard's reads of the gap and link-suggestion recommendations. */

export const SUGGESTION_SORTS = ["score", "pageUrl", "targetUrl"] as const;
export type SuggestionSort = (typeof SUGGESTION_SORTS)[number];

/** A stored link suggestion is the analysis's LinkSuggestion, kept whole in the row's JSON. */
export type SuggestionRow = LinkSuggestion;

function suggestionWhere(scanId: string, q: Pick<TableQuery, "q" | "filters">): Prisma.RecommendationWhereInput {
  return {
    scanId,
    kind: "link",
    ...(q.filters.from ? { pageUrl: q.filters.from } : {}),
    ...(q.filters.to ? { targetUrl: q.filters.to } : {}),
    ...(q.q ? { OR: [{ pageUrl: { contains: q.q } }, { targetUrl: { contains: q.q } }] } : {}),
  };
}

/** filters: from (exact source URL), to (exact target URL); search matches either URL. */
export async function suggestionsTable(db: Db, scanId: string, q: TableQuery<SuggestionSort>): Promise<TablePage<SuggestionRow>> {
  const where = suggestionWhere(scanId, q);
  const [rows, total] = await Promise.all([
    db.recommendation.findMany({ where, orderBy: [{ [q.sort]: q.desc ? "desc" : "asc" }, { id: "asc" }], ...skipTake(q), select: { data: true } }),
    db.recommendation.count({ where }),
  ]);
  return { rows: rows.map((r) => r.data as unknown as SuggestionRow), total };
}

export const GAP_SORTS = ["score", "keyphrase"] as const;
export type GapSort = (typeof GAP_SORTS)[number];

export type GapRow = Pick<GapResult, "topicId" | "keyphrase" | "evidence" | "source" | "query">;

/** Most quick wins the dashboard lists. */
export const QUICK_WINS_SHOWN = 100;

/** The scan's quick wins (search data), the most impressions first. */
export async function quickWinsList(db: Db, scanId: string): Promise<QuickWinResult[]> {
  const rows = await db.recommendation.findMany({ where: { scanId, kind: "quick-win" }, orderBy: [{ score: "desc" }, { id: "asc" }], take: QUICK_WINS_SHOWN, select: { data: true } });
  return rows.map((r) => r.data as unknown as QuickWinResult);
}

/**
 * Gaps are few (at most a handful per core topic), and their keyphrase and topic live in the row's JSON, which SQLite
 * cannot filter portably; so this reads the scan's gap rows (bounded) and sorts, filters and slices them here.
 */
export async function gapsTable(db: Db, scanId: string, q: TableQuery<GapSort>): Promise<TablePage<GapRow>> {
  const rows = (await db.recommendation.findMany({ where: { scanId, kind: "gap" }, orderBy: [{ score: "desc" }, { id: "asc" }], select: { data: true } })).map(
    (r) => r.data as unknown as GapRow,
  );
  const needle = q.q.toLowerCase();
  const topic = q.filters.topic;
  const kept = rows.filter((g) => (!needle || g.keyphrase.toLowerCase().includes(needle)) && (topic === undefined || topic === "" || String(g.topicId) === topic));
  if (q.sort === "keyphrase") kept.sort((a, b) => a.keyphrase.localeCompare(b.keyphrase));
  else kept.sort((a, b) => a.evidence.length - b.evidence.length);
  if (q.desc) kept.reverse();
  const { skip, take } = skipTake(q);
  return { rows: kept.slice(skip, skip + take), total: kept.length };
}
