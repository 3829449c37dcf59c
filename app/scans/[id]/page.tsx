import Link from "next/link";
import { recentCrawlErrors } from "@/lib/db/report-site";
import { getScanReport } from "@/lib/db/scans";
import { ReportHeadCache } from "@/lib/report/report-head";
import { pagesTable } from "@/lib/db/page-views";
import { gapsTable, suggestionsTable } from "@/lib/db/recommendation-views";
import { listTopics, topicsTable } from "@/lib/db/topic-views";
import { ScoreBar } from "../../components/charts";
import { ScanLive } from "../../components/ScanLive";
import { SharePanel } from "../../components/SharePanel";
import { listShareLinks } from "@/lib/db/share-links";
import { shareView } from "@/lib/api/shares";
import { sharedRuntime } from "@/lib/runtime";
import { scanContext } from "./scan-context";

export const dynamic = "force-dynamic";

const TOP = { page: 1, pageSize: 3, q: "", filters: {} };

/** Heads of finished reports, kept for the life of the server process. */
const reportHeads = new ReportHeadCache();

/** What each gate asks, and how its score is made (lib/analyze/authority.ts). */
const GATES = [
  { key: "core", name: "Cores", gate: "cell state", question: "What is this site about?", how: "Share of content pages inside core topics (60%) and how tightly those topics hold together (40%).", view: "/topics", viewLabel: "All topics" },
  { key: "input", name: "Expansion", gate: "input gate", question: "How completely does the site cover each core's subtopics?", how: "Share of each core topic's subtopics that have a dedicated page, weighted by the topic's pages.", view: "/gaps", viewLabel: "All gaps" },
  { key: "forget", name: "Pruning", gate: "forget gate", question: "What should be removed, merged or refreshed?", how: "Mean value of the pages by their action: keep 1, update 0.6, merge 0.3, prune 0.", view: "/pruning", viewLabel: "All pruning actions" },
  { key: "output", name: "Linking", gate: "output gate", question: "Do internal links carry authority along topics?", how: "Links that stay on topic (35%), pages reached by content links (25%), complete topic hubs (20%), link communities matching topics (20%).", view: "/suggestions", viewLabel: "All link suggestions" },
] as const;

function pct(n: number): string {
  return `${Math.round(n * 100)}%`;
}

