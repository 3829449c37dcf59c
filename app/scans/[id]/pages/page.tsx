import { fieldFilterOptions, fieldNames } from "@/lib/db/page-fields";
import { scanSearchColumns } from "@/lib/db/page-search";
import { FORGET_ACTIONS, pagesTable } from "@/lib/db/page-views";
import { listTopics } from "@/lib/db/topic-views";
import { PageCell, TableView, TopicTag } from "../../../components/TableView";
import { NotReady } from "../../../components/NotReady";
import { parseTableQuery, type SearchParams } from "../../../components/table-params";
import { TABLE_SPECS } from "../../../components/table-specs";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

export default async function PagesView({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const query = parseTableQuery(await searchParams, TABLE_SPECS.pages);
  const [table, topics, searchColumns, fields, fieldOptions] = await Promise.all([
    pagesTable(db, scan.id, query),
    listTopics(db, scan.id),
    scanSearchColumns(db, scan.id),
    fieldNames(db, scan.id),
    fieldFilterOptions(db, scan.id),
  ]);
  const search = searchColumns.searchConsole;
  const traffic = searchColumns.traffic;
  const label = new Map(topics.map((t) => [t.topicKey, t.label]));
  return (
    <TableView scanId={scan.id} base={base} table="pages" query={query} total={table.total}
      filters={[
        { name: "topic", label: "Topic", options: [...topics.map((t) => ({ value: String(t.topicKey), label: t.label })), { value: "none", label: "No topic" }] },
        { name: "action", label: "Action", options: FORGET_ACTIONS.map((a) => ({ value: a, label: a })) },
        { name: "orphan", label: "Orphans", options: [{ value: "1", label: "Orphans only" }] },
        ...(search
          ? [{ name: "search", label: "Search", options: [
              { value: "clicks", label: "With clicks" },
              { value: "unclicked", label: "Impressions, no clicks" },
              { value: "none", label: "No clicks or impressions" },
              { value: "quick-win", label: "Position 8-20" },
            ] }]
          : []),
        ...(fields.length ? [{ name: "field", label: "Extracted", options: fieldOptions }] : []),
      ]}
      columns={[
        { key: "url", label: "Page", sort: "url" },
        { key: "topic", label: "Topic" },
        { key: "words", label: "Words", sort: "wordCount", num: true },
        { key: "depth", label: "Depth", sort: "depth", num: true },
        { key: "in", label: "Inlinks", sort: "inlinks", num: true },
        { key: "out", label: "Outlinks", sort: "outlinks", num: true },
        { key: "pr", label: "PageRank", sort: "pagerank", num: true },
        { key: "sim", label: "Similarity", sort: "topicSimilarity", num: true },
        ...(search
          ? [
              { key: "clicks", label: "Clicks", sort: "clicks", num: true },
              { key: "impressions", label: "Impressions", sort: "impressions", num: true },
              { key: "ctr", label: "CTR", sort: "ctr", num: true },
              { key: "position", label: "Position", sort: "position", num: true },
            ]
          : []),
        ...(traffic
          ? [
              { key: "sessions", label: "Sessions", sort: "sessions", num: true },
              { key: "engagement", label: "Engagement", sort: "engagementRate", num: true },
            ]
          : []),
        ...fields.map((name) => ({ key: `field-${name}`, label: name })),
        { key: "action", label: "Action", sort: "forgetScore" },
      ]}
    >
      {table.rows.map((r) => (
        <tr key={r.url}>
          <PageCell base={base} url={r.url} title={r.title} />
          <td>
            {r.topicKey === null ? (
              <span className="muted">none</span>
            ) : (
              <TopicTag topicKey={r.topicKey}>{label.get(r.topicKey)}</TopicTag>
            )}
          </td>
          <td className="num">{r.wordCount}</td>
          <td className="num">{r.depth}</td>
          <td className="num">{r.inlinks ?? "-"}</td>
          <td className="num">{r.outlinks ?? "-"}</td>
          <td className="num">{r.pagerank?.toFixed(4) ?? "-"}</td>
          <td className="num">{r.topicSimilarity?.toFixed(2) ?? "-"}</td>
          {search && (
            <>
              <td className="num">{r.clicks ?? "-"}</td>
              <td className="num">{r.impressions ?? "-"}</td>
              <td className="num">{r.ctr === null ? "-" : `${(r.ctr * 100).toFixed(1)}%`}</td>
              <td className="num">{r.position?.toFixed(1) ?? "-"}</td>
            </>
          )}
          {traffic && (
            <>
              <td className="num">{r.sessions ?? "-"}</td>
              <td className="num">{r.engagementRate === null ? "-" : `${(r.engagementRate * 100).toFixed(0)}%`}</td>
            </>
          )}
          {fields.map((name) => (
            <td key={name} data-field={name}>
              {r.fields[name] ?? <span className="muted">-</span>}
            </td>
          ))}
          <td>{r.forgetAction ? <span className={`action ${r.forgetAction}`}>{r.forgetAction}</span> : "-"}</td>
        </tr>
      ))}
    </TableView>
  );
}
