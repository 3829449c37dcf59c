import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../support/app-server";
import type { BrowserSession } from "../support/session";
import { parseCsv } from "../support/csv";
import { startGeneratedScanApp, type GeneratedScanApp } from "../support/generated-app";

const PAGES = 30;

/** Custom extraction values as pages-table columns, filters and CSV columns; a page's render facts on its detail view. */
describe("extracted values and rendering in the dashboard", () => {
  let env: GeneratedScanApp;
  let app: RunningApp;
  let session: BrowserSession;
  let base = "";
  let urls: string[] = [];

  beforeAll(async () => {
    env = await startGeneratedScanApp(PAGES, "topicgate-extraction-", async (db, scanId) => {
      const pages = await db.page.findMany({ where: { scanId }, orderBy: { id: "asc" }, select: { id: true, url: true, extra: true } });
      urls = pages.map((p) => p.url);
      await db.pageField.createMany({
        data: pages.flatMap((p, i) => [
          { scanId, pageId: p.id, name: "author", value: `Author ${i % 3}` },
          { scanId, pageId: p.id, name: "price", value: i % 2 === 0 ? `€${i}.00` : null },
        ]),
      });
      await db.page.update({ where: { id: pages[0].id }, data: { extra: { ...((pages[0].extra as object) ?? {}), render: { rendered: true, shell: true, addedWords: 321, addedLinks: 7 } } } });
    });
    ({ app, session, base } = env);
  }, 900_000);

  afterAll(async () => {
    await env?.close();
  });

  it("shows a column per rule, filters on a value, and exports the columns in the CSV", async () => {
    const page = await session.context.newPage();
    await page.goto(app.url + `${base}/pages?pageSize=100`);
    const table = page.getByTestId("pages-view-table");
    await expect.poll(() => table.locator("th").allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^author/), expect.stringMatching(/^price/)]));
    expect(await table.locator('td[data-field="author"]').count()).toBe(Math.min(PAGES, 50));
    await page.getByLabel("Extracted").selectOption("author=Author 1");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/field=author/);
    const authors = await table.locator('td[data-field="author"]').allTextContents();
    expect(authors.length).toBe(PAGES / 3);
    expect(new Set(authors)).toEqual(new Set(["Author 1"]));
    await page.goto(app.url + `${base}/pages?field=price%3Anone`);
    expect(await table.locator('td[data-field="price"]').allTextContents()).toEqual(Array(PAGES / 2).fill("-"));
    const scanId = base.split("/").pop();
    const csv = parseCsv(await (await session.fetch(`/api/ui/scans/${scanId}/export?table=pages`)).text());
    const header = csv[0];
    expect(header).toEqual(expect.arrayContaining(["author", "price"]));
    expect(csv.length - 1).toBe(PAGES);
    const byUrl = new Map(csv.slice(1).map((r) => [r[header.indexOf("url")], r]));
    urls.forEach((u, i) => expect(byUrl.get(u)?.[header.indexOf("author")]).toBe(`Author ${i % 3}`));
    await page.close();
  }, 300_000);

  it("says on a page's detail whether it was rendered, what scripts added and its extracted values", async () => {
    const page = await session.context.newPage();
    await page.goto(app.url + `${base}/pages/detail?url=${encodeURIComponent(urls[0])}`);
    expect(await page.getByTestId("page-rendered").textContent()).toContain("yes, in Chromium");
    expect(await page.getByTestId("page-js-added").textContent()).toContain("321 words, 7 links");
    expect(await page.getByTestId("page-extracted").textContent()).toContain("Author 0");
    await page.goto(app.url + `${base}/pages/detail?url=${encodeURIComponent(urls[1])}`);
    expect(await page.getByTestId("page-rendered").textContent()).toContain("no");
    expect(await page.getByTestId("page-js-added").count()).toBe(0);
    await page.close();
  }, 300_000);
});