export default async function ScanOverview({ params }: { params: Promise<{ id: string }> }) {
  const { db, scan, base } = await scanContext(params);
  const live = (
    <ScanLive
      initial={{ id: scan.id, status: scan.status, progress: scan.progress as never, error: scan.error, maxPages: scan.options.maxPages, errors: scan.status === "done" ? [] : await recentCrawlErrors(db, scan.id, 5) }}
    />
  );
  if (scan.status !== "done") return live;
  const [head, topics, weakCores, gaps, pruning, suggestions, strongest] = await Promise.all([
    reportHeads.get(scan.id, (id) => getScanReport(db, id)),
    listTopics(db, scan.id),
    topicsTable(db, scan.id, { ...TOP, sort: "authority", desc: false, filters: { core: "1" } }),
    gapsTable(db, scan.id, { ...TOP, sort: "score", desc: true }),
    pagesTable(db, scan.id, { ...TOP, sort: "forgetScore", desc: true, filters: { pruning: "1" } }),
    suggestionsTable(db, scan.id, { ...TOP, sort: "score", desc: true }),
    pagesTable(db, scan.id, { page: 1, pageSize: 10, q: "", filters: {}, sort: "pagerank", desc: true }),
  ]);
  const site = head?.site ?? null;
  const searchData = head?.searchData;
  const languages = head?.languages;
  const allPages = await pagesTable(db, scan.id, { page: 1, pageSize: 1, q: "", filters: {}, sort: "url", desc: false });
  const rt = await sharedRuntime();
  const shares = await Promise.all((await listShareLinks(db, scan.id)).map((s) => shareView(rt, s, rt.config.publicUrl ?? "")));
  const label = new Map(topics.map((t) => [t.topicKey, t.label]));
  const actions: Record<string, React.ReactNode[]> = {
    core: weakCores.rows.map((t) => (
      <>
        Strengthen <strong>{t.label}</strong> (authority {t.authority.toFixed(0)}, {t.pageCount} pages): link its pages to the pillar{" "}
        {t.pillarUrl ? <Link href={`${base}/pages/detail?url=${encodeURIComponent(t.pillarUrl)}`}>{t.pillarUrl}</Link> : "(none yet: choose one)"}.
      </>
    )),
    input: gaps.rows.map((g) => (
      <>
        Write a page about <strong>“{g.keyphrase}”</strong> in {label.get(g.topicId) ?? `topic ${g.topicId}`} ({g.evidence.length} pages mention it, none is dedicated to it).
      </>
    )),
    forget: pruning.rows.map((p) => (
      <>
        <span className={`action ${p.forgetAction}`}>{p.forgetAction}</span> <Link href={`${base}/pages/detail?url=${encodeURIComponent(p.url)}`}>{p.url}</Link>
        {p.mergeInto ? <> into {p.mergeInto}</> : null}: {p.forgetReasons[0] ?? "low value"}.
      </>
    )),
    output: suggestions.rows.map((s) => (
      <>
        On <Link href={`${base}/pages/detail?url=${encodeURIComponent(s.fromUrl)}`}>{s.fromUrl}</Link> link <strong>“{s.anchor}”</strong> to {s.toUrl}.
      </>
    )),
  };
  return (
    <>
      {live}
      <section className="panel overview" aria-labelledby="authority-heading">
        <div className="authority">
          <h2 id="authority-heading">Topical Authority</h2>
          <div className="big-score">
            <strong data-testid="authority">{scan.authority?.toFixed(0) ?? "-"}</strong>
            <span className="muted">/ 100</span>
          </div>
          <ScoreBar value={scan.authority ?? 0} label="Topical Authority" />
          <div className="stats">
            <div className="stat">
              <strong data-testid="page-count">{allPages.total}</strong>pages crawled
            </div>
            <div className="stat">
              <strong>{topics.filter((t) => t.isCore).length}</strong>core topics of {topics.length}
            </div>
            {site && (
              <div className="stat">
                <strong>{pct(site.linking.orphanShare)}</strong>orphan pages
              </div>
            )}
          </div>
        </div>
        <div className="explanation">
          <p data-testid="site-explanation">{site?.explanation ?? "The report of this scan is missing; run the scan again."}</p>
          {searchData && <p className="muted" data-testid="search-statement">{searchData.statement}</p>}
          {site && (
            <details>
              <summary>How the score is computed</summary>
              <p className="formula">{site.formula}</p>
            </details>
          )}
        </div>
      </section>
      <div className="gates">
        {GATES.map((g) => {
          const score = site?.gates[g.key] ?? 0;
          return (
            <section key={g.key} className="panel gate" data-testid={`gate-${g.key}`} aria-labelledby={`gate-${g.key}-h`}>
              <h2 id={`gate-${g.key}-h`}>
                {g.name} <span className="muted gate-kind">{g.gate}</span>
                <span className="gate-score">{score.toFixed(0)}</span>
              </h2>
              <ScoreBar value={score} label={`${g.name} score`} />
              <p>
                <strong>{g.question}</strong> {g.how}
              </p>
              <h3>Top actions</h3>
              {actions[g.key].length ? (
                <ol className="actions">
                  {actions[g.key].map((a, i) => (
                    <li key={i}>{a}</li>
                  ))}
                </ol>
              ) : (
                <p className="muted">Nothing to do here: this gate found no problem.</p>
              )}
              <Link href={base + g.view}>{g.viewLabel} →</Link>
            </section>
          );
        })}
      </div>
      {languages && languages.length > 1 && (
        <section className="panel" aria-labelledby="languages-heading" data-testid="languages">
          <h2 id="languages-heading">Languages</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Language</th>
                <th scope="col" className="num">Pages</th>
                <th scope="col">Topics</th>
              </tr>
            </thead>
            <tbody>
              {languages.map((l) => (
                <tr key={l.code}>
                  <td>{l.code === "und" ? "unknown" : l.code}</td>
                  <td className="num">{l.pages}</td>
                  <td>{l.topics.map((t) => label.get(t) ?? `topic ${t}`).join(", ") || "none"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <SharePanel scanId={scan.id} shares={shares} publicUrl={rt.config.publicUrl ?? null} />
      <section className="panel">
        <h2>Strongest pages (internal PageRank)</h2>
        <table data-testid="pages-table">
          <thead>
            <tr>
              <th scope="col">Page</th>
              <th scope="col">Topic</th>
              <th scope="col" className="num">PageRank</th>
              <th scope="col" className="num">Inlinks</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {strongest.rows.map((r) => (
              <tr key={r.url}>
                <td>
                  <Link href={`${base}/pages/detail?url=${encodeURIComponent(r.url)}`}>{r.url}</Link>
                </td>
                <td>{r.topicKey === null ? "-" : label.get(r.topicKey)}</td>
                <td className="num">{r.pagerank?.toFixed(4) ?? "-"}</td>
                <td className="num">{r.inlinks ?? "-"}</td>
                <td>{r.forgetAction ? <span className={`action ${r.forgetAction}`}>{r.forgetAction}</span> : "-"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <Link href={`${base}/pages`}>All {allPages.total} pages →</Link>
        </p>
      </section>
    </>
  );
}
