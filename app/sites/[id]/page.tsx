import Link from "next/link";
import { notFound } from "next/navigation";
import { getSearchConsole } from "@/lib/db/search-console";
import { listSiteSearchDataSets } from "@/lib/db/search-data";
import { listSiteScans, listSiteSchedules } from "@/lib/db/site-setup";
import { getSite } from "@/lib/db/sites";
import { sharedRuntime } from "@/lib/runtime";
import { alertSettingsView } from "@/lib/api/alerts";
import { requireOwned } from "../../dashboard-session";
import { AlertSettingsForm } from "../../components/AlertSettingsForm";
import { LineChart } from "../../components/charts";
import { SearchDataUpload } from "../../components/SearchDataUpload";

export const dynamic = "force-dynamic";

/** Scans listed on a site's page (the trend uses the finished ones among them). */
const SCANS_SHOWN = 50;

function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace("T", " ") : "-";
}

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireOwned("site", id);
  const rt = await sharedRuntime();
  const db = rt.db;
  const site = await getSite(db, id);
  if (!site) notFound();
  const [scans, schedules, searchSets, searchConsole, alerts] = await Promise.all([listSiteScans(db, id, SCANS_SHOWN), listSiteSchedules(db, id), listSiteSearchDataSets(db, id), getSearchConsole(db, id), alertSettingsView(rt, id)]);
  const trend = scans.filter((s) => s.status === "done" && s.authority !== null).reverse();
  return (
    <>
      <p className="breadcrumb">
        <Link href="/">Sites</Link> / {site.name}
      </p>
      <h1>
        <a href={site.url}>{site.url}</a>
      </h1>
      <div className="two-col">
        <section className="panel" aria-labelledby="trend-h">
          <h2 id="trend-h">Topical Authority across scans</h2>
          {trend.length ? (
            <LineChart series={[{ name: "Topical Authority (0-100)", values: trend.map((s) => s.authority as number), color: "#1f5fbf" }]} xLabel="finished scan (oldest first)" yLabel="authority" title="Authority trend" yMin={0} height={220} testId="site-trend" />
          ) : (
            <p className="muted">No finished scan yet: the trend appears after the first scan is done.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="settings-h">
          <h2 id="settings-h">Crawl settings</h2>
          <dl className="metrics">
            <div><dt>Max pages</dt><dd>{site.settings.maxPages ?? "default (500)"}</dd></div>
            <div><dt>Max depth</dt><dd>{site.settings.maxDepth ?? "default (10)"}</dd></div>
            <div><dt>Concurrency</dt><dd>{site.settings.concurrency ?? "default (4)"}</dd></div>
            <div><dt>Sequence model</dt><dd>{site.settings.encoder ?? "default (lstm)"}</dd></div>
            <div><dt>JavaScript rendering</dt><dd>{site.settings.render ?? "default (auto)"}</dd></div>
            <div><dt>Extraction rules</dt><dd>{site.settings.extract && Object.keys(site.settings.extract).length ? Object.entries(site.settings.extract).map(([n, sel]) => <div key={n}><code>{n}={sel}</code></div>) : "none"}</dd></div>
          </dl>
          <h3>Recrawl schedules</h3>
          {schedules.length ? (
            <ul data-testid="schedules">
              {schedules.map((s) => (
                <li key={s.id}>
                  <code>{s.cron}</code> {s.enabled ? `· next run ${when(s.nextRunAt)} UTC` : "· paused"}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No schedule: scans run when you start them. Add the site again with a cron expression to recrawl it regularly.</p>
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="search-h">
        <h2 id="search-h">Search data</h2>
        <p className="muted lead">Clicks, impressions and positions from Search Console, sessions and engagement from GA4, per page. Every scan matches them to its pages and shows them in the pages table.</p>
        {searchSets.length ? (
          <table data-testid="search-data-sets">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Dimensions</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col">Period</th>
                <th scope="col">From</th>
                <th scope="col">Imported</th>
              </tr>
            </thead>
            <tbody>
              {searchSets.map((d) => (
                <tr key={d.id}>
                  <td>{d.source === "gsc" ? "Search Console" : "GA4"}</td>
                  <td>{d.kind === "query-page" ? "queries per page" : d.kind === "query" ? "queries" : "pages"}</td>
                  <td className="num">{d.rowCount}</td>
                  <td>{d.startDate && d.endDate ? `${d.startDate} to ${d.endDate}` : "not stated"}</td>
                  <td>{d.origin === "connector" ? "connector" : (d.fileName ?? d.origin)}</td>
                  <td>{when(d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No search data yet: the site's decisions are made without it. Import an export below, or connect Search Console.</p>
        )}
        <SearchDataUpload siteId={site.id} maxBytes={rt.config.searchDataMaxBytes} />
        <h3>Search Console connector</h3>
        {searchConsole ? (
          <dl className="metrics" data-testid="search-console">
            <div><dt>Property</dt><dd>{searchConsole.property}</dd></div>
            <div><dt>Service account</dt><dd>{searchConsole.clientEmail}</dd></div>
            <div><dt>Period read</dt><dd>last {searchConsole.rangeDays} days</dd></div>
            <div><dt>Last refresh</dt><dd>{searchConsole.lastRefreshAt ? `${when(searchConsole.lastRefreshAt)} UTC (${searchConsole.lastStatus})` : "not yet"}</dd></div>
            <div><dt>Next refresh</dt><dd>{searchConsole.enabled ? `${when(searchConsole.nextRefreshAt)} UTC` : "paused"}</dd></div>
            {searchConsole.lastError && <div><dt>Last error</dt><dd className="error">{searchConsole.lastError}</dd></div>}
          </dl>
        ) : (
          <p className="muted">
            Not connected. Connect a service account with <code>npx topicgate search-data connect --site {site.id} --key-file key.json --property sc-domain:{new URL(site.url).hostname.replace(/^www\./, "")}</code> or <code>PUT /api/v1/sites/{site.id}/search-console</code>; it then refreshes daily.
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="alerts-h">
        <h2 id="alerts-h">Alerts</h2>
        <p className="muted">One digest per scan when a rule fires. Ignored issues never alert.</p>
        <AlertSettingsForm siteId={site.id} initial={alerts} />
        {alerts.recentDeliveries.length > 0 && (
          <ul className="small" data-testid="alert-deliveries">
            {alerts.recentDeliveries.map((d) => (
              <li key={d.id}>
                {when(new Date(d.createdAt))} {d.channel} to {d.target}: {d.state}
                {d.lastError ? ` (${d.lastError})` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel">
        <h2>Scans</h2>
        <table data-testid="site-scans">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col">Trigger</th>
              <th scope="col" className="num">Authority</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {scans.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/scans/${s.id}`}>{when(s.createdAt)}</Link>
                </td>
                <td>
                  <span className={`status ${s.status}`}>{s.status}</span>
                </td>
                <td>{s.trigger}</td>
                <td className="num">{s.authority?.toFixed(0) ?? "-"}</td>
                <td>{when(s.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
