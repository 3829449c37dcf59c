import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api/api-keys";
import { createWorkspace } from "@/lib/auth/users";
import { LOGIN_ATTEMPTS_PER_EMAIL } from "@/lib/auth/login";
import { openDatabase } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import { DEFAULT_WORKSPACE_ID } from "@/lib/db/workspaces";
import { SMALL_SITE } from "../../fixtures/small-site";
import { startApp, type RunningApp } from "../../support/app-server";
import { addUser, sessionFetch, signIn, TEST_PASSWORD } from "../../support/session";
import { serveSite, type TestSite } from "../../support/site-server";

/**
 * Who may do what, through the real server (`npm start` on a fresh SQLite database): first-run setup, sessions,
 * CSRF and Host checks, workspaces, key scopes, body and URL limits.
 */
const MIB = 1024 * 1024;

/** Sends a POST whose headers announce `declared` bytes but writes only `sent`, and resolves with the answer's status. */
function partialPost(base: string, path: string, headers: Record<string, string>, declared: number | null, sent: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method: "POST", headers: { ...headers, ...(declared === null ? {} : { "content-length": String(declared) }) } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" || (e as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    for (let n = 0; n < sent; n += chunk.length) req.write(chunk);
    // the rest of the body is never sent: only an answer given before it would arrive ends this request
  });
}

