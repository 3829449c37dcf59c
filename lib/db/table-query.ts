/** One page of a dashboard table as the database serves it: sorted, filtered, searched and paginated in SQL. */
export interface TableQuery<S extends string = string> {
  /** 1-based */
  page: number;
  pageSize: number;
  sort: S;
  desc: boolean;
  /** free-text search (URL, title, label ...) */
  q: string;
  filters: Record<string, string>;
}

export interface TablePage<R> {
  rows: R[];
  total: number;
}

export function skipTake(q: Pick<TableQuery, "page" | "pageSize">): { skip: number; take: number } {
  return { skip: (q.page - 1) * q.pageSize, take: q.pageSize };
}
