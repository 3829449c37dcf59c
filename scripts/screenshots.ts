/**
 * Screenshots of every dashboard view into ./screenshots/ (gitignored): starts the product, scans the small fixture
 * site through the dashboard form, captures the progress while it runs and each view when it is done.
 *
 *   npx tsx scripts/screenshots.ts
 */
import fs from "node:fs";
import path from "node:path";
import { startApp } from "../test/support/app-server";
import { launchBrowser } from "../test/support/browser";
import { serveSite } from "../test/support/site-server";
import { SMALL_SITE } from "../test/fixtures/small-site";

const OUT = path.resolve(__dirname, "..", "screenshots");

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const site = await serveSite(Object.fromEntries(Object.entries(SMALL_SITE).map(([p, html]) => [p, { body: html, delayMs: 400 }])));
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on("response", (r) => r.status() >= 400 && console.warn(`HTTP ${r.status()} ${r.url()} (on ${page.url()})`));
    page.on("console", (m) => m.type() === "error" && console.warn(`console error on ${page.url()}: ${m.text()}`));
    const shot = async (name: string) => {
      await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
      console.log(`screenshots/${name}.png`);
    };
    await page.goto(app.url + "/");
    await page.getByLabel("Site URL").fill(site.url);
    await page.getByLabel(/Recrawl schedule/).fill("0 6 * * 1");
    await shot("01-sites-empty");
    await page.getByRole("button", { name: "Scan site" }).click();
    await page.waitForURL(/\/scans\/[a-z0-9]+$/);
    const scanPath = new URL(page.url()).pathname;
    let crawlShot = false;
    let encodeShot = false;
    for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
      const status = await page.getByTestId("scan-status").textContent();
      if (status === "crawling" && !crawlShot && (await page.getByTestId("phase-crawling").textContent())?.includes("pages/s")) {
        await shot("02-progress-crawl");
        crawlShot = true;
      }
      if (status === "encoding" && !encodeShot && (await page.getByTestId("loss-chart").count())) {
        // a few more points on the loss curve, but a small site's encoding can end within a second
        await page.waitForTimeout(300);
        if ((await page.getByTestId("scan-status").textContent()) === "encoding") {
          await shot("03-progress-encode");
          encodeShot = true;
        }
      }
      if (status === "done" || status === "failed" || status === "cancelled") break;
      await page.waitForTimeout(200);
    }
    await page.getByTestId("authority").waitFor();
    await shot("04-overview");
    const views: [string, string, string?][] = [
      ["05-topics", "/topics"],
      ["06-map", "/map", "topic-map"],
      ["07-links", "/links"],
      ["08-pages", "/pages"],
      ["09-gaps", "/gaps"],
      ["10-pruning", "/pruning"],
      ["11-suggestions", "/suggestions"],
      ["12-encoder", "/encoder"],
      ["13-page-detail", `/pages/detail?url=${encodeURIComponent(new URL("/garden/tomatoes", site.url).href)}`],
    ];
    for (const [name, view] of views) {
      await page.goto(app.url + scanPath + view);
      if (view === "/links") await page.locator('[data-testid="link-graph"][data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.waitForTimeout(view === "/links" ? 1500 : 300);
      await shot(name);
    }
    await page.goto(app.url + "/");
    await shot("14-sites");
    await page.getByTestId("sites-table").getByRole("link", { name: site.url }).click();
    await page.waitForURL(/\/sites\//);
    await shot("15-site");
  } finally {
    await browser.close();
    await app.stop();
    await site.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
