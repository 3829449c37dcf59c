import { notFound } from "next/navigation";
import { getScan, type ScanRow } from "@/lib/db/scans";
import type { Db } from "@/lib/db/client";
import { sharedRuntime } from "@/lib/runtime";
import { requireOwned } from "../../dashboard-session";

/** The database and the scan a view of /scans/[id] is about (404 for an unknown id or another workspace's scan). */
export async function scanContext(params: Promise<{ id: string }>): Promise<{ db: Db; scan: ScanRow; base: string }> {
  const { id } = await params;
  await requireOwned("scan", id);
  const db = (await sharedRuntime()).db;
  const scan = await getScan(db, id);
  if (!scan) notFound();
  return { db, scan, base: `/scans/${scan.id}` };
}
