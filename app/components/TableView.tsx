import Link from "next/link";
import type { TableQuery } from "@/lib/db/table-query";
import { DataTable, type Column, type FilterSpec } from "./DataTable";
import { topicColor } from "./palette";
import { exportHref } from "./table-specs";
import { TABLE_VIEWS } from "./table-views";

/**
 * One of the scan's table pages (pages, topics, gaps, pruning, suggestions): its heading, the question it answers
 * (TABLE_VIEWS), and the table with its CSV export; `emptyFiltered` shows when a search or filter left no row,
 * `emptyNone` when the scan has none.
 */
export function TableView({
  scanId, base, table, query, total, filters, columns, children,
}: {
  scanId: string;
  base: string;
  table: keyof typeof TABLE_VIEWS;
  query: TableQuery;
  total: number;
  filters?: FilterSpec[];
  columns: Column[];
  children: React.ReactNode;
}) {
  const { title, lead, testId, caption, searchLabel, emptyFiltered, emptyNone } = TABLE_VIEWS[table];
  const filtered = Boolean(query.q || Object.keys(query.filters).length);
  return (
    <section className="panel">
      <h2>{title}</h2>
      <p className="muted lead">{lead}</p>
      <DataTable
        base={`${base}/${table}`}
        query={query}
        total={total}
        testId={testId}
        caption={caption}
        searchLabel={searchLabel}
        exportHref={exportHref(scanId, table, query)}
        filters={filters}
        columns={columns}
        empty={filtered ? emptyFiltered : emptyNone}
      >
        {children}
      </DataTable>
    </section>
  );
}

/** A page's cell: its title linking to the page's detail, its URL beneath. */
export function PageCell({ base, url, title }: { base: string; url: string; title: string | null }) {
  return (
    <td className="url-cell">
      <Link href={`${base}/pages/detail?url=${encodeURIComponent(url)}`}>{title || url}</Link>
      <div className="muted small">{url}</div>
    </td>
  );
}

/** A topic's coloured tag. */
export function TopicTag({ topicKey, children }: { topicKey: number; children: React.ReactNode }) {
  return (
    <span className="topic-tag">
      <span className="dot" style={{ background: topicColor(topicKey) }} aria-hidden="true" />
      {children}
    </span>
  );
}
