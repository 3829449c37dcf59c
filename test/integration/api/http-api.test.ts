import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "@/lib/pipeline/webhook-signature";
import { SMALL_SITE } from "../../fixtures/small-site";
import { startApp, type RunningApp } from "../../support/app-server";
import { checkOpenApi, type OpenApiDoc } from "../../support/openapi-check";
import { addUser, sessionFetch, signIn } from "../../support/session";
import { serveSite, type TestSite } from "../../support/site-server";

/**
 * The HTTP API through the real server (`npm start`: Next.js + worker on a fresh SQLite database), scanning a real
 * local site. Runs against the real crawler, encoder and analysis.
 */
const RATE_LIMIT = 100;
const SCAN_CAP = 2;
const POLL_MS = 1_500;

interface Hook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function receiver(): Promise<{ url: string; hooks: Hook[]; close(): Promise<void> }> {
  const hooks: Hook[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(hooks.length === 1 ? 503 : 204).end(); // the first delivery fails: the queue retries it
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    hooks,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe("HTTP API (real server)", () => {
  let app: RunningApp;
  let site: TestSite;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let key: string;
  let ui: ReturnType<typeof sessionFetch>;

  const api = (path: string, init: RequestInit & { key?: string | null } = {}) => {
    const headers = new Headers(init.headers);
    const k = init.key === undefined ? key : init.key;
    if (k) headers.set("authorization", `Bearer ${k}`);
    if (init.body) headers.set("content-type", "application/json");
    return fetch(app.url + path, { ...init, headers });
  };
  const createKey = async (name: string) => {
    const r = await ui("/api/ui/keys", { method: "POST", body: JSON.stringify({ name }) });
    expect(r.status).toBe(201);
    return (await r.json()) as { id: string; key: string; prefix: string };
  };
  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 300_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${app.output().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const scanDone = (id: string) =>
    waitFor(`scan ${id}`, async () => {
      const s = await (await api(`/api/v1/scans/${id}`)).json();
      if (s.status === "failed" || s.status === "cancelled") throw new Error(`scan ${id} ${s.status}: ${s.error}`);
      return s.status === "done" ? s : undefined;
    });

  beforeAll(async () => {
    site = await serveSite({ ...SMALL_SITE });
    hooks = await receiver();
    app = await startApp({ TOPICGATE_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), TOPICGATE_MAX_CONCURRENT_SCANS_PER_KEY: String(SCAN_CAP), TOPICGATE_SCHEDULER_INTERVAL_MS: "250" });
    await addUser(app, { email: "api@example.test" });
    ui = sessionFetch(app, await signIn(app, "api@example.test"));
    key = (await createKey("integration")).key;
  }, 600_000);
  afterAll(async () => {
    await app?.stop();
    await site?.close();
    await hooks?.close();
  });

  it("refuses requests without a key, with an unknown key and with a revoked key (401, error shape)", async () => {
    const none = await api("/api/v1/scans", { key: null });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: "unauthorized", message: expect.stringMatching(/Missing API key/) } });
    expect((await api("/api/v1/scans", { key: "tg_unknown" })).status).toBe(401);
    const revoked = await createKey("to revoke");
    expect((await api("/api/v1/sites", { key: revoked.key })).status).toBe(200);
    expect((await ui(`/api/ui/keys/${revoked.id}`, { method: "DELETE" })).status).toBe(204);
    const after = await api("/api/v1/sites", { key: revoked.key });
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/revoked/);
  });

  it("answers invalid input with 400 and a message naming the problem", async () => {
    const cases: [string, RequestInit, RegExp][] = [
      ["/api/v1/scans", { method: "POST", body: JSON.stringify({}) }, /url/],
      ["/api/v1/scans", { method: "POST", body: JSON.stringify({ url: "not a url" }) }, /Not a valid URL/],
      ["/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url, maxPages: 0 }) }, /maxPages/],
      ["/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url, bogus: 1 }) }, /bogus/],
      ["/api/v1/scans", { method: "POST", body: "{not json" }, /not valid JSON/],
      ["/api/v1/scans?limit=1000", {}, /limit/],
      ["/api/v1/sites", { method: "POST", body: JSON.stringify({ url: site.url, webhookUrl: "ftp://x" }) }, /webhookUrl/],
    ];
    for (const [path, init, message] of cases) {
      const r = await api(path, init);
      expect(r.status, path).toBe(400);
      const body = await r.json();
      expect(["invalid_input", "invalid_url"]).toContain(body.error.code);
      expect(body.error.message).toMatch(message);
    }
    expect((await api("/api/v1/scans/nope")).status).toBe(404);
    expect((await api("/api/v1/changes/nope")).status).toBe(404);
  });

  it("scans a site: 202, polling to done, the report with ETag/304, the exports, a signed webhook, then a recrawl's change report", { timeout: 600_000 }, async () => {
    const created = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ url: site.url, settings: { maxPages: 50 }, webhookUrl: hooks.url }) });
    expect(created.status).toBe(201);
    const siteBody = await created.json();
    expect(siteBody.webhookSecret).toMatch(/^whsec_/);
    expect((await (await api(`/api/v1/sites/${siteBody.id}`)).json()).webhookSecret).toBeUndefined();
    expect((await api("/api/v1/sites/x/schedules", { method: "POST", body: JSON.stringify({ cron: "0 * * * *" }) })).status).toBe(404);
    const badCron = await api(`/api/v1/sites/${siteBody.id}/schedules`, { method: "POST", body: JSON.stringify({ cron: "every day" }) });
    expect(badCron.status).toBe(400);
    expect((await badCron.json()).error.message).toMatch(/Invalid cron expression "every day"/);

    const post = await api("/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url }) });
    expect(post.status).toBe(202);
    const { id, status } = await post.json();
    expect(status).toBe("queued");
    const early = await api(`/api/v1/scans/${id}/report`);
    if (early.status !== 200) expect(early.status).toBe(409);
    const done = await scanDone(id);
    expect(done).toMatchObject({ id, url: site.url, status: "done", siteId: siteBody.id, trigger: "api" });

    const report = await api(`/api/v1/scans/${id}/report`);
    expect(report.status).toBe(200);
    const etag = report.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(report.headers.get("last-modified")).toBeTruthy();
    const body = await report.json();
    expect(body.schemaVersion).toBe(1);
    expect(body.pages.map((p: { url: string }) => p.url).sort()).toEqual(Object.keys(SMALL_SITE).map((p) => new URL(p, site.url).href).sort());
    const notModified = await api(`/api/v1/scans/${id}/report`, { headers: { "if-none-match": etag! } });
    expect(notModified.status).toBe(304);
    const identity = await api(`/api/v1/scans/${id}/report`, { headers: { "accept-encoding": "identity" } });
    expect((await identity.json()).scan.id).toBe(id);
    expect((await api(`/api/v1/scans/${id}/report`, { headers: { "if-none-match": `W/${etag}, "other"` } })).status).toBe(304);

    const csv = await api(`/api/v1/scans/${id}/export?table=pages&format=csv`);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(Object.keys(SMALL_SITE).length + 1);
    const links = await (await api(`/api/v1/scans/${id}/export?table=links&format=json`)).json();
    expect(links.length).toBeGreaterThan(10);
    expect(Object.keys(links[0])).toEqual(["fromUrl", "toUrl", "anchor", "position", "nofollow", "rel"]);
    for (const table of ["topics", "suggestions", "pruning", "gaps"]) expect((await api(`/api/v1/scans/${id}/export?table=${table}&format=json`)).status).toBe(200);
    expect((await api(`/api/v1/scans/${id}/export?table=nope`)).status).toBe(400);
    const noPrevious = await api(`/api/v1/scans/${id}/changes`);
    expect(noPrevious.status).toBe(404);

    // the webhook: first delivery answered 503, retried with backoff, signed with the site's secret
    const hook = await waitFor("webhook retry", async () => (hooks.hooks.length >= 2 ? hooks.hooks[1] : undefined), 60_000);
    expect(hook.headers["x-topicgate-event"]).toBe("scan.completed");
    expect(verifyWebhookSignature(siteBody.webhookSecret, hook.body, hook.headers["x-topicgate-signature"] as string)).toBe(true);
    expect(JSON.parse(hook.body).scan).toMatchObject({ id, status: "done" });
    expect(hooks.hooks[0].headers["x-topicgate-delivery"]).toBe(hook.headers["x-topicgate-delivery"]);

    // the site changes; a second scan's change report lists it
    site.routes.set("/sky/comets", SMALL_SITE["/sky/moon"].replace(/Phases of the moon/g, "Watching comets"));
    site.routes.set("/sky/", SMALL_SITE["/sky/"].replace('<a href="/sky/moon">', '<a href="/sky/comets">comets</a>, <a href="/sky/moon">'));
    site.routes.delete("/garden/compost");
    site.routes.set("/garden/", SMALL_SITE["/garden/"].replace(' and <a href="/garden/compost">making compost</a>', ""));
    const second = (await (await api("/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url }) })).json()).id;
    await scanDone(second);
    const changes = await api(`/api/v1/scans/${second}/changes`);
    expect(changes.status).toBe(200);
    const c = await changes.json();
    const U = (p: string) => new URL(p, site.url).href;
    expect(c).toMatchObject({ scanId: second, previousScanId: id, pagesAdded: [U("/sky/comets")], pagesRemoved: [U("/garden/compost")] });
    expect(c.pagesChanged).toEqual([U("/garden/"), U("/sky/")]);
    expect(c.linksLost).toEqual([{ fromUrl: U("/garden/"), toUrl: U("/garden/compost") }]);
    expect(c.linksGained).toContainEqual({ fromUrl: U("/sky/"), toUrl: U("/sky/comets") });
    for (const k of ["topicDrift", "newOffTopic", "newOrphans", "statusChanges", "scoreDeltas"]) expect(c).toHaveProperty(k);

    const list = await (await api(`/api/v1/sites/${siteBody.id}/changes`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: c.id, scanId: second, summary: { pagesAdded: 1, pagesRemoved: 1 } });
    const md = await api(`/api/v1/changes/${c.id}?format=md`);
    expect(md.headers.get("content-type")).toMatch(/markdown/);
    expect(await md.text()).toContain(`## Pages added (1)\n\n- ${U("/sky/comets")}`);
    expect(await (await api(`/api/v1/changes/${c.id}?format=html`)).text()).toMatch(/^<!doctype html>/);
    const exported = await (await api(`/api/v1/changes/${c.id}/export?table=pages&format=csv`)).text();
    expect(exported).toContain(`${U("/garden/compost")},removed`);

    // the dashboard shows the change report and the keys (same-origin pages, no key)
    expect(await (await ui("/changes")).text()).toContain(`/changes/${c.id}`);
    const page = await (await ui(`/changes/${c.id}`)).text();
    expect(page).toContain("Pages added");
    expect(page).toContain(U("/sky/comets"));
    expect(await (await ui("/keys")).text()).toContain("integration");

    // pagination: one scan per page, following next links
    const seen: string[] = [];
    let next: string | null = `/api/v1/sites/${siteBody.id}/scans?limit=1`;
    while (next) {
      const page: { items: { id: string }[]; next: string | null } = await (await api(next)).json();
      seen.push(...page.items.map((s) => s.id));
      next = page.next;
    }
    expect(seen).toEqual([second, id]);
  });

  it("runs a site's schedule on a two-second cron: scans happen and never overlap", { timeout: 600_000 }, async () => {
    const sites = await (await api("/api/v1/sites")).json();
    const siteId = sites.items.find((s: { url: string }) => s.url === site.url).id;
    const created = await api(`/api/v1/sites/${siteId}/schedules`, { method: "POST", body: JSON.stringify({ cron: "*/2 * * * * *" }) });
    expect(created.status).toBe(201);
    const schedule = await created.json();
    const scheduled = await waitFor("two finished scheduled scans", async () => {
      const page = await (await api(`/api/v1/sites/${siteId}/scans?limit=100`)).json();
      const runs = page.items.filter((s: { trigger: string }) => s.trigger === "schedule");
      return runs.filter((s: { status: string }) => s.status === "done").length >= 2 ? runs : undefined;
    });
    expect((await api(`/api/v1/sites/${siteId}/schedules/${schedule.id}`, { method: "DELETE" })).status).toBe(204);
    const runs = [...scheduled].reverse() as { createdAt: string; finishedAt: string | null }[];
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i - 1].finishedAt).not.toBeNull();
      expect(Date.parse(runs[i].createdAt)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1].finishedAt!));
    }
    expect((await (await api(`/api/v1/sites/${siteId}/schedules`)).json()).items).toEqual([]);
  });

  it("caps concurrent scans per key with 429 and cancels a queued scan", async () => {
    const capped = (await createKey("capped")).key;
    const slow = await serveSite({ "/": { body: SMALL_SITE["/"], delayMs: 20_000 } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < SCAN_CAP; i++) {
        const r = await api("/api/v1/scans", { key: capped, method: "POST", body: JSON.stringify({ url: slow.url }) });
        expect(r.status, r.status === 202 ? "" : `${await r.clone().text()}\n${app.output().slice(-3000)}`).toBe(202);
        ids.push((await r.json()).id);
      }
      const over = await api("/api/v1/scans", { key: capped, method: "POST", body: JSON.stringify({ url: slow.url }) });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await over.json()).error.code).toBe("rate_limited");
      for (const id of ids) {
        const del = await api(`/api/v1/scans/${id}`, { key: capped, method: "DELETE" });
        expect(del.status).toBe(200);
        expect((await del.json()).status).toBe("cancelled");
      }
      expect((await api(`/api/v1/scans/${ids[0]}`, { key: capped, method: "DELETE" })).status).toBe(409);
    } finally {
      await slow.close();
    }
  });

  it("answers 429 with Retry-After past the per-key rate limit, other keys unaffected", async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const busy = (await createKey(`busy ${attempt}`)).key;
      const window = Math.floor(Date.now() / 60_000);
      const statuses: number[] = [];
      let last: Response | null = null;
      for (let i = 0; i < RATE_LIMIT + 1; i++) {
        last = await api("/api/v1/sites?limit=1", { key: busy });
        statuses.push(last.status);
        if (i < RATE_LIMIT) await last.arrayBuffer();
      }
      if (Math.floor(Date.now() / 60_000) !== window) continue; // straddled a minute boundary: try again in the new window
      expect(statuses.slice(0, RATE_LIMIT).every((s) => s === 200)).toBe(true);
      expect(last!.status).toBe(429);
      const retryAfter = Number(last!.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect((await last!.json()).error).toEqual({ code: "rate_limited", message: expect.stringMatching(/100 requests per minute/) });
      expect((await api("/api/v1/sites?limit=1")).status).toBe(200);
      return;
    }
    throw new Error("two attempts straddled minute boundaries");
  });

  it("serves a valid OpenAPI 3 document listing every route, without a key", async () => {
    const r = await fetch(`${app.url}/api/openapi.json`);
    expect(r.status).toBe(200);
    checkOpenApi((await r.json()) as OpenApiDoc);
  });
});

