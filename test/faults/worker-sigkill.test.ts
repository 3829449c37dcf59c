import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { getScan, getScanReport } from "@/lib/db/scans";
import { enqueueScan } from "@/lib/pipeline/scan-jobs";
import { createRuntime, type Runtime } from "@/lib/runtime";
import { serveSite, type TestSite } from "../support/site-server";
import { chainSite } from "../fixtures/chain-site";
import { startWorkerProcess } from "../support/worker-process";

const PAGES = 40;

function startWorker(dataDir: string): ChildProcess {
  return startWorkerProcess({ DATA_DIR: dataDir, TOPICGATE_JOB_LEASE_MS: "1500" });
}

describe("worker killed with SIGKILL mid-scan", () => {
  let site: TestSite;
  let rt: Runtime;
  let dataDir: string;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    site = await serveSite(chainSite(PAGES, 120));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-resume-"));
    rt = await createRuntime({ config: parseConfig({ DATA_DIR: dataDir, TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", LOG_LEVEL: "silent" }), migrate: true });
  });

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
    await rt?.close();
    await site?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("resumes in a new worker and finishes with every page exactly once", async () => {
    const scan = await enqueueScan(rt, { url: site.url, maxPages: 100, maxDepth: 50, concurrency: 2 });
    const first = startWorker(dataDir);
    workers.push(first);
    // wait until the crawl is under way with some pages stored, then kill the worker without warning
    for (let i = 0; ; i++) {
      const stored = await rt.db.page.count({ where: { scanId: scan.id } });
      if (stored >= 5) break;
      if (i > 600) throw new Error("the first worker never started crawling");
      await new Promise((r) => setTimeout(r, 100));
    }
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const mid = await rt.db.page.count({ where: { scanId: scan.id } });
    expect(mid).toBeLessThan(PAGES);

    workers.push(startWorker(dataDir));
    let status = "";
    for (let i = 0; i < 1800; i++) {
      status = (await getScan(rt.db, scan.id))?.status ?? "";
      if (["done", "failed", "cancelled"].includes(status)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe("done");
    const urls = (await rt.db.page.findMany({ where: { scanId: scan.id }, select: { url: true } })).map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
    const report = (await getScanReport(rt.db, scan.id))!;
    expect(report.pages).toHaveLength(PAGES);
    expect(new Set(report.pages.map((p) => p.url)).size).toBe(PAGES);
    const job = await rt.db.job.findFirst({ where: { singletonKey: `scan:${scan.id}` } });
    // the killed worker's attempt and the resuming one, nothing more
    expect(job?.attempts, `${job?.lastError}`).toBe(2);
    expect(job?.state).toBe("completed");
  }, 240_000);
});
