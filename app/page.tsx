import Link from "next/link";
import { listSites } from "@/lib/db/sites";
import { sharedRuntime } from "@/lib/runtime";
import { AddSiteForm } from "./components/AddSiteForm";
import { Sparkline } from "./components/charts";
import { currentSession } from "./dashboard-session";

export const dynamic = "force-dynamic";

export default async function SitesPage() {
  const { workspaceId } = await currentSession();
  const sites = await listSites((await sharedRuntime()).db, workspaceId);
  return (
    <>
      <h1>Sites</h1>
      <section className="panel">
        <h2>Audit a site</h2>
        <AddSiteForm />
      </section>
      <section className="panel">
        <h2>Your sites</h2>
        {sites.length === 0 ? (
          <p className="muted">No site yet. Enter a site&apos;s address above to run its first audit.</p>
        ) : (
          <table data-testid="sites-table">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Latest scan</th>
                <th scope="col" className="num">Authority</th>
                <th scope="col">Trend</th>
                <th scope="col" className="num">Scans</th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/sites/${s.id}`}>{s.url}</Link>
                  </td>
                  <td>
                    {s.latest ? (
                      <Link href={`/scans/${s.latest.id}`}>
                        <span className={`status ${s.latest.status}`}>{s.latest.status}</span> {s.latest.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                      </Link>
                    ) : (
                      "-"
                    )}
                  </td>
                  <td className="num score-cell">{s.latest?.authority != null ? s.latest.authority.toFixed(0) : "-"}</td>
                  <td>
                    <Sparkline values={s.authorityTrend} label={`Authority of the last ${s.authorityTrend.length} finished scans of ${s.url}: ${s.authorityTrend.map((v) => v.toFixed(0)).join(", ")}`} />
                  </td>
                  <td className="num">{s.scanCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
