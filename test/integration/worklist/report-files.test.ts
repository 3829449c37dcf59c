import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readExcelFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportResponse, reportRouteResponse } from "@/lib/api/report-files";
import { runScan } from "@/lib/pipeline/run-scan";
import { createScanRecord } from "@/lib/pipeline/scan-jobs";
import { EXPORT_TABLES } from "@/lib/report/exports";
import type { Runtime } from "@/lib/runtime";
import { worklistSite } from "../../fixtures/worklist-site";
import { launchBrowser } from "../../support/browser";
import { parseCsv } from "../../support/csv";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";

/** The files a report is shared as, made from a real scan and read back the way their readers would. */
describe("reports to share", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;
  let scanId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = await testRuntime(t.file, { TOPICGATE_ENCODER_TIME_BUDGET_MS: "3000" });
    site = await serveSite(worklistSite());
    const record = await createScanRecord(rt, { url: site.url, maxPages: 50, allowPrivate: true, trigger: "manual" });
    scanId = (await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, record.id)).id;
  }, 300_000);
  afterAll(async () => {
    await site.close();
    await rt.close();
    await t.close();
  });

  it("writes an XLSX workbook with one sheet per table holding the same rows as each table's CSV export", async () => {
    const xlsx = await exportResponse(rt, scanId, { format: "xlsx" });
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const sheets = await readExcelFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual([...EXPORT_TABLES]);
    // CSV writes empty for null and guards formula-like text with a leading '; the workbook keeps typed values
    const asCsvCell = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v));
    let compared = 0;
    for (const table of EXPORT_TABLES) {
      const csv = parseCsv(await (await exportResponse(rt, scanId, { table, format: "csv" })).text());
      const data = sheets.find((s) => s.sheet === table)!.data;
      const rows = csv.filter((r) => !(r.length === 1 && r[0] === ""));
      expect(data.map((r) => r.map(asCsvCell)), table).toEqual(rows);
      compared += rows.length;
    }
    expect(compared).toBeGreaterThan(50);
    const issues = sheets.find((s) => s.sheet === "issues")!.data;
    expect(issues[0]).toEqual(["code", "severity", "title", "status", "pageUrl", "key", "detail", "howToFix"]);
    expect(issues.some((r) => r[0] === "broken_link" && r[4] === new URL("/garden/roses", site.url).href)).toBe(true);
  });

  it("serves one HTML file that opens offline in Chromium without a single network request, and prints it to PDF", { timeout: 120_000 }, async () => {
    const res = await reportRouteResponse(rt, scanId, new Request("http://local/"), "html");
    const html = await res.text();
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "topicgate-report-"));
    const file = path.join(dir, "report.html");
    fs.writeFileSync(file, html);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route("**/*", (route) => {
        requests.push(route.request().url());
        return route.request().url().startsWith("file://") ? route.continue() : route.abort();
      });
      await page.goto(`file://${file}`, { waitUntil: "load" });
      expect(requests).toEqual([`file://${file}`]);
      expect(await page.locator("svg").count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator("h1").textContent()).toContain(site.url);
      expect(await page.locator('tr[data-code="broken_link"]').textContent()).toContain("Broken internal links");
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const pdf = Buffer.from(await (await reportRouteResponse(rt, scanId, new Request("http://local/"), "pdf")).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/Type\s*\/Page\b/);
    expect(pdf.length).toBeGreaterThan(10_000);
  });
});
