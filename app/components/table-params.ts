import type { TableQuery } from "@/lib/db/table-query";

export type SearchParams = Record<string, string | string[] | undefined>;

/** Rows per page of every dashboard table. */
export const TABLE_PAGE_SIZE = 50;

function one(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** URL search params -> a table query; unknown sorts fall back to the default so a hand-edited URL still renders. */
export function parseTableQuery<S extends string>(
  sp: SearchParams,
  spec: { sorts: readonly S[]; defaultSort: S; defaultDesc: boolean; filters: readonly string[]; pageSize?: number },
): TableQuery<S> {
  const sort = (spec.sorts as readonly string[]).includes(one(sp.sort)) ? (one(sp.sort) as S) : spec.defaultSort;
  const dir = one(sp.dir);
  const filters: Record<string, string> = {};
  for (const f of spec.filters) if (one(sp[f])) filters[f] = one(sp[f]);
  return {
    page: Math.max(1, Math.floor(Number(one(sp.page))) || 1),
    pageSize: spec.pageSize ?? TABLE_PAGE_SIZE,
    sort,
    desc: dir ? dir === "desc" : sort === spec.defaultSort ? spec.defaultDesc : false,
    q: one(sp.q).trim().slice(0, 200),
    filters,
  };
}

/** The query string of a table state with some values changed (empty values dropped). */
export function tableHref(base: string, q: TableQuery, change: Partial<Record<"page" | "sort" | "dir" | "q" | string, string | number>> = {}): string {
  const params = new URLSearchParams();
  const state: Record<string, string> = { q: q.q, sort: q.sort, dir: q.desc ? "desc" : "asc", page: String(q.page), ...q.filters };
  for (const [k, v] of Object.entries({ ...state, ...Object.fromEntries(Object.entries(change).map(([k, v]) => [k, String(v)])) })) {
    if (v !== "" && !(k === "page" && v === "1")) params.set(k, v);
  }
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}
