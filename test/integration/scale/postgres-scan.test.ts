import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { getScan, getScanReport } from "@/lib/db/scans";
import { enqueueScan, startScanWorker } from "@/lib/pipeline/scan-jobs";
import { PgBossQueue } from "@/lib/queue/pg-boss-queue";
import { createRuntime, type Runtime } from "@/lib/runtime";
import { SMALL_SITE } from "../../fixtures/small-site";
import { createTestSchema } from "../../support/postgres";
import { serveSite, type TestSite } from "../../support/site-server";

describe("scale-out mode: PostgreSQL + pg-boss", () => {
  let site: TestSite;
  let rt: Runtime;
  let pgSchema: Awaited<ReturnType<typeof createTestSchema>>;

  beforeAll(async () => {
    site = await serveSite(SMALL_SITE);
    pgSchema = await createTestSchema("tg_scan");
    rt = await createRuntime({ config: parseConfig({ DATABASE_URL: pgSchema.url, TOPICGATE_ALLOW_PRIVATE_HOSTS: "1", LOG_LEVEL: "silent" }), migrate: true });
  });
  afterAll(async () => {
    await rt?.close();
    await site?.close();
    await pgSchema?.drop();
  });

  it("selects pg-boss for DATABASE_URL=postgresql:// and runs a queued scan to done", async () => {
    expect(rt.config.databaseKind).toBe("postgresql");
    expect(rt.queue).toBeInstanceOf(PgBossQueue);
    const scan = await enqueueScan(rt, { url: site.url, maxPages: 50 });
    startScanWorker(rt, "pg-worker-1");
    let status = "";
    for (let i = 0; i < 1200 && !["done", "failed"].includes(status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await getScan(rt.db, scan.id))?.status ?? "";
    }
    expect(status).toBe("done");
    const report = (await getScanReport(rt.db, scan.id))!;
    expect(report.pages.map((p) => p.url).sort()).toEqual(Object.keys(SMALL_SITE).map((p) => new URL(p, site.url).href).sort());
  }, 180_000);
});
