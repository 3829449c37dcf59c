import Link from "next/link";
import { suggestionsTable } from "@/lib/db/recommendation-views";
import { listSuggestionStatuses } from "@/lib/db/suggestion-statuses";
import { suggestionId } from "@/lib/issues/suggestions";
import { SuggestionStatus } from "../../../components/SuggestionStatus";
import { CopyButton } from "../../../components/CopyButton";
import { TableView } from "../../../components/TableView";
import { NotReady } from "../../../components/NotReady";
import { parseTableQuery, type SearchParams } from "../../../components/table-params";
import { TABLE_SPECS } from "../../../components/table-specs";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

export default async function SuggestionsView({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const query = parseTableQuery(await searchParams, TABLE_SPECS.suggestions);
  const [table, statuses] = await Promise.all([suggestionsTable(db, scan.id, query), listSuggestionStatuses(db, scan.siteId)]);
  const statusOf = new Map(statuses.map((s) => [s.suggestionId, s.status]));
  const detail = (url: string) => `${base}/pages/detail?url=${encodeURIComponent(url)}`;
  return (
    <TableView scanId={scan.id} base={base} table="suggestions" query={query} total={table.total}
      columns={[
        { key: "from", label: "On page", sort: "pageUrl" },
        { key: "to", label: "Link to", sort: "targetUrl" },
        { key: "anchor", label: "Anchor" },
        { key: "context", label: "In this sentence" },
        { key: "score", label: "Score", sort: "score", num: true },
        { key: "status", label: "Status" },
      ]}
    >
      {table.rows.map((s) => (
        <tr key={`${s.fromUrl}->${s.toUrl}`}>
          <td className="small">
            <Link href={detail(s.fromUrl)}>{s.fromUrl}</Link>
          </td>
          <td className="small">
            <Link href={detail(s.toUrl)}>{s.toUrl}</Link>
            <div className="muted">{s.reason}</div>
          </td>
          <td>
            <span className="copy-cell">
              <strong>{s.anchor}</strong>
              <CopyButton text={s.anchor} label={`Copy anchor “${s.anchor}”`} />
            </span>
          </td>
          <td className="small">
            <span className="copy-cell">
              <span>{s.context}</span>
              <CopyButton text={s.context} label={`Copy the sentence for “${s.anchor}”`} />
            </span>
          </td>
          <td className="num">{s.score.toFixed(2)}</td>
          <td>
            <SuggestionStatus scanId={scan.id} suggestionId={suggestionId(s.fromUrl, s.toUrl)} status={statusOf.get(suggestionId(s.fromUrl, s.toUrl)) ?? "pending"} label={`the link “${s.anchor}” to ${s.toUrl}`} />
          </td>
        </tr>
      ))}
    </TableView>
  );
}
