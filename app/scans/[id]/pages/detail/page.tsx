import Link from "next/link";
import { getPageDetail, pageLinks, type PageLinkRow } from "@/lib/db/page-views";
import type { PageCoherence } from "@/lib/encode/coherence";
import { suggestionsTable } from "@/lib/db/recommendation-views";
import { listTopics } from "@/lib/db/topic-views";
import { CopyButton } from "../../../../components/CopyButton";
import { NotReady } from "../../../../components/NotReady";
import { topicColor } from "../../../../components/palette";
import type { SearchParams } from "../../../../components/table-params";
import { scanContext } from "../../scan-context";

export const dynamic = "force-dynamic";

/** Links listed per direction; the rest is counted and reachable through the links export. */
const LINKS_SHOWN = 100;

const ACTION_MEANING: Record<string, string> = {
  keep: "Keep it as it is: it is on topic, substantial and linked.",
  update: "Refresh it: it still serves its topic but is thin, stale or weakly linked.",
  merge: "Merge it into the page named below and redirect: the two cover the same ground.",
  prune: "Remove it (or noindex it): it adds little and dilutes the site's topics.",
};

function LinkList({ rows, total, direction, base }: { rows: PageLinkRow[]; total: number; direction: "in" | "out"; base: string }) {
  if (total === 0) return <p className="muted">{direction === "in" ? "No page links here: this page is an orphan. Link it from its topic's pillar." : "This page links nowhere."}</p>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">{direction === "in" ? "From" : "To"}</th>
            <th scope="col">Anchor</th>
            <th scope="col">Position</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l, i) => {
            const other = direction === "in" ? l.fromUrl : l.toUrl;
            return (
              <tr key={`${other}-${i}`}>
                <td className="small">
                  <Link href={`${base}/pages/detail?url=${encodeURIComponent(other)}`}>{other}</Link>
                </td>
                <td>{l.anchor || <span className="muted">(no text)</span>}</td>
                <td>
                  {l.position}
                  {l.nofollow ? " · nofollow" : ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {total > rows.length && <p className="muted">{total - rows.length} more not shown.</p>}
    </>
  );
}

function CoherencePanel({ coherence }: { coherence: PageCoherence }) {
  return (
    <section className="panel" aria-labelledby="coherence-h" data-testid="page-coherence">
      <h2 id="coherence-h">Coherence: {coherence.score.toFixed(2)}</h2>
      <p className="muted">
        How the sequence model reads each section: its fit to the rest of this page (the page&apos;s own topic) and to the site&apos;s other pages (the site&apos;s language), from −1 to 1.
        {coherence.driftingSections.length > 0
          ? ` ${coherence.driftingSections.length} section(s) drift to another subject (${Math.round(coherence.driftingShare * 100)}% of the text): split them into their own page or bring them back to the page's subject.`
          : " No section drifts from the page's subject."}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col">Fit to the page</th>
            <th scope="col">Fit to the site</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {coherence.sections.map((s, i) => (
            <tr key={`${s.heading}-${i}`} className={s.drifting ? "drifting" : undefined}>
              <td>
                {s.heading} {s.drifting && <span className="badge">drifts</span>}
              </td>
              <td>{s.topicFit === null ? "-" : s.topicFit.toFixed(2)}</td>
              <td>{s.siteFit.toFixed(2)}</td>
              <td>{s.score.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default async function PageDetailView({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const sp = await searchParams;
  const url = String(Array.isArray(sp.url) ? sp.url[0] : (sp.url ?? ""));
  const page = url ? await getPageDetail(db, scan.id, url) : null;
  if (!page) {
    return (
      <section className="panel empty-state">
        <h2>Page not found in this scan</h2>
        <p>{url ? <>No page with the address <code>{url}</code> was crawled in this scan.</> : "No page address was given."} Pick a page from the pages table.</p>
        <Link href={`${base}/pages`}>Go to the pages table</Link>
      </section>
    );
  }
  const q = { page: 1, pageSize: 20, q: "", sort: "score" as const, desc: true };
  const [inLinks, outLinks, sugFrom, sugTo, topics] = await Promise.all([
    pageLinks(db, scan.id, url, "in", LINKS_SHOWN),
    pageLinks(db, scan.id, url, "out", LINKS_SHOWN),
    suggestionsTable(db, scan.id, { ...q, filters: { from: url } }),
    suggestionsTable(db, scan.id, { ...q, filters: { to: url } }),
    listTopics(db, scan.id),
  ]);
  const topic = topics.find((t) => t.topicKey === page.topicKey) ?? null;
  return (
    <>
      <section className="panel">
        <h2 data-testid="page-title">{page.title || page.url}</h2>
        <p>
          <a href={page.url}>{page.url}</a>
        </p>
        {page.metaDescription && <p className="muted">{page.metaDescription}</p>}
        <dl className="metrics" data-testid="page-metrics">
          <div><dt>Status</dt><dd>{page.status}</dd></div>
          <div><dt>Words</dt><dd>{page.wordCount}</dd></div>
          <div><dt>Depth</dt><dd>{page.depth}</dd></div>
          <div><dt>Content inlinks</dt><dd>{page.inlinks ?? "-"}</dd></div>
          <div><dt>Content outlinks</dt><dd>{page.outlinks ?? "-"}</dd></div>
          <div><dt>Internal PageRank</dt><dd>{page.pagerank?.toFixed(4) ?? "-"}</dd></div>
          <div><dt>Response</dt><dd>{page.responseMs} ms</dd></div>
          <div><dt>In sitemap</dt><dd>{page.inSitemap ? "yes" : "no"}</dd></div>
          {page.clicks !== null && (
            <>
              <div><dt>Search clicks</dt><dd>{page.clicks}</dd></div>
              <div><dt>Impressions</dt><dd>{page.impressions ?? 0}</dd></div>
              <div><dt>CTR</dt><dd>{page.ctr === null ? "-" : `${(page.ctr * 100).toFixed(1)}%`}</dd></div>
              <div><dt>Avg. position</dt><dd>{page.position?.toFixed(1) ?? "-"}</dd></div>
            </>
          )}
          {page.sessions !== null && <div><dt>Sessions (GA4)</dt><dd>{page.sessions}{page.engagementRate === null ? "" : `, ${(page.engagementRate * 100).toFixed(0)}% engaged`}</dd></div>}
          <div data-testid="page-rendered"><dt>Rendered</dt><dd>{page.render?.rendered ? "yes, in Chromium" : page.render?.shell ? "no (the HTML is a shell)" : "no"}</dd></div>
          {page.render?.rendered && (
            <div data-testid="page-js-added"><dt>Added by scripts</dt><dd>{page.render.addedWords} words, {page.render.addedLinks} links</dd></div>
          )}
        </dl>
        {page.render?.error && <p className="muted small" data-testid="page-render-error">Rendering: {page.render.error}</p>}
        {Object.keys(page.fields).length > 0 && (
          <dl className="metrics" data-testid="page-extracted" aria-label="Extracted">
            {Object.entries(page.fields).map(([name, value]) => (
              <div key={name}><dt>{name}</dt><dd>{value ?? <span className="muted">none</span>}</dd></div>
            ))}
          </dl>
        )}
      </section>
      <div className="two-col">
        <section className="panel" aria-labelledby="topic-h">
          <h2 id="topic-h">Topic</h2>
          {topic ? (
            <>
              <p className="topic-tag" data-testid="page-topic">
                <span className="dot" style={{ background: topicColor(topic.topicKey) }} aria-hidden="true" />
                <Link href={`${base}/pages?topic=${topic.topicKey}`}>{topic.label}</Link> {topic.isCore && <span className="badge core">core</span>}
              </p>
              <p>
                Similarity to the topic&apos;s centre: <strong>{page.topicSimilarity?.toFixed(2)}</strong> (the topic&apos;s mean is {topic.cohesion.toFixed(2)}).
              </p>
              {topic.pillarUrl && (
                <p>
                  Pillar page: {topic.pillarUrl === page.url ? <strong>this page</strong> : <Link href={`${base}/pages/detail?url=${encodeURIComponent(topic.pillarUrl)}`}>{topic.pillarUrl}</Link>}
                </p>
              )}
            </>
          ) : (
            <p className="muted">{page.isUtility ? "A utility page (contact, legal, listing …): not assigned to a topic." : "Not assigned to any topic."}</p>
          )}
        </section>
        <section className="panel" aria-labelledby="forget-h" data-testid="page-forget">
          <h2 id="forget-h">Forget gate: {page.forgetAction ? <span className={`action ${page.forgetAction}`}>{page.forgetAction}</span> : "-"}</h2>
          <p>{ACTION_MEANING[page.forgetAction ?? "keep"]}</p>
          {page.mergeInto && (
            <p>
              Merge into <Link href={`${base}/pages/detail?url=${encodeURIComponent(page.mergeInto)}`}>{page.mergeInto}</Link>
            </p>
          )}
          <p>
            Forget score <strong>{page.forgetScore?.toFixed(2) ?? "-"}</strong> (0 keep as is, 1 remove). Why:
          </p>
          {page.forgetReasons.length ? (
            <ul>
              {page.forgetReasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">No reason to act: the page is on topic, substantial and linked.</p>
          )}
        </section>
      </div>
      {page.coherence && <CoherencePanel coherence={page.coherence} />}
      <div className="two-col">
        <section className="panel" aria-labelledby="in-h">
          <h2 id="in-h">Links in ({inLinks.total})</h2>
          <LinkList rows={inLinks.rows} total={inLinks.total} direction="in" base={base} />
        </section>
        <section className="panel" aria-labelledby="out-h">
          <h2 id="out-h">Links out ({outLinks.total})</h2>
          <LinkList rows={outLinks.rows} total={outLinks.total} direction="out" base={base} />
        </section>
      </div>
      <section className="panel" aria-labelledby="sug-h" data-testid="page-suggestions">
        <h2 id="sug-h">Link suggestions</h2>
        <h3>Add on this page ({sugFrom.total})</h3>
        {sugFrom.rows.length ? (
          <ul className="suggestions">
            {sugFrom.rows.map((s) => (
              <li key={s.toUrl}>
                Link <strong>“{s.anchor}”</strong> <CopyButton text={s.anchor} label={`Copy anchor “${s.anchor}”`} /> to <Link href={`${base}/pages/detail?url=${encodeURIComponent(s.toUrl)}`}>{s.toUrl}</Link>
                <div className="muted small">{s.context}</div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
        <h3>Add on other pages, pointing here ({sugTo.total})</h3>
        {sugTo.rows.length ? (
          <ul className="suggestions">
            {sugTo.rows.map((s) => (
              <li key={s.fromUrl}>
                On <Link href={`${base}/pages/detail?url=${encodeURIComponent(s.fromUrl)}`}>{s.fromUrl}</Link> link <strong>“{s.anchor}”</strong> <CopyButton text={s.anchor} label={`Copy anchor “${s.anchor}” for ${s.fromUrl}`} />
                <div className="muted small">{s.context}</div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
      </section>
    </>
  );
}
