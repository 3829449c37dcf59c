import { pagesTable } from "@/lib/db/page-views";
import { listTopics } from "@/lib/db/topic-views";
import { PageCell, TableView } from "../../../components/TableView";
import { NotReady } from "../../../components/NotReady";
import { parseTableQuery, type SearchParams } from "../../../components/table-params";
import { TABLE_SPECS } from "../../../components/table-specs";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

export default async function PruningView({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const query = parseTableQuery(await searchParams, TABLE_SPECS.pruning);
  const [table, topics] = await Promise.all([pagesTable(db, scan.id, { ...query, filters: { ...query.filters, pruning: "1" } }), listTopics(db, scan.id)]);
  return (
    <TableView scanId={scan.id} base={base} table="pruning" query={query} total={table.total}
      filters={[
        { name: "action", label: "Action", options: ["update", "merge", "prune"].map((a) => ({ value: a, label: a })) },
        { name: "topic", label: "Topic", options: topics.map((t) => ({ value: String(t.topicKey), label: t.label })) },
      ]}
      columns={[
        { key: "url", label: "Page", sort: "url" },
        { key: "action", label: "Action" },
        { key: "score", label: "Forget score", sort: "forgetScore", num: true },
        { key: "words", label: "Words", sort: "wordCount", num: true },
        { key: "reasons", label: "Why" },
      ]}
    >
      {table.rows.map((r) => (
        <tr key={r.url}>
          <PageCell base={base} url={r.url} title={r.title} />
          <td>
            <span className={`action ${r.forgetAction}`}>{r.forgetAction}</span>
            {r.mergeInto && <div className="small">into {r.mergeInto}</div>}
          </td>
          <td className="num">{r.forgetScore?.toFixed(2)}</td>
          <td className="num">{r.wordCount}</td>
          <td>
            <ul className="reasons">
              {r.forgetReasons.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </TableView>
  );
}