describe("HTTP API without TOPICGATE_ALLOW_PRIVATE_HOSTS", () => {
  let app: RunningApp;
  let key: string;
  beforeAll(async () => {
    app = await startApp({ TOPICGATE_ALLOW_PRIVATE_HOSTS: "0" });
    await addUser(app, { email: "api@example.test" });
    const r = await sessionFetch(app, await signIn(app, "api@example.test"))("/api/ui/keys", { method: "POST", body: JSON.stringify({ name: "t" }) });
    key = (await r.json()).key;
  }, 600_000);
  afterAll(async () => {
    await app?.stop();
  });

  it("refuses scans and webhooks aimed at loopback or private addresses with 400", async () => {
    const post = (path: string, body: object) => fetch(app.url + path, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    for (const url of ["http://127.0.0.1:8080/", "http://10.1.2.3/", "http://[::1]/", "http://localhost/"]) {
      const r = await post("/api/v1/scans", { url });
      expect(r.status, url).toBe(400);
      expect((await r.json()).error).toEqual({ code: "private_address", message: expect.stringMatching(/private or loopback/) });
    }
    const hook = await post("/api/v1/sites", { url: "http://93.184.215.14/", webhookUrl: "http://192.168.1.10/hook" });
    expect(hook.status).toBe(400);
    expect((await hook.json()).error.code).toBe("private_address");
  });
});
