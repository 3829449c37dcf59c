import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultCrawlOptions, runCrawl } from "@/lib/crawl";
import { createScan } from "@/test/support/crawl-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { serveSite, type TestSite } from "@/test/support/site-server";
import { crawlStore } from "@/lib/db/crawl-store";

const PAGES = 40;
const page = (i: number) => {
  const next = [2 * i + 1, 2 * i + 2].filter((n) => n < PAGES);
  return `<html><body><main><p>Page number ${i} text.</p>${next.map((n) => `<a href="/p${n}">p${n}</a>`).join(" ")}</main></body></html>`;
};

let site: TestSite | undefined;
let tdb: TestDatabase | undefined;
afterEach(async () => {
  await site?.close();
  await tdb?.close();
});

async function waitFor(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("resumable crawl", () => {
  it("continues after the worker is SIGKILLed mid-crawl: every page exactly once, frontier fully done", async () => {
    site = await serveSite({});
    site.routes.set("/", { body: `<html><body><a href="/p0">start</a></body></html>` });
    for (let i = 0; i < PAGES; i++) site.routes.set(`/p${i}`, { body: page(i), delayMs: 120 });
    tdb = await createTestDatabase();
    const db = tdb.db;
    const scanId = await createScan(db, site.url);

    const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "../../support/crawl-child.ts"), tdb.file, scanId, site.url, "3"], {
      cwd: path.resolve(__dirname, "../../.."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
    await waitFor(async () => (await db.page.count({ where: { scanId } })) >= 8, 30_000).catch((e) => {
      throw new Error(`${e.message}; child stderr: ${stderr}`);
    });
    // kill while requests are in flight (pages answer after 120 ms, 3 at a time)
    await waitFor(async () => (await db.frontierEntry.count({ where: { scanId, state: "fetching" } })) > 0, 5_000);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const before = await db.page.count({ where: { scanId } });
    expect(before).toBeLessThan(PAGES + 1);
    expect(await db.frontierEntry.count({ where: { scanId, state: "fetching" } })).toBeGreaterThan(0);

    const summary = await runCrawl(crawlStore(db), scanId, defaultCrawlOptions(site.url, { allowPrivate: true, concurrency: 3, maxPages: 10_000 }), {
      workerId: "second-worker",
      leaseMs: 300,
    });
    expect(summary.stoppedBy).toBe("done");
    const pages = await db.page.findMany({ where: { scanId }, select: { url: true, depth: true } });
    const urls = pages.map((p) => new URL(p.url).pathname);
    expect(urls).toHaveLength(PAGES + 1);
    expect(new Set(urls).size).toBe(PAGES + 1);
    for (let i = 0; i < PAGES; i++) expect(urls).toContain(`/p${i}`);
    const states = await db.frontierEntry.groupBy({ by: ["state"], where: { scanId }, _count: true });
    expect(states).toEqual([{ state: "done", _count: PAGES + 1 }]);
    // every link row belongs to a stored page, and no page's links were stored twice
    const linkRows = await db.link.findMany({ where: { scanId }, select: { fromUrl: true, toUrl: true } });
    const keys = linkRows.map((l) => `${l.fromUrl} ${l.toUrl}`);
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);

  it("lets two workers share one scan without fetching a page twice", async () => {
    site = await serveSite({ "/": `<html><body><a href="/p0">start</a></body></html>` });
    for (let i = 0; i < PAGES; i++) site.routes.set(`/p${i}`, { body: page(i), delayMs: 20 });
    tdb = await createTestDatabase();
    const scanId = await createScan(tdb.db, site.url);
    const opts = defaultCrawlOptions(site.url, { allowPrivate: true, concurrency: 3 });
    const [a, b] = await Promise.all([runCrawl(crawlStore(tdb.db), scanId, opts, { workerId: "a" }), runCrawl(crawlStore(tdb.db), scanId, opts, { workerId: "b" })]);
    expect(a.stoppedBy).toBe("done");
    expect(b.stoppedBy).toBe("done");
    const fetched = site.requests.filter((r) => r.startsWith("/p"));
    expect(fetched).toHaveLength(PAGES);
    expect(await tdb.db.page.count({ where: { scanId } })).toBe(PAGES + 1);
  }, 60_000);

  it("stops two workers sharing a scan at the page cap together", async () => {
    site = await serveSite({ "/": `<html><body><a href="/p0">start</a></body></html>` });
    for (let i = 0; i < PAGES; i++) site.routes.set(`/p${i}`, { body: page(i), delayMs: 20 });
    tdb = await createTestDatabase();
    for (const maxPages of [1, 2, 7]) {
      const scanId = await createScan(tdb.db, site.url);
      const opts = defaultCrawlOptions(site.url, { allowPrivate: true, concurrency: 3, maxPages });
      const runs = await Promise.all([runCrawl(crawlStore(tdb.db), scanId, opts, { workerId: "a" }), runCrawl(crawlStore(tdb.db), scanId, opts, { workerId: "b" })]);
      expect(runs.map((r) => r.stoppedBy)).toEqual(["maxPages", "maxPages"]);
      expect(await tdb.db.page.count({ where: { scanId } })).toBe(maxPages);
    }
  }, 60_000);
});
