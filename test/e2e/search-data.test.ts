import fs from "node:fs";
import { gzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { saveChangeReport } from "@/lib/db/change-reports";
import { savePageSearch } from "@/lib/db/page-search";
import { getScanReport } from "@/lib/db/scans";
import { withoutSearchData } from "@/lib/report/search-summary";
import { summarizeChanges, type ChangeReport } from "@/lib/report/change-report";
import { startApp, type RunningApp } from "../support/app-server";
import { seriousAxeViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { browserSession, type BrowserSession } from "../support/session";
import { generateScan } from "../support/generated-scan";

/** The site page's search-data upload and the pages table's search columns, in Chromium. */
describe("search data in the dashboard", () => {
  let app: RunningApp;
  let browser: Browser;
  let session: BrowserSession;
  let dataDir = "";
  let scanId = "";
  let siteId = "";
  let urls: string[] = [];
  let changeId = "";
  const consoleErrors: string[] = [];

  async function open(p: string): Promise<Page> {
    const page = await session.context.newPage();
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(`${p}: ${m.text()}`));
    page.on("pageerror", (e) => consoleErrors.push(`${p}: ${e.message}`));
    await page.goto(app.url + p);
    return page;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "topicgate-search-e2e-"));
    const file = path.join(dataDir, "topicgate.db");
    await migrate({ databaseKind: "sqlite", databaseUrl: file });
    const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
    ({ scanId, siteId, urls } = await generateScan(db, 40));
    // the scan's pages as a scan with Search Console data stores them
    await savePageSearch(db, scanId, urls.map((url, i) => ({ url, clicks: i < 3 ? 100 - i * 10 : 0, impressions: i < 10 ? 1000 - i * 50 : 0, ctr: i < 3 ? (100 - i * 10) / (1000 - i * 50) : 0, position: i < 10 ? 2 + i * 1.5 : null, queries: 0, sessions: i < 5 ? 50 - i : 0, engagementRate: i < 5 ? 0.5 : null })));
    const d = (previous: number, current: number) => ({ previous, current, delta: current - previous });
    const changes: ChangeReport = {
      scanId, previousScanId: "earlier-scan", siteUrl: "https://gen-40.example/", pagesAdded: [], pagesRemoved: [], pagesChanged: [], statusChanges: [],
      topicDrift: { matched: [], appeared: [], vanished: [], split: [], merged: [], movedPages: [] }, newOffTopic: [], newOrphans: [], linksLost: [], linksGained: [],
      scoreDeltas: { authority: d(60, 61.5), core: d(70, 70), input: d(55, 55), forget: d(80, 80), output: d(45, 45) },
      searchDeltas: { previous: { startDate: "2026-09-01", endDate: "2026-09-28" }, current: { startDate: "2026-10-01", endDate: "2026-10-28" }, pages: [{ url: urls[0], clicks: d(60, 100), impressions: d(900, 1000) }] },
    };
    // the generated report, with the search statement a scan without search data writes
    const report = { ...((await getScanReport(db, scanId)) as object), searchData: withoutSearchData() };
    await db.scan.update({ where: { id: scanId }, data: { report: gzipSync(JSON.stringify(report)) } });
    changeId = (await saveChangeReport(db, { scanId, siteId, previousScanId: "earlier-scan", summary: summarizeChanges(changes), data: changes })).id;
    await db.$disconnect();
    app = await startApp({ DATA_DIR: dataDir });
    browser = await launchBrowser();
    session = await browserSession(app, browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("site page: uploads a Search Console export and says how its rows match the latest scan", async () => {
    const page = await open(`/sites/${siteId}`);
    await expect.poll(() => page.getByText("No search data yet").count()).toBe(1);
    await page.getByRole("button", { name: "Import search data" }).click();
    await expect.poll(() => page.locator("#search-upload-error").textContent()).toMatch(/Choose an export file/);
    const csv = ["Top pages,Clicks,Impressions,CTR,Position", `${urls[0]},100,1000,10%,2`, `${urls[1]},90,950,9.5%,3.5`, "https://gen-40.example/missing,4,40,10%,8"].join("\n");
    await page.getByLabel("Export file").setInputFiles({ name: "Pages.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByLabel("First day").fill("2026-10-01");
    await page.getByLabel("Last day").fill("2026-10-28");
    await page.getByRole("button", { name: "Import search data" }).click();
    await expect.poll(() => page.locator("#search-upload-done").textContent(), { timeout: 20_000 }).toMatch(/Imported 3 Search Console rows \(page\)\. 2 of 3 page rows match 2 pages of the latest scan; 1 do not\./);
    await expect.poll(() => page.getByTestId("search-data-sets").textContent()).toMatch(/Search Console.*pages.*3.*2026-10-01 to 2026-10-28.*Pages\.csv/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByLabel("Export file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from("name,age\nbob,3\n") });
    await page.getByRole("button", { name: "Import search data" }).click();
    await expect.poll(() => page.locator("#search-upload-error").textContent()).toMatch(/Not a Search Console export/);
  });

  it("pages table: clicks, impressions, CTR, position, sessions and engagement columns (and the page detail), sorted and filtered by the database", async () => {
    const page = await open(`/scans/${scanId}/pages?sort=clicks&dir=desc`);
    const table = page.getByTestId("pages-view-table");
    await expect.poll(() => table.locator("th").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Clicks/), expect.stringMatching(/^Impressions/), expect.stringMatching(/^CTR/), expect.stringMatching(/^Position/), expect.stringMatching(/^Sessions/), expect.stringMatching(/^Engagement/)]));
    const firstRow = await table.locator("tbody tr").first().textContent();
    expect(firstRow).toContain(urls[0]);
    expect(firstRow).toMatch(/100.*1000.*10\.0%.*2\.0.*50.*50%/);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const detail = await open(`/scans/${scanId}/pages/detail?url=${encodeURIComponent(urls[0])}`);
    await expect.poll(() => detail.getByTestId("page-metrics").textContent()).toMatch(/Search clicks100Impressions1000CTR10\.0%Avg\. position2\.0.*Sessions \(GA4\)50, 50% engaged/);
    const withClicks = await open(`/scans/${scanId}/pages?search=clicks`);
    await expect.poll(() => withClicks.getByTestId("pages-view-table").locator("tbody tr").count()).toBe(3);
    const csv = await (await session.fetch(`/api/ui/scans/${scanId}/export?table=pages&search=quick-win`)).text();
    expect(csv.split("\r\n")[0]).toMatch(/clicks,impressions,ctr,position/);
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 6); // positions 8 to 15.5
  });

  it("overview: says the decisions were made without search data", async () => {
    const page = await open(`/scans/${scanId}`);
    await expect.poll(() => page.getByTestId("search-statement").textContent()).toMatch(/^The decisions in this report were made without search data/);
  });

  it("change report: each page's clicks and impressions between the two periods", async () => {
    const page = await open(`/changes/${changeId}`);
    await expect.poll(() => page.getByTestId("search-deltas").textContent()).toMatch(/60 → 100\+40900 → 1000\+100/);
    expect(await page.getByText("Search data of 2026-09-01 to 2026-09-28 compared with 2026-10-01 to 2026-10-28.").count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it("logged no console error (but the refused upload's 400, which the test asked for)", () => {
    expect(consoleErrors.filter((e) => !/status of 400 \(Bad Request\)/.test(e))).toEqual([]);
    expect(consoleErrors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
  });
});
