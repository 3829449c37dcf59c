import Link from "next/link";
import { listChangeReportsPage } from "@/lib/db/change-reports";
import { listSites } from "@/lib/db/sites";
import { sharedRuntime } from "@/lib/runtime";
import { currentSession } from "../dashboard-session";

export const dynamic = "force-dynamic";

/** Change reports shown on this page; older ones are in the API (GET /api/v1/sites/{id}/changes). */
const SHOWN = 100;

export default async function ChangesPage() {
  const { workspaceId } = await currentSession();
  const db = (await sharedRuntime()).db;
  const [reports, sites] = await Promise.all([listChangeReportsPage(db, { workspaceId, take: SHOWN }), listSites(db, workspaceId)]);
  const siteUrl = new Map(sites.map((s) => [s.id, s.url]));
  return (
    <>
      <h1>Changes between scans</h1>
      <section className="panel">
        {reports.length === 0 ? (
          <p className="muted">No change report yet. A site gets one from its second finished scan on (schedule recrawls through the API).</p>
        ) : (
          <table data-testid="changes-table">
            <thead>
              <tr>
                <th>Site</th>
                <th>Compared</th>
                <th className="num">Added</th>
                <th className="num">Removed</th>
                <th className="num">Changed</th>
                <th className="num">Links lost</th>
                <th className="num">Authority</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>{siteUrl.get(r.siteId) ?? r.siteId}</td>
                  <td>
                    <Link href={`/changes/${r.id}`}>{r.createdAt.toISOString().slice(0, 16).replace("T", " ")}</Link>
                  </td>
                  <td className="num">{r.summary.pagesAdded ?? 0}</td>
                  <td className="num">{r.summary.pagesRemoved ?? 0}</td>
                  <td className="num">{r.summary.pagesChanged ?? 0}</td>
                  <td className="num">{r.summary.linksLost ?? 0}</td>
                  <td className="num">{(r.summary.authorityDelta ?? 0) >= 0 ? "+" : ""}{(r.summary.authorityDelta ?? 0).toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
