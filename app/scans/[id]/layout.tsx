import Link from "next/link";
import { ScanNav } from "../../components/ScanNav";
import { scanContext } from "./scan-context";

export const dynamic = "force-dynamic";

export default async function ScanLayout({ params, children }: { params: Promise<{ id: string }>; children: React.ReactNode }) {
  const { scan, base } = await scanContext(params);
  return (
    <>
      <p className="breadcrumb">
        <Link href="/">Sites</Link> / <Link href={`/sites/${scan.siteId}`}>{new URL(scan.url).host}</Link> / scan of {scan.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
      </p>
      <h1>
        Audit of <a href={scan.url}>{scan.url}</a>
      </h1>
      {scan.status === "done" && <ScanNav base={base} />}
      {children}
    </>
  );
}
