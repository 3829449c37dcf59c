import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { OVERVIEW_LINK_LIMIT } from "@/lib/report/link-graph-view";
import type { RunningApp } from "../support/app-server";
import type { BrowserSession } from "../support/session";
import { seriousAxeViolations } from "../support/axe";
import { startGeneratedScanApp, type GeneratedScanApp } from "../support/generated-app";

// each generated page links to three others, all distinct: 6,000 linked pairs, above the overview limit
const PAGES = 2_000;
const PAIRS = 3 * PAGES;
const TOPICS = 8;

/** The link graph of a site with more links than the overview draws: links per topic, every link on request. */
describe("link graph of a large site", () => {
  let env: GeneratedScanApp;
  let app: RunningApp;
  let session: BrowserSession;
  let base = "";
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    env = await startGeneratedScanApp(PAGES, "topicgate-graph-");
    ({ app, session, base } = env);
  });

  afterAll(async () => {
    await env?.close();
  });

  async function open(): Promise<Page> {
    const page = await session.context.newPage();
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    await page.goto(app.url + `${base}/links`);
    await page.locator('[data-testid="link-graph"][data-ready="true"]').waitFor({ timeout: 120_000 });
    return page;
  }

  const drawn = async (page: Page) => Number(await page.getByTestId("link-graph").getAttribute("data-links-drawn"));

  it("draws the pages alone at the overview, a topic's own links when one is chosen, and every link when asked", async () => {
    expect(PAIRS).toBeGreaterThan(OVERVIEW_LINK_LIMIT);
    const page = await open();
    expect(await page.getByTestId("graph-stats").textContent()).toMatch(new RegExp(`^${PAGES.toLocaleString("en")} pages · ${PAIRS.toLocaleString("en")} linked pairs`));
    expect(await drawn(page)).toBe(0);
    expect(await page.getByTestId("graph-lod").textContent()).toMatch(/choose a topic/);
    // links to the eighth next page stay inside the topic: one per page of the topic
    await page.locator(".graph-layout select").selectOption({ index: 1 });
    await expect.poll(() => drawn(page)).toBe(PAGES / TOPICS);
    expect(await page.getByTestId("graph-lod").textContent()).toContain(`Drawing ${PAGES / TOPICS} of ${PAIRS.toLocaleString("en")}`);
    await page.locator(".graph-layout select").selectOption({ index: 0 });
    await expect.poll(() => drawn(page)).toBe(0);
    // from the keyboard: every link at the overview
    await page.getByLabel("Draw every link").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => drawn(page)).toBe(PAIRS);
    await page.getByLabel("Orphans only").check();
    await expect.poll(() => drawn(page)).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it("zooms and moves the drawn frame while the wheel, a drag or the keys move the view, and draws once they pause", async () => {
    const page = await open();
    const box = (await page.getByTestId("link-graph").boundingBox())!;
    // counts the frames shown moved (a slow machine may draw the new view before the test looks)
    await page.evaluate(`(() => {
      window.__previews = 0;
      const observer = new MutationObserver((records) => records.forEach((r) => r.target.style.transform.includes("scale") && window.__previews++));
      document.querySelectorAll(".graph-canvas canvas").forEach((c) => observer.observe(c, { attributes: true, attributeFilter: ["style"] }));
    })()`);
    let previews = 0;
    const previewed = async () => {
      const n = (await page.evaluate("window.__previews")) as number;
      const grew = n > previews;
      previews = n;
      return grew;
    };
    const moved = () => page.evaluate(`[...document.querySelectorAll(".graph-canvas canvas")].some((c) => c.style.transform.includes("scale"))`);
    // from the keyboard, with the pointer away from the graph so no page is highlighted: the view is drawn anew
    await page.mouse.move(5, 5);
    await page.getByTestId("link-graph").focus();
    await page.waitForTimeout(500);
    const before = await page.getByTestId("link-graph").screenshot();
    await page.keyboard.press("+");
    await expect.poll(previewed).toBe(true);
    await expect.poll(moved).toBe(false);
    await page.waitForTimeout(1000);
    const after = await page.getByTestId("link-graph").screenshot();
    expect(after.equals(before)).toBe(false);
    // and back: "0" restores the first view
    await page.keyboard.press("0");
    await expect.poll(moved).toBe(false);
    await page.waitForTimeout(1000);
    expect((await page.getByTestId("link-graph").screenshot()).equals(before)).toBe(true);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrollY = await page.evaluate("window.scrollY");
    await page.mouse.wheel(0, -240);
    await expect.poll(previewed).toBe(true);
    // the wheel zooms the graph, not the page
    expect(await page.evaluate("window.scrollY")).toBe(scrollY);
    await expect.poll(moved).toBe(false);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 4 });
    await expect.poll(previewed).toBe(true);
    await page.mouse.up();
    // the click that ends a drag opens no page
    await page.waitForTimeout(300);
    expect(page.url()).toContain("/links");
    await expect.poll(moved).toBe(false);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });

  it("names the page under the pointer and opens it on click", async () => {
    const page = await open();
    const box = (await page.getByTestId("link-graph").boundingBox())!;
    const card = page.getByTestId("graph-hover");
    let hit = false;
    // a spiral from the centre: the generated map puts pages in eight dense clusters
    for (let i = 0; i < 60 && !hit; i++) {
      const r = 0.05 + (0.4 * i) / 60;
      await page.mouse.move(box.x + box.width * (0.5 + r * Math.cos(i * 2.4)), box.y + box.height * (0.5 + r * Math.sin(i * 2.4)));
      // polled from here: a string predicate would be evaluated in the page, which its Content-Security-Policy forbids
      hit = await expect
        .poll(async () => ((await card.textContent()) ?? "").includes("PageRank"), { timeout: 1500 })
        .toBe(true)
        .then(() => true)
        .catch(() => false);
    }
    expect(hit).toBe(true);
    const url = /· (https:\/\/\S+) ·/.exec((await card.textContent()) ?? "")?.[1];
    expect(url).toBeTruthy();
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForURL(/pages\/detail\?url=/);
    expect(decodeURIComponent(page.url())).toContain(url!);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});
