import type { TableQuery } from "@/lib/db/table-query";
import { PAGE_SORTS } from "@/lib/db/page-views";
import { GAP_SORTS, SUGGESTION_SORTS } from "@/lib/db/recommendation-views";
import { TOPIC_SORTS } from "@/lib/db/topic-views";

/** Sorts, defaults and filters each dashboard table accepts in its URL (shared by the views and their CSV exports). */
export const TABLE_SPECS = {
  pages: { sorts: PAGE_SORTS, defaultSort: "pagerank", defaultDesc: true, filters: ["topic", "action", "orphan", "search", "field"] },
  pruning: { sorts: PAGE_SORTS, defaultSort: "forgetScore", defaultDesc: true, filters: ["topic", "action"] },
  topics: { sorts: TOPIC_SORTS, defaultSort: "authority", defaultDesc: true, filters: ["core"] },
  gaps: { sorts: GAP_SORTS, defaultSort: "score", defaultDesc: true, filters: ["topic"] },
  suggestions: { sorts: SUGGESTION_SORTS, defaultSort: "score", defaultDesc: true, filters: ["from", "to"] },
} as const;

/** The CSV export of a table in its current state (all matching rows, not only the page shown). */
export function exportHref(scanId: string, table: keyof typeof TABLE_SPECS, q: TableQuery): string {
  const params = new URLSearchParams({ table, sort: q.sort, dir: q.desc ? "desc" : "asc", ...(q.q ? { q: q.q } : {}), ...q.filters });
  return `/api/ui/scans/${scanId}/export?${params}`;
}
