import { parseConfig } from "@/lib/config";
import { getScanReport } from "@/lib/db/scans";
import { runScan } from "@/lib/pipeline/run-scan";
import { createScanRecord } from "@/lib/pipeline/scan-jobs";
import type { ScanReport } from "@/lib/report/scan-report";
import { createRuntime, type Runtime } from "@/lib/runtime";

/** A real runtime (database client, embedded queue, logger) on a test database file, as a worker or web server has. */
export function testRuntime(file: string, env: Record<string, string> = {}): Promise<Runtime> {
  const config = parseConfig({ DATABASE_URL: `file:${file}`, LOG_LEVEL: "silent", TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", ...env });
  return createRuntime({ config });
}

/** A whole scan of `url` run in this process (crawl, encode, analyse, report), as the CLI runs it; fails unless it finishes. */
export async function scanToReport(rt: Runtime, url: string): Promise<{ id: string; siteId: string; report: ScanReport }> {
  const record = await createScanRecord(rt, { url, maxPages: 50, allowPrivate: true, trigger: "manual" });
  const done = await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, record.id);
  if (done.status !== "done") throw new Error(`scan ${done.id} ended ${done.status}`);
  return { id: done.id, siteId: done.siteId, report: (await getScanReport(rt.db, done.id)) as ScanReport };
}