/** A request with exactly these headers (fetch replaces a Host header with the URL's). */
function rawRequest(base: string, path: string, method: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("access control (real server)", () => {
  let app: RunningApp;
  let site: TestSite;
  let db: Db;
  let ownerA: ReturnType<typeof sessionFetch>;
  let ownerB: ReturnType<typeof sessionFetch>;
  let keyA: string;
  let keyB: string;
  let readKeyA: string;
  let scanA: string;

  const v1 = (key: string, path: string, init: RequestInit = {}) =>
    fetch(app.url + path, { ...init, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    site = await serveSite({ ...SMALL_SITE });
    app = await startApp();
    db = openDatabase(app.database);
  }, 600_000);

  afterAll(async () => {
    await db?.$disconnect();
    await app?.stop();
    await site?.close();
  });

  it("offers the first owner a setup page only with the token printed in the server log, then closes it", async () => {
    const login = await fetch(app.url + "/login");
    expect(await login.text()).toContain("setup-hint");
    const token = /\/setup\?token=([\w-]+)/.exec(app.output())?.[1];
    expect(token).toBeDefined();
    expect(await (await fetch(app.url + "/setup?token=wrong")).text()).toContain("Setup is closed");
    const refused = await fetch(app.url + "/api/auth/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "wrong", email: "a@example.test", password: TEST_PASSWORD }) });
    expect(refused.status).toBe(404);
    expect(await (await fetch(app.url + `/setup?token=${token}`)).text()).toContain("Create owner");
    const created = await fetch(app.url + "/api/auth/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, email: "a@example.test", password: TEST_PASSWORD }) });
    expect(created.status).toBe(201);
    // a second owner cannot be made with the same link
    const again = await fetch(app.url + "/api/auth/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token, email: "x@example.test", password: TEST_PASSWORD }) });
    expect(again.status).toBe(404);
    ownerA = sessionFetch(app, await signIn(app, "a@example.test"));
    const ws = await createWorkspace(db, "team-b");
    await addUser(app, { email: "b@example.test", workspace: "team-b" });
    await addUser(app, { email: "viewer@example.test", role: "viewer" });
    ownerB = sessionFetch(app, await signIn(app, "b@example.test"));
    keyA = (await createApiKey(db, "a", DEFAULT_WORKSPACE_ID)).key;
    readKeyA = (await createApiKey(db, "a-read", DEFAULT_WORKSPACE_ID, "read")).key;
    keyB = (await createApiKey(db, "b", ws.id)).key;
  });

  it("answers 401 on /api/ui without a session and sends pages to the login page", async () => {
    for (const [path, method] of [["/api/ui/scans/x", "GET"], ["/api/ui/scans", "POST"], ["/api/ui/keys", "POST"], ["/api/ui/sites/x/alerts", "PUT"]] as const) {
      const r = await fetch(app.url + path, { method, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
      expect(r.status, path).toBe(401);
      expect((await r.json()).error.code).toBe("unauthorized");
    }
    for (const path of ["/", "/keys", "/changes", "/scans/x/pages"]) {
      const r = await fetch(app.url + path, { redirect: "manual" });
      expect(r.status, path).toBe(307);
      expect(new URL(r.headers.get("location")!, app.url).pathname).toBe("/login");
    }
    // a forged cookie is no session
    expect((await fetch(app.url + "/api/ui/scans/x", { headers: { cookie: "tg_session=forged" } })).status).toBe(401);
  });

  it("refuses changes from another site and requests under a foreign Host, and creates nothing", async () => {
    const keysBefore = await db.apiKey.count();
    const crossSite = await ownerA("/api/ui/keys", { method: "POST", headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" }, body: JSON.stringify({ name: "stolen" }) });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).not.toMatch(/tg_/);
    const originOnly = await ownerA("/api/ui/keys", { method: "POST", headers: { origin: "http://evil.example" }, body: JSON.stringify({ name: "stolen" }) });
    expect(originOnly.status).toBe(403);
    // DNS rebinding: the attacker's page is same-origin with itself, under the attacker's name
    const cookie = await signIn(app, "a@example.test");
    const rebound = { host: "rebind.evil.example", origin: "http://rebind.evil.example", "sec-fetch-site": "same-origin", "content-type": "application/json", cookie };
    expect(await rawRequest(app.url, "/api/ui/keys", "POST", rebound, JSON.stringify({ name: "stolen" }))).toBe(403);
    expect(await rawRequest(app.url, "/api/ui/scans", "POST", rebound, JSON.stringify({ url: site.url }))).toBe(403);
    expect(await rawRequest(app.url, "/api/v1/scans", "POST", { ...rebound, authorization: `Bearer ${keyA}` }, JSON.stringify({ url: site.url }))).toBe(403);
    expect(await rawRequest(app.url, "/", "GET", { host: "rebind.evil.example", cookie })).toBe(403);
    expect(await rawRequest(app.url, "/login", "GET", { host: "rebind.evil.example" })).toBe(403);
    // the same requests under the server's own name pass the Host check (the sign-in is refused for its missing body only)
    expect(await rawRequest(app.url, "/api/ui/keys", "POST", { ...rebound, host: new URL(app.url).host, origin: app.url }, "{}")).toBe(400);
    expect(await db.apiKey.count()).toBe(keysBefore);
    expect(await db.scan.count()).toBe(0);
    // the same request from the dashboard itself works
    const own = await ownerA("/api/ui/keys", { method: "POST", headers: { origin: app.url, "sec-fetch-site": "same-origin" }, body: JSON.stringify({ name: "mine" }) });
    expect(own.status).toBe(201);
  });

  it("sends CSP, frame-ancestors 'none', nosniff and a referrer policy with every page", async () => {
    for (const path of ["/login", "/setup", "/api/ui/scans/x", "/api/openapi.json"]) {
      const r = await fetch(app.url + path, { redirect: "manual" });
      expect(r.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(r.headers.get("referrer-policy"), path).toBe("same-origin");
    }
  });

  it("keeps workspaces apart: another workspace's scan is 404 for keys and sessions (GET and DELETE) and absent from lists", async () => {
    const started = await v1(keyA, "/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url, maxPages: 5 }) });
    expect(started.status).toBe(202);
    scanA = (await started.json()).id;
    expect((await v1(keyA, `/api/v1/scans/${scanA}`)).status).toBe(200);
    expect((await v1(keyB, `/api/v1/scans/${scanA}`)).status).toBe(404);
    expect((await v1(keyB, `/api/v1/scans/${scanA}/report`)).status).toBe(404);
    expect((await v1(keyB, `/api/v1/scans/${scanA}`, { method: "DELETE" })).status).toBe(404);
    expect((await (await v1(keyB, "/api/v1/scans")).json()).items).toEqual([]);
    expect((await (await v1(keyB, "/api/v1/sites")).json()).items).toEqual([]);
    expect((await (await v1(keyA, "/api/v1/scans")).json()).items.map((s: { id: string }) => s.id)).toContain(scanA);
    expect((await ownerB(`/api/ui/scans/${scanA}`)).status).toBe(404);
    expect((await ownerB(`/api/ui/scans/${scanA}`, { method: "DELETE" })).status).toBe(404);
    expect((await ownerB(`/scans/${scanA}`)).status).toBe(404);
    expect(await (await ownerB("/")).text()).not.toContain(site.url);
    expect((await ownerA(`/api/ui/scans/${scanA}`)).status).toBe(200);
    // the same site in workspace B is B's own site, not A's
    const bScan = await v1(keyB, "/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url, maxPages: 5 }) });
    expect(bScan.status).toBe(202);
    const bId = (await bScan.json()).id;
    expect((await v1(keyA, `/api/v1/scans/${bId}`)).status).toBe(404);
    // B cancels its own scan (409 only if it already finished), never "not found"
    expect([200, 409]).toContain((await v1(keyB, `/api/v1/scans/${bId}`, { method: "DELETE" })).status);
  });

  it("lets a read key and a viewer read but not start or cancel scans (403)", async () => {
    expect((await v1(readKeyA, `/api/v1/scans/${scanA}`)).status).toBe(200);
    const start = await v1(readKeyA, "/api/v1/scans", { method: "POST", body: JSON.stringify({ url: site.url }) });
    expect(start.status).toBe(403);
    expect((await start.json()).error.code).toBe("forbidden");
    expect((await v1(readKeyA, `/api/v1/scans/${scanA}`, { method: "DELETE" })).status).toBe(403);
    const viewer = sessionFetch(app, await signIn(app, "viewer@example.test"));
    expect((await viewer(`/api/ui/scans/${scanA}`)).status).toBe(200);
    expect((await viewer("/api/ui/scans", { method: "POST", body: JSON.stringify({ url: site.url }) })).status).toBe(403);
  });

  it("answers a 20 MB body with 413 before the rest of it is sent, with or without Content-Length", async () => {
    const cookie = (await signIn(app, "a@example.test"));
    const json = { "content-type": "application/json", cookie };
    const declared = await partialPost(app.url, "/api/ui/scans", json, 20 * MIB, 256 * 1024);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe("too_large");
    const chunked = await partialPost(app.url, "/api/ui/sites", json, null, 2 * MIB);
    expect(chunked.status).toBe(413);
    const api = await partialPost(app.url, "/api/v1/scans", { "content-type": "application/json", authorization: `Bearer ${keyA}` }, 20 * MIB, 256 * 1024);
    expect(api.status).toBe(413);
  });

  it("refuses URLs over 2,048 characters on /api/ui and /api/v1", async () => {
    const long = `${site.url}?q=${"a".repeat(2100)}`;
    const ui = await ownerA("/api/ui/scans", { method: "POST", body: JSON.stringify({ url: long }) });
    expect(ui.status).toBe(400);
    expect((await ui.json()).error.message).toMatch(/2048/);
    expect((await v1(keyA, "/api/v1/scans", { method: "POST", body: JSON.stringify({ url: long }) })).status).toBe(400);
    expect((await v1(keyA, "/api/v1/sites", { method: "POST", body: JSON.stringify({ url: long }) })).status).toBe(400);
  });

  it("revokes the session on logout: the old cookie is refused afterwards", async () => {
    const cookie = await signIn(app, "a@example.test");
    const s = sessionFetch(app, cookie);
    expect((await s(`/api/ui/scans/${scanA}`)).status).toBe(200);
    const out = await s("/api/auth/logout", { method: "POST" });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await s(`/api/ui/scans/${scanA}`)).status).toBe(401);
  });

  it("sets an HttpOnly, SameSite=Lax cookie, and limits sign-in attempts per email", async () => {
    const r = await fetch(app.url + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "viewer@example.test", password: TEST_PASSWORD }) });
    const cookie = r.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    await addUser(app, { email: "limited@example.test" });
    const attempt = (password: string) => fetch(app.url + "/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "limited@example.test", password }) });
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_EMAIL; i++) statuses.push((await attempt("wrong password")).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await attempt(TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
