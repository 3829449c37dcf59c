import Link from "next/link";
import { topicsTable } from "@/lib/db/topic-views";
import { TableView, TopicTag } from "../../../components/TableView";
import { NotReady } from "../../../components/NotReady";
import { parseTableQuery, type SearchParams } from "../../../components/table-params";
import { TABLE_SPECS } from "../../../components/table-specs";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

export default async function TopicsView({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const query = parseTableQuery(await searchParams, TABLE_SPECS.topics);
  const table = await topicsTable(db, scan.id, query);
  return (
    <TableView scanId={scan.id} base={base} table="topics" query={query} total={table.total}
      filters={[{ name: "core", label: "Kind", options: [{ value: "1", label: "Core topics" }, { value: "0", label: "Other topics" }] }]}
      columns={[
        { key: "label", label: "Topic", sort: "label" },
        { key: "core", label: "Core", sort: "isCore" },
        { key: "keyphrases", label: "Keyphrases" },
        { key: "pillar", label: "Pillar page" },
        { key: "pages", label: "Pages", sort: "pageCount", num: true },
        { key: "cohesion", label: "Cohesion", sort: "cohesion", num: true },
        { key: "coverage", label: "Coverage", sort: "coverage", num: true },
        { key: "authority", label: "Authority", sort: "authority", num: true },
      ]}
    >
      {table.rows.map((t) => (
        <tr key={t.topicKey}>
          <td>
            <TopicTag topicKey={t.topicKey}>
              <Link href={`${base}/pages?topic=${t.topicKey}`}>{t.label}</Link>
            </TopicTag>
          </td>
          <td>{t.isCore ? <span className="badge core">core</span> : <span className="muted">no</span>}</td>
          <td className="small">{t.keyphrases.slice(0, 6).join(", ")}</td>
          <td className="small">{t.pillarUrl ? <Link href={`${base}/pages/detail?url=${encodeURIComponent(t.pillarUrl)}`}>{t.pillarUrl}</Link> : "-"}</td>
          <td className="num">{t.pageCount}</td>
          <td className="num">{t.cohesion.toFixed(2)}</td>
          <td className="num">{Math.round(t.coverage * 100)}%</td>
          <td className="num">{t.authority.toFixed(0)}</td>
        </tr>
      ))}
    </TableView>
  );
}
