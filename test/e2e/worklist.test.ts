import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { worklistSite } from "../fixtures/worklist-site";
import { startApp, type RunningApp } from "../support/app-server";
import { seriousAxeViolations } from "../support/axe";
import { launchBrowser } from "../support/browser";
import { browserSession, type BrowserSession } from "../support/session";
import { checkOpenApi, type OpenApiDoc } from "../support/openapi-check";
import { serveSite, type TestSite } from "../support/site-server";

/** The dashboard refreshes after a change; on a loaded machine that takes seconds. */
const POLL = { timeout: 30_000, interval: 250 };

/** The work list through the real server: its API routes with a key, and its dashboard controls in Chromium. */
describe("issues, statuses, alerts and share links (real server, Chromium)", () => {
  let app: RunningApp;
  let site: TestSite;
  let browser: Browser;
  let session: BrowserSession;
  let key = "";
  let scan: { id: string; siteId: string };
  const U = (p: string) => new URL(p, site.url).href;
  const api = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${key}`);
    if (init.body) headers.set("content-type", "application/json");
    return fetch(app.url + path, { ...init, headers });
  };
  const open = async (path: string): Promise<Page> => {
    const page = await session.context.newPage();
    await page.goto(app.url + path);
    return page;
  };

  beforeAll(async () => {
    site = await serveSite(worklistSite());
    app = await startApp();
    browser = await launchBrowser();
    session = await browserSession(app, browser);
    const k = await session.fetch("/api/ui/keys", { method: "POST", body: JSON.stringify({ name: "e2e" }) });
    key = ((await k.json()) as { key: string }).key;
    const started = (await (await api("/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url, maxPages: 50 }) })).json()) as { id: string };
    const deadline = Date.now() + 300_000;
    for (;;) {
      const s = (await (await api(`/api/v1/scans/${started.id}`)).json()) as { id: string; siteId: string; status: string; error?: string };
      if (s.status === "done") {
        scan = s;
        break;
      }
      if (s.status === "failed" || Date.now() > deadline) throw new Error(`scan ${s.status}: ${s.error}\n${app.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await site?.close();
  });

  it("serves issues, statuses, suggestions, report files and share links over /api/v1, described in the OpenAPI document", async () => {
    checkOpenApi((await (await fetch(`${app.url}/api/openapi.json`)).json()) as OpenApiDoc);
    const issues = (await (await api(`/api/v1/scans/${scan.id}/issues?severity=error`)).json()) as { code: string; status: string; pageUrls: string[]; howToFix: string }[];
    expect(issues.find((i) => i.code === "broken_link")).toMatchObject({ status: "open", pageUrls: [U("/garden/roses")] });
    expect((await api(`/api/v1/scans/${scan.id}/issues?severity=fatal`)).status).toBe(400);

    const patched = await api(`/api/v1/sites/${scan.siteId}/issues`, { method: "PATCH", body: JSON.stringify({ code: "missing_description", status: "ignored" }) });
    expect(await patched.json()).toMatchObject({ code: "missing_description", key: "", status: "ignored" });
    const ignored = (await (await api(`/api/v1/scans/${scan.id}/issues?code=missing_description`)).json()) as { status: string; count: number }[];
    expect(ignored).toEqual([expect.objectContaining({ status: "ignored", count: 2 })]);
    expect((await api(`/api/v1/sites/${scan.siteId}/issues`, { method: "PATCH", body: JSON.stringify({ code: "x".repeat(20_000), status: "open" }) })).status).toBe(413);
    expect((await api(`/api/v1/sites/${scan.siteId}/issues`, { method: "PATCH", body: JSON.stringify({ code: "broken_link", status: "done" }) })).status).toBe(400);

    const suggestions = (await (await api(`/api/v1/scans/${scan.id}/suggestions`)).json()) as { id: string; status: string }[];
    expect(suggestions.length).toBeGreaterThan(0);
    const approved = await api(`/api/v1/scans/${scan.id}/suggestions/${suggestions[0].id}`, { method: "PATCH", body: JSON.stringify({ status: "rejected" }) });
    expect(await approved.json()).toMatchObject({ id: suggestions[0].id, status: "rejected" });

    const html = await api(`/api/v1/scans/${scan.id}/report?format=html`);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("Broken internal links");
    const xlsx = await api(`/api/v1/scans/${scan.id}/export?format=xlsx`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    expect((await api(`/api/v1/scans/${scan.id}/export?format=csv`)).status).toBe(400); // a CSV names its table

    const share = (await (await api(`/api/v1/scans/${scan.id}/shares`, { method: "POST", body: JSON.stringify({ expiresInDays: 3 }) })).json()) as { id: string; path: string; url: string };
    expect(share.url).toBe(app.url + share.path);
    const opened = await fetch(app.url + share.path);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("x-robots-tag")).toContain("noindex");
    expect(await opened.text()).toContain(`Topical authority audit: ${site.url}`);
    const forged = share.path.slice(0, -3) + (share.path.endsWith("AAA") ? "BBB" : "AAA");
    expect((await fetch(app.url + forged)).status).toBe(404);
    expect((await api(`/api/v1/shares/${share.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(app.url + share.path)).status).toBe(410);

    const alerts = await api(`/api/v1/sites/${scan.siteId}/alerts`, { method: "PUT", body: JSON.stringify({ emails: ["seo@example.test"], authorityDrop: 3 }) });
    expect(await alerts.json()).toMatchObject({ emails: ["seo@example.test"], authorityDrop: 3, newErrors: true, scheduledOnly: true, emailConfigured: false });
    expect((await api(`/api/v1/sites/${scan.siteId}/alerts`, { method: "PUT", body: JSON.stringify({ emails: ["not an address"] }) })).status).toBe(400);
  });

  it("lists issues by severity with counts and filters, and sets statuses from the Issues view", async () => {
    const page = await open(`/scans/${scan.id}/issues`);
    await expect.poll(() => page.getByTestId("issues-error").count(), POLL).toBe(1);
    expect(await page.getByTestId("issue-broken_link-open").textContent()).toContain("Broken internal links");
    expect(await seriousAxeViolations(page)).toEqual([]);
    const health = Number(await page.getByTestId("health").textContent());

    await page.getByTestId("issue-broken_link-open").locator("summary").click();
    await page.getByRole("button", { name: `Ignore: Broken internal links on ${U("/garden/roses")}` }).click();
    await expect.poll(() => page.getByTestId("issue-broken_link-ignored").count(), POLL).toBe(1);
    expect(await page.getByTestId("issue-broken_link-open").count()).toBe(0);
    expect(Number(await page.getByTestId("health").textContent())).toBeGreaterThan(health);

    await page.getByLabel("Severity").selectOption("notice");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/severity=notice/);
    expect(await page.getByTestId("issues-error").count()).toBe(0);
    expect(await page.getByTestId("issues-notice").count()).toBe(1);
  });

  it("approves a link suggestion, saves alert rules and creates a share link from the dashboard", async () => {
    const page = await open(`/scans/${scan.id}/suggestions`);
    const select = page.getByTestId("suggestions-table").locator("select").first();
    await select.selectOption("approved");
    await expect.poll(async () => (await api(`/api/v1/scans/${scan.id}/suggestions`)).json().then((s: { status: string }[]) => s.some((x) => x.status === "approved")), POLL).toBe(true);
    await page.reload();
    expect(await page.getByTestId("suggestions-table").locator('select[data-status="approved"]').count()).toBe(1);

    const sitePage = await open(`/sites/${scan.siteId}`);
    await sitePage.getByLabel(/Alert when the authority falls/).fill("4");
    await sitePage.getByRole("button", { name: "Save alerts" }).click();
    await expect.poll(async () => ((await (await api(`/api/v1/sites/${scan.siteId}/alerts`)).json()) as { authorityDrop: number }).authorityDrop, POLL).toBe(4);
    expect(await seriousAxeViolations(sitePage)).toEqual([]);

    const overview = await open(`/scans/${scan.id}`);
    await overview.getByRole("button", { name: "Create share link" }).click();
    await expect.poll(() => overview.getByTestId("share-links").locator("a").count(), POLL).toBeGreaterThan(0);
    const href = await overview.getByTestId("share-links").locator("a").first().getAttribute("href");
    const shared = await browser.newPage();
    const requests: string[] = [];
    shared.on("request", (r) => requests.push(r.url()));
    await shared.goto(app.url + href);
    expect(await shared.locator("h1").textContent()).toContain(site.url);
    expect(requests).toEqual([app.url + href]); // the shared report loads nothing else
  });
});
