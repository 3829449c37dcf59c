import Link from "next/link";
import { notFound } from "next/navigation";
import { listSiteScans, listSiteSchedules } from "@/lib/db/site-setup";
import { getSite } from "@/lib/db/sites";
import { sharedRuntime } from "@/lib/runtime";
import { LineChart } from "../../components/charts";

export const dynamic = "force-dynamic";

/** Scans listed on a site's page (the trend uses the finished ones among them). */
const SCANS_SHOWN = 50;

function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace("T", " ") : "-";
}

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = (await sharedRuntime()).db;
  const site = await getSite(db, id);
  if (!site) notFound();
  const [scans, schedules] = await Promise.all([listSiteScans(db, id, SCANS_SHOWN), listSiteSchedules(db, id)]);
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
