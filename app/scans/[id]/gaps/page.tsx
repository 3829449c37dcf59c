import { gapsTable, quickWinsList } from "@/lib/db/recommendation-views";
import { listTopics } from "@/lib/db/topic-views";
import { TableView } from "../../../components/TableView";
import { NotReady } from "../../../components/NotReady";
import { parseTableQuery, type SearchParams } from "../../../components/table-params";
import { TABLE_SPECS } from "../../../components/table-specs";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

export default async function GapsView({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const query = parseTableQuery(await searchParams, TABLE_SPECS.gaps);
  const [table, topics, wins] = await Promise.all([gapsTable(db, scan.id, query), listTopics(db, scan.id), quickWinsList(db, scan.id)]);
  const label = new Map(topics.map((t) => [t.topicKey, t.label]));
  return (
    <>
      <TableView scanId={scan.id} base={base} table="gaps" query={query} total={table.total}
        filters={[{ name: "topic", label: "Topic", options: topics.filter((t) => t.isCore).map((t) => ({ value: String(t.topicKey), label: t.label })) }]}
        columns={[
          { key: "keyphrase", label: "Missing subtopic", sort: "keyphrase" },
          { key: "topic", label: "Core topic" },
          { key: "evidence", label: "Pages mentioning it", sort: "score", num: true },
          { key: "where", label: "Where it is mentioned" },
        ]}
      >
        {table.rows.map((g) => (
          <tr key={`${g.topicId}-${g.keyphrase}`}>
            <td>
              <strong>{g.keyphrase}</strong>
            </td>
            <td>{label.get(g.topicId) ?? g.topicId}</td>
            <td className="num">{g.evidence.length}</td>
            <td className="small">
              {g.query ? (
                <span data-testid="query-gap">{g.query.detail}</span>
              ) : (
                <>
                  {g.evidence.slice(0, 3).join(", ")}
                  {g.evidence.length > 3 ? ` and ${g.evidence.length - 3} more` : ""}
                </>
              )}
            </td>
          </tr>
        ))}
      </TableView>
      {wins.length > 0 ? (
        <section className="panel">
          <h2>Quick wins (search data)</h2>
          <p className="muted lead">Queries the site already ranks for at positions 8 to 20: improve the page named (its content on the query, its title, links to it) to move it onto the part of page one that gets clicked.</p>
          <table data-testid="quick-wins-table">
            <caption>Quick wins</caption>
            <thead>
              <tr>
                <th scope="col">Query</th>
                <th scope="col">Page to improve</th>
                <th scope="col" className="num">Position</th>
                <th scope="col" className="num">Impressions</th>
                <th scope="col" className="num">Clicks</th>
              </tr>
            </thead>
            <tbody>
              {wins.map((w) => (
                <tr key={`${w.query ?? ""}-${w.url}`}>
                  <td>
                    <strong>{w.query ?? "(page total)"}</strong>
                  </td>
                  <td className="small">{w.url}</td>
                  <td className="num">{w.position.toFixed(1)}</td>
                  <td className="num">{w.impressions}</td>
                  <td className="num">{w.clicks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
