import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApp, type RunningApp } from "../support/app-server";
import { seriousAxeViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { browserSession, type BrowserSession } from "../support/session";
import { serveSite, type TestSite } from "../support/site-server";
import { SMALL_SITE } from "../fixtures/small-site";

/** Every dashboard view on real data: one scan of the small fixture site, added through the form. */
describe("dashboard views in Chromium", () => {
  let app: RunningApp;
  let site: TestSite;
  let browser: Browser;
  let session: BrowserSession;
  let scanUrl = "";
  const consoleErrors: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await session.context.newPage();
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(`${path}: ${m.text()}`));
    page.on("pageerror", (e) => consoleErrors.push(`${path}: ${e.message}`));
    await page.goto(app.url + path);
    return page;
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    // slow pages and one request at a time: the crawl lasts several of the dashboard's 1 s polls
    site = await serveSite(Object.fromEntries(Object.entries(SMALL_SITE).map(([p, html]) => [p, { body: html, delayMs: 600 }])));
    app = await startApp();
    browser = await launchBrowser();
    session = await browserSession(app, browser);
  });

  afterAll(async () => {
    if (consoleErrors.length) console.log(app?.output().split("\n").filter((l) => /error|Error|⨯/.test(l)).slice(0, 40).join("\n"));
    await browser?.close();
    await app?.stop();
    await site?.close();
  });

  it("adds a site with crawl settings and a schedule, and shows the progress moving", async () => {
    const page = await open("/");
    await expectAccessible(page);
    await page.getByLabel("Site URL").fill(site.url);
    await page.getByLabel("Max pages").fill("50");
    await page.getByLabel("Concurrency").fill("1");
    await page.getByLabel(/Recrawl schedule/).fill("not a cron");
    await page.getByRole("button", { name: "Scan site" }).click();
    await expect.poll(() => page.locator("#add-site-error").textContent()).toMatch(/cron/i);
    await page.getByLabel(/Recrawl schedule/).fill("0 6 * * 1");
    await page.getByRole("button", { name: "Scan site" }).click();
    await page.waitForURL(/\/scans\/[a-z0-9]+$/);
    scanUrl = new URL(page.url()).pathname;
    await expectAccessible(page);
    const seen = new Set<string>();
    const crawlCounts = new Set<string>();
    let sawLoss = false;
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      const s = (await page.getByTestId("scan-status").textContent()) ?? "";
      seen.add(s);
      if (s === "crawling") crawlCounts.add((await page.getByTestId("phase-crawling").textContent()) ?? "");
      if (s === "encoding" && (await page.getByTestId("loss-chart").count())) sawLoss = true;
      if (["done", "failed", "cancelled"].includes(s)) break;
      await page.waitForTimeout(250);
    }
    expect(seen.has("done")).toBe(true);
    expect(seen.has("crawling")).toBe(true);
    // the crawl phase's counts changed while it ran (live progress, not a static page)
    expect(crawlCounts.size).toBeGreaterThan(1);
    expect([...crawlCounts].some((t) => /pages\/s/.test(t))).toBe(true);
    // encoding a 10-page site can pass between two polls; its loss history must be recorded either way
    const progress = await (await session.fetch("/api/ui/scans/" + scanUrl.split("/").pop())).json();
    expect(sawLoss || (progress.progress.encode?.lossHistory?.length ?? 0) > 0).toBe(true);
    await page.getByTestId("authority").waitFor();
    await page.close();
  });

  it("overview: the authority score and each gate with its explanation and top actions", async () => {
    const page = await open(scanUrl);
    const authority = Number(await page.getByTestId("authority").textContent());
    expect(authority).toBeGreaterThanOrEqual(0);
    expect(authority).toBeLessThanOrEqual(100);
    expect((await page.getByTestId("site-explanation").textContent())?.length).toBeGreaterThan(20);
    for (const gate of ["core", "input", "forget", "output"]) {
      const text = (await page.getByTestId(`gate-${gate}`).textContent()) ?? "";
      expect(text).toMatch(/Top actions/);
      expect(text).toMatch(/\?/); // the question the gate answers
    }
    expect(await page.getByTestId("gate-core").textContent()).toMatch(/gardening|garden|tomato|rose|compost|sky|star|planet|moon|telescope/i);
    await expectAccessible(page);
    await page.close();
  });

  it("sites: the site with its score, trend and schedule", async () => {
    const page = await open("/");
    const row = page.getByTestId("sites-table").locator("tr", { hasText: site.url });
    expect(await row.locator(".score-cell").textContent()).toMatch(/^\d+$/);
    expect(await row.locator("svg.sparkline").count()).toBe(1);
    await row.getByRole("link", { name: site.url }).click();
    await page.waitForURL(/\/sites\//);
    expect(await page.getByTestId("schedules").textContent()).toContain("0 6 * * 1");
    expect(await page.getByTestId("site-scans").locator("tbody tr").count()).toBe(1);
    await page.getByTestId("site-trend").waitFor();
    await expectAccessible(page);
    await page.close();
  });

  it("pages table: sorts, filters, searches and paginates through the URL, and exports CSV", async () => {
    const page = await open(`${scanUrl}/pages`);
    const table = page.getByTestId("pages-view-table");
    expect(await table.locator("tbody tr").count()).toBe(Object.keys(SMALL_SITE).length);
    await expectAccessible(page);
    await page.getByLabel("Search URL or title").fill("tomatoes");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=tomatoes/);
    expect(await table.locator("tbody tr").count()).toBe(1);
    expect(await table.textContent()).toContain("/garden/tomatoes");
    await page.goto(app.url + `${scanUrl}/pages?sort=wordCount&dir=asc`);
    const words = (await page.getByTestId("pages-view-table").locator("tbody tr td:nth-child(3)").allTextContents()).map(Number);
    expect(words).toEqual([...words].sort((a, b) => a - b));
    const csv = await (await session.fetch(`/api/ui/scans/${scanUrl.split("/").pop()}/export?table=pages&q=garden`)).text();
    expect(csv.split("\r\n")[0]).toMatch(/^url,status,title/);
    expect(csv).toContain("/garden/roses");
    expect(csv).not.toContain("/sky/moon");
    await page.close();
  });

  it("topics, gaps, pruning and suggestions tables show the scan's results", async () => {
    const topics = await open(`${scanUrl}/topics`);
    const topicRows = topics.getByTestId("topics-table").locator("tbody tr");
    expect(await topicRows.count()).toBeGreaterThanOrEqual(2);
    expect(await topics.getByTestId("topics-table").textContent()).toMatch(/core/);
    await expectAccessible(topics);
    await topics.close();
    for (const [path, id] of [["/gaps", "gaps-table"], ["/pruning", "pruning-table"], ["/suggestions", "suggestions-table"]] as const) {
      const page = await open(scanUrl + path);
      const t = page.getByTestId(id);
      await t.waitFor();
      const count = (await page.getByTestId(`${id}-count`).textContent()) ?? "";
      expect(count).toMatch(/of \d+|No rows/);
      await expectAccessible(page);
      if (id === "suggestions-table" && !/No rows/.test(count)) {
        expect(await t.getByRole("button", { name: /Copy anchor/ }).count()).toBeGreaterThan(0);
        expect(await t.getByRole("button", { name: /Copy the sentence/ }).count()).toBeGreaterThan(0);
      }
      await page.close();
    }
  });

  it("topic map: every page placed, coloured by topic, with a legend; clicking a page opens it", async () => {
    const page = await open(`${scanUrl}/map`);
    const points = page.getByTestId("topic-map").locator("circle");
    expect(await points.count()).toBe(Object.keys(SMALL_SITE).length);
    const colours = new Set(await points.evaluateAll((els) => els.map((e) => e.getAttribute("fill"))));
    expect(colours.size).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId("map-legend").textContent()).toMatch(/core/);
    await expectAccessible(page);
    const first = points.first();
    await first.hover();
    expect(await page.getByTestId("map-hover").textContent()).toContain(site.url);
    await first.click();
    await page.waitForURL(/pages\/detail\?url=/);
    await page.getByTestId("page-metrics").waitFor();
    await page.close();
  });

  it("link graph: WebGL graph of the content links with orphans listed, filterable by topic", async () => {
    const page = await open(`${scanUrl}/links`);
    await page.locator('[data-testid="link-graph"][data-ready="true"]').waitFor({ timeout: 30_000 });
    const stats = (await page.getByTestId("graph-stats").textContent()) ?? "";
    expect(stats).toMatch(new RegExp(`^${Object.keys(SMALL_SITE).length} pages`));
    expect(Number(/([\d,]+) linked pairs/.exec(stats)?.[1])).toBeGreaterThan(5);
    expect(await page.locator(".graph-canvas canvas").count()).toBeGreaterThan(0);
    await page.locator(".graph-layout select").selectOption({ index: 1 });
    await page.getByLabel("Orphans only").check();
    await expectAccessible(page);
    await page.close();
  });

  it("page detail: metrics, topic, links in and out, suggestions, and why the forget gate chose its action", async () => {
    const url = new URL("/garden/tomatoes", site.url).href;
    const page = await open(`${scanUrl}/pages/detail?url=${encodeURIComponent(url)}`);
    expect(await page.getByTestId("page-title").textContent()).toBe("Growing tomatoes");
    expect(await page.getByTestId("page-metrics").textContent()).toMatch(/Words\d+/);
    expect(await page.getByRole("heading", { name: /Links in \(\d+\)/ }).count()).toBe(1);
    expect(await page.locator("section", { has: page.getByRole("heading", { name: /Links in/ }) }).textContent()).toContain("/garden/");
    expect(await page.getByTestId("page-forget").textContent()).toMatch(/Forget gate: (keep|update|merge|prune)/);
    await page.getByTestId("page-suggestions").waitFor();
    await expectAccessible(page);
    await page.close();
    const missing = await open(`${scanUrl}/pages/detail?url=${encodeURIComponent("https://nowhere.example/")}`);
    expect(await missing.getByRole("heading", { name: "Page not found in this scan" }).count()).toBe(1);
    await missing.close();
  });

  it("encoder: backend, sizes, perplexity against the unigram baseline and the loss curve", async () => {
    const page = await open(`${scanUrl}/encoder`);
    expect(await page.getByTestId("encoder-backend").textContent()).toMatch(/tensorflow|wasm|cpu/);
    expect(await page.getByTestId("perplexity").textContent()).toMatch(/Unigram baseline/);
    expect(await page.getByTestId("loss-curve").locator("path, circle").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.close();
  });

  it("logged no console error on any view", () => {
    expect(consoleErrors).toEqual([]);
  });
});
