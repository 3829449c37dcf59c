import { execSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { getScan, getScanReport } from "@/lib/db/scans";
import { enqueueScan } from "@/lib/pipeline/scan-jobs";
import { startWorkerProcess } from "../support/worker-process";
import { createRuntime, type Runtime } from "@/lib/runtime";
import { createTestSchema } from "../support/postgres";
import { serveSite, type TestSite } from "../support/site-server";
import { chainSite } from "../fixtures/chain-site";

const PAGES = 30;

function restartPostgres(): void {
  const version = fs.readdirSync("/etc/postgresql")[0];
  execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main restart`, { stdio: "ignore" });
}

describe("PostgreSQL restarts mid-scan", () => {
  let site: TestSite;
  let rt: Runtime;
  let pgSchema: Awaited<ReturnType<typeof createTestSchema>>;

  beforeAll(async () => {
    site = await serveSite(chainSite(PAGES, 150));
    pgSchema = await createTestSchema("tg_restart");
    rt = await createRuntime({
      config: parseConfig({ DATABASE_URL: pgSchema.url, TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", LOG_LEVEL: "silent" }),
      migrate: true,
    });
  });
  afterAll(async () => {
    const t = Date.now();
    await rt?.close();
    console.log(`runtime closed in ${Date.now() - t} ms`);
    await site?.close();
    await pgSchema?.drop();
  });

  it("reconnects and finishes the scan with every page once", async () => {
    const scan = await enqueueScan(rt, { url: site.url, maxPages: 100, maxDepth: 50, concurrency: 2 });
    const worker = startWorkerProcess({ DATABASE_URL: pgSchema.url });
    for (let i = 0; ; i++) {
      if ((await rt.db.page.count({ where: { scanId: scan.id } })) >= 5) break;
      if (i > 600) throw new Error("the crawl never started");
      await new Promise((r) => setTimeout(r, 100));
    }
    restartPostgres();
    let status = "";
    for (let i = 0; i < 2400 && !["done", "failed"].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await getScan(rt.db, scan.id).catch(() => null))?.status ?? status;
    }
    worker.kill("SIGTERM");
    expect(status, worker.log()).toBe("done");
    expect(worker.log()).not.toMatch(/"level":60/); // nothing fatal
    const report = (await getScanReport(rt.db, scan.id))!;
    expect(report.pages).toHaveLength(PAGES);
    expect(new Set(report.pages.map((p) => p.url)).size).toBe(PAGES);
  });
});
