import Link from "next/link";
import { notFound } from "next/navigation";
import { getChangeReport } from "@/lib/db/change-reports";
import type { ChangeReport, IssueChange, ScoreDelta } from "@/lib/report/change-report";
import { sharedRuntime } from "@/lib/runtime";
import { requireOwned } from "../../dashboard-session";

export const dynamic = "force-dynamic";

function Delta({ name, d }: { name: string; d: ScoreDelta }) {
  return (
    <div className="stat">
      <strong>
        {d.delta >= 0 ? "+" : ""}
        {d.delta.toFixed(1)}
      </strong>
      {name} ({d.previous.toFixed(0)} → {d.current.toFixed(0)})
    </div>
  );
}

function UrlList({ title, items, empty }: { title: string; items: string[]; empty: string }) {
  return (
    <section className="panel">
      <h2>
        {title} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

const signed = (n: number) => `${n >= 0 ? "+" : ""}${n}`;
const period = (p: { startDate: string | null; endDate: string | null }) => (p.startDate && p.endDate ? `${p.startDate} to ${p.endDate}` : "period not stated");

/** Clicks and impressions per page between the two scans' search data. */
function SearchDeltaTable({ deltas }: { deltas: NonNullable<ChangeReport["searchDeltas"]> }) {
  return (
    <section className="panel" aria-labelledby="search-deltas-h">
      <h2 id="search-deltas-h">Search clicks and impressions ({deltas.pages.length})</h2>
      <p className="muted">
        Search data of {period(deltas.previous)} compared with {period(deltas.current)}.
      </p>
      {deltas.pages.length === 0 ? (
        <p className="muted">No page&apos;s clicks or impressions changed.</p>
      ) : (
        <table data-testid="search-deltas">
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col" className="num">Clicks</th>
              <th scope="col" className="num">Change</th>
              <th scope="col" className="num">Impressions</th>
              <th scope="col" className="num">Change</th>
            </tr>
          </thead>
          <tbody>
            {deltas.pages.map((p) => (
              <tr key={p.url}>
                <td className="url-cell">{p.url}</td>
                <td className="num">{p.clicks.previous} → {p.clicks.current}</td>
                <td className="num">{signed(p.clicks.delta)}</td>
                <td className="num">{p.impressions.previous} → {p.impressions.current}</td>
                <td className="num">{signed(p.impressions.delta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const issueLine = (i: IssueChange) => `${i.severity}: ${i.title} on ${i.pageUrl ?? i.key}${i.detail ? ` (${i.detail})` : ""}`;

export default async function ChangeReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOwned("change", id);
  const row = await getChangeReport((await sharedRuntime()).db, id);
  if (!row) notFound();
  const r = row.data as ChangeReport;
  const d = r.topicDrift;
  const drift = [
    ...d.appeared.map((t) => `New topic: ${t.label}`),
    ...d.vanished.map((t) => `Topic vanished: ${t.label}`),
    ...d.split.map((t) => `${t.previousLabel} split into ${t.into.map((x) => x.label).join(", ")}`),
    ...d.merged.map((t) => `${t.from.map((x) => x.label).join(", ")} merged into ${t.label}`),
    ...d.movedPages.map((m) => `${m.url}: ${m.fromLabel ?? "no topic"} → ${m.toLabel ?? "no topic"}`),
  ];
  return (
    <>
      <h1>Changes on {r.siteUrl}</h1>
      <p className="muted">
        <Link href={`/scans/${r.scanId}`}>This scan</Link> compared with <Link href={`/scans/${r.previousScanId}`}>the previous one</Link>. Send it on as{" "}
        <a href={`/api/ui/changes/${id}?format=md`}>Markdown</a> or <a href={`/api/ui/changes/${id}?format=html`}>HTML</a>.
      </p>
      <section className="panel">
        <div className="stats" data-testid="score-deltas">
          <Delta name="Topical Authority" d={r.scoreDeltas.authority} />
          <Delta name="cores" d={r.scoreDeltas.core} />
          <Delta name="expansion" d={r.scoreDeltas.input} />
          <Delta name="pruning" d={r.scoreDeltas.forget} />
          <Delta name="linking" d={r.scoreDeltas.output} />
        </div>
      </section>
      <UrlList title="New issues" items={(r.issuesNew ?? []).map(issueLine)} empty="No new issue." />
      <UrlList title="Issues resolved since the previous scan" items={(r.issuesResolved ?? []).map(issueLine)} empty="No issue went away." />
      <UrlList title="Pages added" items={r.pagesAdded} empty="No new page." />
      <UrlList title="Pages removed" items={r.pagesRemoved} empty="No page removed." />
      <UrlList title="Pages changed" items={r.pagesChanged} empty="No page content changed." />
      <UrlList title="Status changes" items={r.statusChanges.map((c) => `${c.url}: ${c.from} → ${c.to}`)} empty="No status changed." />
      <UrlList title="Topic drift" items={drift} empty="Topics are stable." />
      <UrlList title="New off-topic pages" items={r.newOffTopic} empty="No new off-topic page." />
      <UrlList title="New orphan pages" items={r.newOrphans} empty="No new orphan page." />
      <UrlList title="Links lost" items={r.linksLost.map((l) => `${l.fromUrl} → ${l.toUrl}`)} empty="No content link lost." />
      <UrlList title="Links gained" items={r.linksGained.map((l) => `${l.fromUrl} → ${l.toUrl}`)} empty="No content link gained." />
      {r.searchDeltas && <SearchDeltaTable deltas={r.searchDeltas} />}
    </>
  );
}
