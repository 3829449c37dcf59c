import Link from "next/link";
import { loadWorklist } from "@/lib/api/worklist";
import { HEALTH_FORMULA, SEVERITIES, type Issue, type Severity } from "@/lib/issues";
import { IssueActions } from "../../../components/IssueActions";
import { NotReady } from "../../../components/NotReady";
import type { SearchParams } from "../../../components/table-params";
import { scanContext } from "../scan-context";

export const dynamic = "force-dynamic";

/** Pages listed under one issue before "and N more" (the CSV and XLSX exports list all). */
const ITEMS_SHOWN = 100;
const HEADINGS: Record<Severity, string> = { error: "Errors", warning: "Warnings", notice: "Notices" };
const STATUSES = ["open", "ignored", "resolved"] as const;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function IssuesView({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { db, scan, base } = await scanContext(params);
  if (scan.status !== "done") return <NotReady base={base} status={scan.status} />;
  const sp = await searchParams;
  const severity = (SEVERITIES as readonly string[]).includes(one(sp.severity)) ? (one(sp.severity) as Severity) : "";
  const status = (STATUSES as readonly string[]).includes(one(sp.status)) ? one(sp.status) : "";
  const q = one(sp.q).trim().slice(0, 200).toLowerCase();
  const { issues, issuesSummary: s } = await loadWorklist(db, scan);
  const matches = (i: Issue) =>
    (!severity || i.severity === severity) &&
    (!status || i.status === status) &&
    (!q || i.code.includes(q) || i.title.toLowerCase().includes(q) || i.items.some((it) => (it.pageUrl ?? it.key).toLowerCase().includes(q)));
  const shown = issues.filter(matches).map((i) => (q && !i.title.toLowerCase().includes(q) && !i.code.includes(q) ? { ...i, items: i.items.filter((it) => (it.pageUrl ?? it.key).toLowerCase().includes(q)) } : i));
  const files = `/api/ui/scans/${scan.id}/files`;
  return (
    <>
      <section className="panel" aria-labelledby="health-h">
        <h2 id="health-h">
          Audit health <span data-testid="health">{s.health.toFixed(0)}</span>
          <span className="muted"> / 100</span>
        </h2>
        <p className="muted small">{HEALTH_FORMULA}. The Topical Authority score measures the site itself: no status changes it.</p>
        <div className="stats" data-testid="issue-counts">
          {SEVERITIES.map((sev) => (
            <div key={sev} className="stat">
              <strong className={`sev-count ${sev}`}>{s.open[sev]}</strong>open {sev === "error" ? "errors" : `${sev}s`}
            </div>
          ))}
          <div className="stat">
            <strong>{s.ignored}</strong>ignored
          </div>
          <div className="stat">
            <strong>{s.resolved}</strong>marked resolved
          </div>
        </div>
        <form className="inline table-controls" method="get" action={`${base}/issues`} role="search" aria-label="Filter issues">
          <label>
            Search issue or URL
            <input type="search" name="q" defaultValue={one(sp.q)} />
          </label>
          <label>
            Severity
            <select name="severity" defaultValue={severity}>
              <option value="">All</option>
              {SEVERITIES.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select name="status" defaultValue={status}>
              <option value="">All</option>
              {STATUSES.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Apply</button>
          {(q || severity || status) && (
            <Link href={`${base}/issues`} className="button-link">
              Clear
            </Link>
          )}
          <a className="button-link export" href={`${files}?format=issues-csv`} download>
            Export CSV
          </a>
          <a className="button-link export" href={`${files}?format=xlsx`} download>
            Workbook (XLSX)
          </a>
        </form>
      </section>
      {shown.length === 0 && <p className="panel muted">{issues.length ? "No issue matches: clear the filter." : "No issue found on this scan."}</p>}
      {SEVERITIES.map((sev) => {
        const group = shown.filter((i) => i.severity === sev);
        if (!group.length) return null;
        return (
          <section key={sev} className="panel" aria-labelledby={`sev-${sev}`} data-testid={`issues-${sev}`}>
            <h2 id={`sev-${sev}`}>
              {HEADINGS[sev]} <span className="muted">({group.reduce((n, i) => n + i.count, 0)})</span>
            </h2>
            {group.map((i) => (
              <article key={`${i.code}-${i.status}`} className="issue" data-testid={`issue-${i.code}-${i.status}`}>
                <h3>
                  <span className={`sev ${i.severity}`}>{i.severity}</span> {i.title} <span className="badge">{i.code}</span> <span className={`status ${i.status}`}>{i.status}</span>{" "}
                  <span className="muted">{i.count} page(s)</span>
                </h3>
                <p className="small">
                  <strong>Why it matters:</strong> {i.why} <strong>How to fix:</strong> {i.howToFix}
                </p>
                <IssueActions siteId={scan.siteId} code={i.code} status={i.status} label={`${i.title}, every page`} />
                <details>
                  <summary>Affected pages</summary>
                  <ul className="issue-items">
                    {i.items.slice(0, ITEMS_SHOWN).map((it) => (
                      <li key={it.key}>
                        {it.pageUrl ? <Link href={`${base}/pages/detail?url=${encodeURIComponent(it.pageUrl)}`}>{it.pageUrl}</Link> : <strong>{it.key}</strong>}
                        {it.detail && <span className="muted small"> {it.detail}</span>}{" "}
                        <IssueActions siteId={scan.siteId} code={i.code} pageUrl={it.pageUrl ?? undefined} itemKey={it.pageUrl ? undefined : it.key} status={i.status} label={`${i.title} on ${it.pageUrl ?? it.key}`} />
                      </li>
                    ))}
                    {i.items.length > ITEMS_SHOWN && <li className="muted">and {i.items.length - ITEMS_SHOWN} more (see the export)</li>}
                  </ul>
                </details>
              </article>
            ))}
          </section>
        );
      })}
    </>
  );
}
