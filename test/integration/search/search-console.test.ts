import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSearchRows, listSiteSearchDataSets } from "@/lib/db/search-data";
import { getSearchConsole } from "@/lib/db/search-console";
import { insertSite } from "@/lib/db/sites";
import { AppError } from "@/lib/errors";
import { insertSchedule } from "@/lib/db/schedules";
import { runDueSchedules } from "@/lib/pipeline/scheduler";
import { configureSearchConsole, queueDueSearchConsoleRefreshes, refreshRange, refreshSearchConsole, SEARCH_CONSOLE_QUEUE } from "@/lib/pipeline/search-console-sync";
import type { Runtime } from "@/lib/runtime";
import { SearchConsoleClient } from "@/lib/search/search-console";
import { parseServiceAccountKey } from "@/lib/search/service-account";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";
import { startSearchConsoleStandIn, type StandIn, type StandInRow } from "../../support/search-console-stand-in";
import { DEFAULT_WORKSPACE_ID } from "@/lib/db/workspaces";

const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
const PEM = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const EMAIL = "topicgate@audit-project.iam.gserviceaccount.com";
const KEY_JSON = JSON.stringify({ type: "service_account", project_id: "audit-project", private_key_id: "abc123", private_key: PEM, client_email: EMAIL, token_uri: "https://oauth2.googleapis.com/token" });
const PROPERTY = "sc-domain:bakery.example";
const U = (p: string) => `https://bakery.example${p}`;
const DATA: StandInRow[] = [
  { query: "sourdough starter", page: U("/sourdough"), clicks: 90, impressions: 2000, position: 3 },
  { query: "sourdough hydration", page: U("/sourdough"), clicks: 10, impressions: 800, position: 9 },
  { query: "rye bread recipe", page: U("/rye"), clicks: 30, impressions: 1000, position: 8 },
  { query: "rye bread recipe", page: U("/rye-recipe"), clicks: 25, impressions: 900, position: 9 },
  { query: "dark rye", page: U("/rye"), clicks: 5, impressions: 300, position: 12 },
];

