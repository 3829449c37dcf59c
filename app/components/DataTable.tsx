import Link from "next/link";
import type { TableQuery } from "@/lib/db/table-query";
import { tableHref } from "./table-params";

export interface Column {
  key: string;
  label: string;
  /** the sort key, when the column sorts */
  sort?: string;
  num?: boolean;
}

export interface FilterSpec {
  name: string;
  label: string;
  options: { value: string; label: string }[];
}

/**
 * A server-rendered table whose sorting, filtering, search and pagination are links and a GET form: every state is a
 * URL the database answers, so it works without JavaScript and a 100,000-row scan sends 50 rows.
 */
export function DataTable({
  base, query, total, columns, filters = [], searchLabel, exportHref, testId, caption, children, empty,
}: {
  base: string;
  query: TableQuery;
  total: number;
  columns: Column[];
  filters?: FilterSpec[];
  searchLabel: string;
  exportHref?: string;
  testId: string;
  caption: string;
  children: React.ReactNode;
  empty: React.ReactNode;
}) {
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const from = total === 0 ? 0 : (query.page - 1) * query.pageSize + 1;
  const to = Math.min(total, query.page * query.pageSize);
  return (
    <div className="datatable">
      <form className="inline table-controls" method="get" action={base} role="search" aria-label={`Search and filter ${caption.toLowerCase()}`}>
        <label>
          {searchLabel}
          <input type="search" name="q" defaultValue={query.q} />
        </label>
        {filters.map((f) => (
          <label key={f.name}>
            {f.label}
            <select name={f.name} defaultValue={query.filters[f.name] ?? ""}>
              <option value="">All</option>
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.desc ? "desc" : "asc"} />
        <button type="submit">Apply</button>
        {(query.q || Object.keys(query.filters).length > 0) && (
          <Link href={base} className="button-link">
            Clear
          </Link>
        )}
        {exportHref && (
          <a className="button-link export" href={exportHref} download>
            Export CSV
          </a>
        )}
      </form>
      <p className="muted table-count" data-testid={`${testId}-count`}>
        {total === 0 ? "No rows" : `${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${total.toLocaleString("en")}`}
      </p>
      <div className="table-scroll">
        <table data-testid={testId}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = c.sort !== undefined && c.sort === query.sort;
                const nextDir = active && !query.desc ? "desc" : active ? "asc" : c.num ? "desc" : "asc";
                return (
                  <th key={c.key} className={c.num ? "num" : undefined} aria-sort={active ? (query.desc ? "descending" : "ascending") : undefined} scope="col">
                    {c.sort ? (
                      <Link href={tableHref(base, query, { sort: c.sort, dir: nextDir, page: 1 })} className="sort">
                        {c.label}
                        <span aria-hidden="true">{active ? (query.desc ? " ▼" : " ▲") : ""}</span>
                      </Link>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {total === 0 ? (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {empty}
                </td>
              </tr>
            ) : (
              children
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={`${caption} pagination`}>
        {query.page > 1 ? <Link href={tableHref(base, query, { page: query.page - 1 })}>← Previous</Link> : <span className="muted">← Previous</span>}
        <span className="muted">
          Page {query.page} of {pages.toLocaleString("en")}
        </span>
        {query.page < pages ? <Link href={tableHref(base, query, { page: query.page + 1 })}>Next →</Link> : <span className="muted">Next →</span>}
      </nav>
    </div>
  );
}
