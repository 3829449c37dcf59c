import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { browserSession, signIn, type BrowserSession } from "../support/session";
import { serveSite, type TestSite } from "../support/site-server";
import { SMALL_SITE } from "../fixtures/small-site";

describe("dashboard in Chromium", () => {
  let app: RunningApp;
  let site: TestSite;
  let browser: Browser;
  let session: BrowserSession;

  beforeAll(async () => {
    site = await serveSite(Object.fromEntries(Object.entries(SMALL_SITE).map(([p, html]) => [p, { body: html, delayMs: 150 }])));
    app = await startApp();
    browser = await launchBrowser();
    session = await browserSession(app, browser);
  });

  const signInToken = async () => (await signIn(app, "owner@example.test")).split("=")[1];

  afterAll(async () => {
    await browser?.close();
    const code = await app?.stop();
    await site?.close();
    expect(code).toBe(0); // Ctrl-C stops the server and the worker cleanly
  });

  it("sends a browser without a session to the login page, and signing out ends the session", async () => {
    const stranger = await browser.newPage();
    await stranger.goto(app.url + "/keys");
    await stranger.waitForURL(/\/login\?next=%2Fkeys/);
    await stranger.getByLabel("Email").fill("owner@example.test");
    await stranger.getByLabel("Password").fill("not the password");
    await stranger.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => stranger.locator("#credentials-error").textContent()).toMatch(/Wrong email or password/);
    await stranger.close();
    // a second signed-in browser signs out: its cookie stops working
    const other = await browser.newContext();
    const token = await signInToken();
    await other.addCookies([{ name: "tg_session", value: token, url: app.url }]);
    const page = await other.newPage();
    await page.goto(app.url + "/keys");
    expect(new URL(page.url()).pathname).toBe("/keys");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    expect((await other.cookies(app.url)).some((c) => c.name === "tg_session")).toBe(false);
    // the token itself was revoked, not only dropped by this browser
    expect((await fetch(app.url + "/api/ui/scans/x", { headers: { cookie: `tg_session=${token}` } })).status).toBe(401);
    await other.close();
  });

  it("shows a clear error for an invalid URL and starts nothing", async () => {
    const page = await session.context.newPage();
    await page.goto(app.url + "/");
    await page.getByLabel("Site URL").fill("not a url");
    await page.getByRole("button", { name: "Scan site" }).click();
    await expect.poll(() => page.locator("#add-site-error").textContent()).toMatch(/http:\/\/ or https:\/\//);
    expect(page.url()).toBe(app.url + "/");
    await page.close();
  });

  it("explains why a private address is refused when the server does not allow it", async () => {
    const r = await session.fetch("/api/ui/scans", { method: "POST", body: JSON.stringify({ url: "ftp://example.com/" }) });
    expect(r.status).toBe(400);
    expect((await r.json()).error.code).toBe("invalid_url");
  });

  it("adds a site, shows the scan's phase and progress live, and lists every page when done", async () => {
    const page = await session.context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.goto(app.url + "/");
    await page.getByLabel("Site URL").fill(site.url);
    await page.getByRole("button", { name: "Scan site" }).click();
    await page.waitForURL(/\/scans\/[a-z0-9]+$/);
    const status = page.getByTestId("scan-status");
    const seen = new Set<string>();
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      const s = (await status.textContent()) ?? "";
      seen.add(s);
      if (["done", "failed", "cancelled"].includes(s)) break;
      await page.waitForTimeout(200);
    }
    expect(seen.has("done")).toBe(true);
    // the page updated itself: it showed at least one running phase before "done" without a reload
    expect([...seen].some((s) => ["queued", "crawling", "encoding", "analyzing"].includes(s))).toBe(true);
    const table = page.getByTestId("pages-table");
    await table.waitFor();
    const text = (await table.textContent()) ?? "";
    for (const p of Object.keys(SMALL_SITE)) expect(text).toContain(new URL(p, site.url).href);
    expect(await page.getByTestId("page-count").textContent()).toBe(String(Object.keys(SMALL_SITE).length));
    // the site now appears on the sites page with its score
    await page.goto(app.url + "/");
    expect(await page.locator("table").textContent()).toContain(site.url);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