describe("Search Console connector against a local stand-in of the API", () => {
  let standIn: StandIn;
  const client = (overrides: Partial<ConstructorParameters<typeof SearchConsoleClient>[1]> = {}) =>
    new SearchConsoleClient(parseServiceAccountKey(KEY_JSON), { apiBase: standIn.apiBase, tokenUrl: standIn.tokenUrl, allowPrivate: true, userAgent: "TopicGateBot/test", timeoutMs: 10_000, retryBaseMs: 10, ...overrides });

  beforeAll(async () => {
    standIn = await startSearchConsoleStandIn({ publicKey, clientEmail: EMAIL, properties: [PROPERTY], data: DATA, startDate: "2026-10-01", endDate: "2026-10-28" });
  });
  afterAll(() => standIn.close());

  it("pages through rows with rowLimit and startRow until a short page, for the page and the query+page dimensions", async () => {
    const c = client({ rowLimit: 2 });
    standIn.queries.length = 0;
    const pages = await c.fetchAll(PROPERTY, { startDate: "2026-10-01", endDate: "2026-10-28", dimensions: ["query", "page"] });
    expect(pages).toMatchObject({ pages: 3, truncated: false });
    expect(pages.rows.map((r) => r.keys)).toEqual([
      ["sourdough starter", U("/sourdough")], ["rye bread recipe", U("/rye")], ["rye bread recipe", U("/rye-recipe")], ["sourdough hydration", U("/sourdough")], ["dark rye", U("/rye")],
    ]);
    expect(standIn.queries.map((q) => [q.body.startRow, q.body.rowLimit, q.body.dimensions.join()])).toEqual([[0, 2, "query,page"], [2, 2, "query,page"], [4, 2, "query,page"]]);
    expect(standIn.queries[0]).toMatchObject({ property: PROPERTY, body: { startDate: "2026-10-01", endDate: "2026-10-28", type: "web" } });

    const sets = await c.fetchDataSets(PROPERTY, { startDate: "2026-10-01", endDate: "2026-10-28" });
    expect(sets.map((s) => [s.kind, s.rows.length])).toEqual([["page", 3], ["query-page", 5]]);
    expect(sets[0].rows.find((r) => r.page === U("/sourdough"))).toMatchObject({ clicks: 100, impressions: 2800 });
    expect(c.calls.token).toBe(1); // one token for every call while it is valid
    await c.close();
  });

  it("gets a new token and retries once when the API answers 401 (expired credentials)", async () => {
    const c = client();
    await c.fetchAll(PROPERTY, { startDate: "2026-10-01", endDate: "2026-10-28", dimensions: ["page"] });
    standIn.expired.add(standIn.tokens[standIn.tokens.length - 1]);
    const before = standIn.tokens.length;
    const again = await c.fetchAll(PROPERTY, { startDate: "2026-10-01", endDate: "2026-10-28", dimensions: ["page"] });
    expect(again.rows).toHaveLength(3);
    expect(standIn.tokens.length).toBe(before + 1);
    expect(c.calls.token).toBe(2);
    await c.close();
  });

  it("retries 5xx and 429 answers, and reports a property without access with what to do", async () => {
    const c = client();
    standIn.failNextQuery = 503;
    expect((await c.fetchAll(PROPERTY, { startDate: "2026-10-01", endDate: "2026-10-28", dimensions: ["page"] })).rows).toHaveLength(3);
    const denied = await c.fetchAll("sc-domain:other.example", { startDate: "2026-10-01", endDate: "2026-10-28", dimensions: ["page"] }).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AppError);
    expect((denied as AppError).code).toBe("upstream");
    expect((denied as AppError).message).toMatch(/HTTP 403.*PERMISSION_DENIED.*add topicgate@audit-project.iam.gserviceaccount.com as a user/);
    await c.close();
  });

  it("reports a key the token endpoint refuses", async () => {
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const c = new SearchConsoleClient(parseServiceAccountKey({ ...JSON.parse(KEY_JSON), private_key: other }), { apiBase: standIn.apiBase, tokenUrl: standIn.tokenUrl, allowPrivate: true, userAgent: "t", timeoutMs: 10_000 });
    await expect(c.fetchAll(PROPERTY, { startDate: "2026-10-01", endDate: "2026-10-28", dimensions: ["page"] })).rejects.toThrow(/refused the service account.*invalid_grant: Invalid JWT Signature/);
    await c.close();
  });

  it("refuses the local stand-in unless private hosts are allowed (the address guard applies to every call)", async () => {
    const c = client({ allowPrivate: false });
    await expect(c.fetchAll(PROPERTY, { startDate: "2026-10-01", endDate: "2026-10-28", dimensions: ["page"] })).rejects.toMatchObject({ code: "private_address" });
    await c.close();
  });

  describe("stored connector", () => {
    let t: TestDatabase;
    let rt: Runtime;
    let siteId: string;
    const secret = crypto.randomBytes(32).toString("base64");

    beforeAll(async () => {
      t = await createTestDatabase();
      rt = await testRuntime(t.file, { TOPICGATE_SECRET_KEY: secret, TOPICGATE_GSC_API_BASE: standIn.apiBase, TOPICGATE_GSC_TOKEN_URL: standIn.tokenUrl });
      siteId = (await insertSite(rt.db, { workspaceId: DEFAULT_WORKSPACE_ID, url: U("/"), name: "bakery", settings: {}, webhookUrl: null, webhookSecret: null })).id;
    });
    afterAll(async () => {
      await rt.close();
      await t.close();
    });

    it("refuses to store a key without TOPICGATE_SECRET_KEY, with a clear error", async () => {
      const bare = await testRuntime(t.file, {});
      await expect(configureSearchConsole(bare, siteId, { serviceAccountKey: KEY_JSON, property: PROPERTY })).rejects.toMatchObject({ code: "not_configured", message: expect.stringMatching(/TOPICGATE_SECRET_KEY is not set/) });
      await bare.close();
    });

    it("checks that the property covers the site", async () => {
      await expect(configureSearchConsole(rt, siteId, { serviceAccountKey: KEY_JSON, property: "sc-domain:other.example" })).rejects.toThrow(/does not cover/);
      await expect(configureSearchConsole(rt, siteId, { serviceAccountKey: KEY_JSON, property: "https://other.example/" })).rejects.toThrow(/not the site's host/);
    });

    it("stores the key encrypted, refreshes into the site's data sets, and is due again a day later", async () => {
      const now = new Date("2026-11-01T06:00:00Z");
      const view = await configureSearchConsole(rt, siteId, { serviceAccountKey: JSON.parse(KEY_JSON), property: PROPERTY, rangeDays: 28 }, now);
      expect(view).toMatchObject({ property: PROPERTY, clientEmail: EMAIL, rangeDays: 28, enabled: true, lastStatus: null });
      expect(JSON.stringify(view)).not.toContain("PRIVATE KEY");
      const row = await getSearchConsole(rt.db, siteId);
      expect(row?.encryptedKey.startsWith("v1:")).toBe(true);
      expect(row?.encryptedKey).not.toContain("PRIVATE KEY");
      expect(row?.encryptedKey).not.toContain(EMAIL);

      // due at once; one claim wins, the second tick finds nothing due
      expect(await queueDueSearchConsoleRefreshes(rt, now)).toEqual([siteId]);
      expect(await queueDueSearchConsoleRefreshes(rt, now)).toEqual([]);
      expect((await getSearchConsole(rt.db, siteId))?.nextRefreshAt?.toISOString()).toBe("2026-11-02T06:00:00.000Z");

      standIn.queries.length = 0;
      const r = await refreshSearchConsole(rt, siteId, now);
      expect(r).toEqual({ rows: 8, ...refreshRange(28, now) });
      expect(r.endDate).toBe("2026-10-29");
      expect(standIn.queries.every((q) => q.body.startDate === "2026-10-02" && q.body.endDate === "2026-10-29")).toBe(true);
      const sets = await listSiteSearchDataSets(rt.db, siteId);
      expect(sets.map((s) => [s.kind, s.origin, s.format, s.rowCount]).sort()).toEqual([["page", "connector", "gsc-connector", 3], ["query-page", "connector", "gsc-connector", 5]]);
      expect((await listSearchRows(rt.db, sets.find((s) => s.kind === "query-page")!.id)).find((x) => x.query === "dark rye")).toMatchObject({ page: U("/rye"), clicks: 5, impressions: 300, position: 12 });
      expect(await getSearchConsole(rt.db, siteId)).toMatchObject({ lastStatus: "ok", lastError: null });

      // a second refresh replaces the data sets instead of stacking them
      await refreshSearchConsole(rt, siteId, now);
      expect(await listSiteSearchDataSets(rt.db, siteId)).toHaveLength(2);
    });

    it("queues a refresh with a site's scheduled scan when its data is more than 12 hours old", async () => {
      // a site whose address resolves here: the schedule's scan is really queued
      const other = await insertSite(rt.db, { workspaceId: DEFAULT_WORKSPACE_ID, url: "http://localhost/", name: "local", settings: {}, webhookUrl: null, webhookSecret: null });
      const now = new Date("2026-11-05T06:00:00Z");
      await configureSearchConsole(rt, other.id, { serviceAccountKey: KEY_JSON, property: "sc-domain:localhost", enabled: false }, now);
      await rt.db.searchConsoleConnection.update({ where: { siteId: other.id }, data: { enabled: true, lastRefreshAt: new Date(now.getTime() - 13 * 3_600_000) } });
      await insertSchedule(rt.db, { siteId: other.id, cron: "0 6 * * *", enabled: true, nextRunAt: now });
      expect(await rt.queue.findOpen(SEARCH_CONSOLE_QUEUE, `gsc:${other.id}`)).toBeNull();
      const outcomes = await runDueSchedules(rt, now);
      expect(outcomes).toEqual([expect.objectContaining({ outcome: "started" })]);
      expect(await rt.queue.findOpen(SEARCH_CONSOLE_QUEUE, `gsc:${other.id}`)).not.toBeNull();
    });

    it("records a failed refresh with Google's message", async () => {
      await configureSearchConsole(rt, siteId, { serviceAccountKey: KEY_JSON, property: "sc-domain:bakery.example" });
      await rt.db.searchConsoleConnection.update({ where: { siteId }, data: { property: "https://www.bakery.example/" } });
      await expect(refreshSearchConsole(rt, siteId)).rejects.toMatchObject({ code: "upstream" });
      expect(await getSearchConsole(rt.db, siteId)).toMatchObject({ lastStatus: "failed", lastError: expect.stringMatching(/PERMISSION_DENIED/) });
    });
  });
});
