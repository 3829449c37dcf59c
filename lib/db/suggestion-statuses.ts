import type { SuggestionStatusValue } from "../issues/suggestions";
import type { Db } from "./client";

export interface SuggestionStatusRow {
  suggestionId: string;
  fromUrl: string;
  toUrl: string;
  anchor: string;
  status: SuggestionStatusValue;
  updatedAt: Date;
  appliedScanId: string | null;
}

const COLUMNS = { suggestionId: true, fromUrl: true, toUrl: true, anchor: true, status: true, updatedAt: true, appliedScanId: true } as const;

export async function listSuggestionStatuses(db: Db, siteId: string, status?: SuggestionStatusValue): Promise<SuggestionStatusRow[]> {
  const rows = await db.suggestionStatus.findMany({ where: { siteId, ...(status ? { status } : {}) }, select: COLUMNS });
  return rows.map((r) => ({ ...r, status: r.status as SuggestionStatusValue }));
}

export async function setSuggestionStatus(
  db: Db,
  siteId: string,
  s: { suggestionId: string; fromUrl: string; toUrl: string; anchor: string },
  status: SuggestionStatusValue,
): Promise<SuggestionStatusRow> {
  const row = await db.suggestionStatus.upsert({
    where: { siteId_suggestionId: { siteId, suggestionId: s.suggestionId } },
    create: { siteId, ...s, status },
    update: { status, anchor: s.anchor, appliedScanId: null },
    select: COLUMNS,
  });
  return { ...row, status: row.status as SuggestionStatusValue };
}

/** Marks approved suggestions applied: the scan's crawl found their link. */
export async function markSuggestionsApplied(db: Db, siteId: string, scanId: string, suggestionIds: string[]): Promise<void> {
  if (!suggestionIds.length) return;
  await db.suggestionStatus.updateMany({ where: { siteId, suggestionId: { in: suggestionIds }, status: "approved" }, data: { status: "applied", appliedScanId: scanId } });
}
