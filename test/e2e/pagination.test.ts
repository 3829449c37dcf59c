import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app-server";
import type { BrowserSession } from "../support/session";
import { startGeneratedScanApp, type GeneratedScanApp } from "../support/generated-app";

const PAGES = 20_000;

/** The pages table of a 20,000-page scan is paginated, sorted, filtered and searched by the database, not the browser. */
describe("server-side pagination on a 20,000-page scan", () => {
  let env: GeneratedScanApp;
  let app: RunningApp;
  let session: BrowserSession;
  let base = "";

  beforeAll(async () => {
    env = await startGeneratedScanApp(PAGES, "topicgate-pagination-");
    ({ app, session, base } = env);
  });

  afterAll(async () => {
    await env?.close();
  });

  it("sends one page of 50 rows and the total", async () => {
    const response = await session.fetch(`${base}/pages`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain(`1–50 of ${PAGES.toLocaleString("en")}`);
    // 50 rows, not 20,000: the HTML stays small
    expect(html.length).toBeLessThan(400_000);
  });

  it("pages through the table, sorts, filters and searches through URL parameters", async () => {
    const page = await session.context.newPage();
    await page.goto(app.url + `${base}/pages`);
    const rows = page.getByTestId("pages-view-table").locator("tbody tr");
    expect(await rows.count()).toBe(50);
    await page.getByRole("link", { name: "Next →" }).click();
    await page.waitForURL(/page=2/);
    expect(await page.getByTestId("pages-view-table-count").textContent()).toBe(`51–100 of ${PAGES.toLocaleString("en")}`);
    await page.goto(app.url + `${base}/pages?page=400`);
    expect(await page.getByTestId("pages-view-table-count").textContent()).toBe(`19,951–20,000 of ${PAGES.toLocaleString("en")}`);
    expect(await rows.count()).toBe(50);
    await page.goto(app.url + `${base}/pages`);
    await page.getByRole("link", { name: /^Words/ }).click();
    await page.waitForURL(/sort=wordCount/);
    const words = (await rows.locator("td:nth-child(3)").allTextContents()).map(Number);
    expect(words).toEqual([...words].sort((a, b) => b - a));
    await page.getByLabel("Action").selectOption("prune");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/action=prune/);
    expect(await page.getByTestId("pages-view-table-count").textContent()).toBe(`1–50 of ${(PAGES / 8).toLocaleString("en")}`);
    await page.getByLabel("Search URL or title").fill("page-0012");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=page-0012/);
    const urls = await rows.locator("td:first-child .small").allTextContents();
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u).toContain("page-0012");
    await page.close();
  });

  it("exports every matching row as CSV, not only the page shown", async () => {
    const csv = await (await session.fetch(`/api/ui/scans/${base.split("/").pop()}/export?table=pages&action=prune`)).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^url,/);
    expect(lines.length).toBe(PAGES / 8 + 1);
  });
});
