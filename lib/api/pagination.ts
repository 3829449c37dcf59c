import { z } from "zod";

/** Items per page when the client names no limit, and the most one request may ask for. */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT).describe(`items per page, 1-${MAX_PAGE_LIMIT}`),
    cursor: z.string().min(1).max(100).optional().describe("the nextCursor of the previous page"),
  })
  .strict();

export type PageQuery = z.infer<typeof PageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** the URL of the next page, or null on the last */
  next: string | null;
}

/**
 * Keyset pagination over rows fetched with `take: limit + 1` after the cursor row: the extra row only says whether
 * another page exists. Cursors are row ids, stable while rows are added.
 */
export function toPage<R extends { id: string }, T>(rows: R[], query: PageQuery, requestUrl: string, view: (row: R) => T): Page<T> {
  const more = rows.length > query.limit;
  const kept = more ? rows.slice(0, query.limit) : rows;
  const nextCursor = more ? kept[kept.length - 1].id : null;
  let next: string | null = null;
  if (nextCursor) {
    const u = new URL(requestUrl);
    u.searchParams.set("cursor", nextCursor);
    u.searchParams.set("limit", String(query.limit));
    next = u.pathname + u.search;
  }
  return { items: kept.map(view), nextCursor, next };
}
