import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { getScan, getScanReport } from "@/lib/db/scans";
import { enqueueScan } from "@/lib/pipeline/scan-jobs";
import { createRuntime, type Runtime } from "@/lib/runtime";
import { chainSite } from "../fixtures/chain-site";
import { createTestSchema } from "../support/postgres";
import { serveSite, type TestSite } from "../support/site-server";
import { startWorkerProcess } from "../support/worker-process";

const PAGES = 60;
/** A worker's warnings and errors, and its info lines about crawling, for a failure message. */
const crawlLog = (log: string) => log.split("\n").filter((l) => !l.includes('"level":30') || /crawl/.test(l)).join("\n").slice(-6000);
/** Short leases, on the workers and on the process that sends the scan job (a job's expiry is set when it is sent). */
const JOB_ENV = { TOPICGATE_JOB_LEASE_MS: "2000", TOPICGATE_JOB_EXPIRE_SECONDS: "10" };

describe("two workers crawl one site on PostgreSQL; one is killed with SIGKILL", () => {
  let site: TestSite;
  let rt: Runtime;
  let pgSchema: Awaited<ReturnType<typeof createTestSchema>>;
  const workers: ReturnType<typeof startWorkerProcess>[] = [];

  beforeAll(async () => {
    // slow enough (about 12 s for one worker) that the second worker joins well before the crawl ends, and wide enough
    // (8 URLs queued at a time) that the first worker, claiming twice its concurrency, leaves URLs for the second
    site = await serveSite(chainSite(PAGES, 400, 8));
    pgSchema = await createTestSchema("tg_two");
    rt = await createRuntime({ config: parseConfig({ ...JOB_ENV, DATABASE_URL: pgSchema.url, TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", LOG_LEVEL: "silent" }), migrate: true });
  });
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    await rt?.close();
    await site?.close();
    await pgSchema?.drop();
  });

  it("finishes the scan with every page exactly once", async () => {
    const env = { ...JOB_ENV, DATABASE_URL: pgSchema.url, TOPICGATE_CRAWL_HELPERS: "1", LOG_LEVEL: "info" };
    workers.push(startWorkerProcess(env), startWorkerProcess(env));
    const scan = await enqueueScan(rt, { url: site.url, maxPages: 100, maxDepth: 50, concurrency: 2 });
    // both workers must be fetching pages of this scan before one of them dies
    const claimers = new Set<string>();
    for (let i = 0; claimers.size < 2; i++) {
      const rows = await rt.db.frontierEntry.findMany({ where: { scanId: scan.id, claimedBy: { not: null } }, select: { claimedBy: true } });
      for (const r of rows) claimers.add((r.claimedBy as string).split(":")[1]);
      if (i > 1200) throw new Error(`only ${claimers.size} worker(s) joined the crawl\n${workers.map((w) => crawlLog(w.log())).join("\n---\n")}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await rt.db.page.count({ where: { scanId: scan.id } })).toBeLessThan(PAGES);
    workers[0].kill("SIGKILL");

    let status = "";
    for (let i = 0; i < 3000 && !["done", "failed"].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await getScan(rt.db, scan.id))?.status ?? "";
    }
    expect(status, workers[1].log()).toBe("done");
    const urls = (await rt.db.page.findMany({ where: { scanId: scan.id }, select: { url: true } })).map((p) => p.url);
    const frontier = await rt.db.frontierEntry.groupBy({ by: ["state"], where: { scanId: scan.id }, _count: true });
    expect(urls, JSON.stringify(frontier) + workers[1].log().slice(-3000)).toHaveLength(PAGES);
    expect(new Set(urls).size).toBe(PAGES);
    const report = (await getScanReport(rt.db, scan.id))!;
    expect(new Set(report.pages.map((p) => p.url)).size).toBe(PAGES);
  });
});
