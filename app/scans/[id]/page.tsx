import Link from "next/link";
import { notFound } from "next/navigation";
import { pageTable } from "@/lib/db/pages";
import { getScan } from "@/lib/db/scans";
import { sharedRuntime } from "@/lib/runtime";
import { ScanLive } from "../../components/ScanLive";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

export default async function ScanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const { id } = await params;
  const { page: pageParam } = await searchParams;
  const db = (await sharedRuntime()).db;
  const scan = await getScan(db, id);
  if (!scan) notFound();
  const page = Math.max(1, Number(pageParam) || 1);
  const table = scan.status === "done" ? await pageTable(db, id, { page, pageSize: PAGE_SIZE }) : null;
  const pages = table ? Math.max(1, Math.ceil(table.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1>
        Scan of <a href={scan.url}>{scan.url}</a>
      </h1>
      <ScanLive initial={{ id: scan.id, status: scan.status, progress: scan.progress as never, error: scan.error }} />
      {scan.status === "done" && (
        <section className="panel">
          <div className="stats">
            <div className="stat">
              <strong data-testid="authority">{scan.authority?.toFixed(0) ?? "-"}</strong>Topical Authority
            </div>
            <div className="stat">
              <strong data-testid="page-count">{table?.total ?? 0}</strong>pages crawled
            </div>
            <div className="stat">
              <strong>{scan.encoder ? String((scan.encoder as { backend?: string }).backend) : "-"}</strong>encoder backend
            </div>
          </div>
        </section>
      )}
      {table && (
        <section className="panel">
          <h2>Pages</h2>
          <table data-testid="pages-table">
            <thead>
              <tr>
                <th>URL</th>
                <th>Title</th>
                <th className="num">Status</th>
                <th className="num">Depth</th>
                <th className="num">Words</th>
                <th className="num">Inlinks</th>
                <th>Action</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.url}>
                  <td>
                    <a href={r.url}>{r.url}</a>
                  </td>
                  <td>{r.title ?? ""}</td>
                  <td className="num">{r.status}</td>
                  <td className="num">{r.depth}</td>
                  <td className="num">{r.wordCount}</td>
                  <td className="num">{r.inlinks ?? "-"}</td>
                  <td>{r.forgetAction ?? "-"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="pager" aria-label="Pages table pagination">
            {page > 1 && <Link href={`/scans/${id}?page=${page - 1}`}>Previous</Link>}
            <span className="muted">
              Page {page} of {pages}
            </span>
            {page < pages && <Link href={`/scans/${id}?page=${page + 1}`}>Next</Link>}
          </nav>
        </section>
      )}
    </>
  );
}
