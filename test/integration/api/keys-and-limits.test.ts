import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, createApiKey, hashApiKey } from "@/lib/api/api-keys";
import { enforceRateLimit, enforceScanCap, RATE_WINDOW_MS } from "@/lib/api/rate-limit";
import { openDatabase, type Db } from "@/lib/db/client";
import { listApiKeys, revokeApiKey } from "@/lib/db/api-keys";
import { createScan, setScanStatus } from "@/lib/db/scans";
import { upsertSite } from "@/lib/db/sites";
import { AppError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { DEFAULT_WORKSPACE_ID } from "@/lib/db/workspaces";

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error("expected a rejection");
}

describe("API keys and rate limits on a real database", () => {
  let t: TestDatabase;
  let second: Db;
  beforeAll(async () => {
    t = await createTestDatabase();
    second = openDatabase({ databaseKind: "sqlite", databaseUrl: t.file });
  });
  afterAll(async () => {
    await second.$disconnect();
    await t.close();
  });

  it("stores only the hash, authenticates the key, records its last use, and refuses it once revoked", async () => {
    const { key, apiKey } = await createApiKey(t.db, "ci", DEFAULT_WORKSPACE_ID);
    const row = await t.db.apiKey.findUnique({ where: { id: apiKey.id } });
    expect(row?.hash).toBe(hashApiKey(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(apiKey.lastUsedAt).toBeNull();
    const authed = await authenticate(t.db, `Bearer ${key}`);
    expect(authed.id).toBe(apiKey.id);
    expect((await listApiKeys(t.db)).find((k) => k.id === apiKey.id)?.lastUsedAt).toBeInstanceOf(Date);
    expect((await errorOf(authenticate(t.db, "Bearer tg_not-a-real-key"))).message).toBe("Invalid API key");
    expect(await revokeApiKey(t.db, apiKey.id)).toBe(true);
    expect(await revokeApiKey(t.db, apiKey.id)).toBe(false);
    const e = await errorOf(authenticate(t.db, `Bearer ${key}`));
    expect(e.code).toBe("unauthorized");
    expect(e.message).toMatch(/revoked/);
  });

  it("counts requests per key and window across two database clients (two web servers) and says when to retry", async () => {
    const now = 1_000 * RATE_WINDOW_MS + 45_000;
    expect((await enforceRateLimit(t.db, "k1", 3, now)).remaining).toBe(2);
    expect((await enforceRateLimit(second, "k1", 3, now)).remaining).toBe(1);
    expect((await enforceRateLimit(t.db, "k1", 3, now)).remaining).toBe(0);
    const e = await errorOf(enforceRateLimit(second, "k1", 3, now));
    expect(e.code).toBe("rate_limited");
    expect(e.details).toEqual({ retryAfterSeconds: 15, limit: 3 });
    // another key has its own budget
    expect((await enforceRateLimit(t.db, "k2", 3, now)).remaining).toBe(2);
    // the next window starts afresh and drops the finished one
    expect((await enforceRateLimit(t.db, "k1", 3, now + RATE_WINDOW_MS)).remaining).toBe(2);
    expect(await t.db.rateLimitWindow.count({ where: { bucket: "key:k1" } })).toBe(1);
  });

  it("keeps concurrent hits exact (no lost update)", async () => {
    const now = 2_000 * RATE_WINDOW_MS;
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => enforceRateLimit(i % 2 ? t.db : second, "k3", 25, now)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(25);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(15);
  });

  it("caps the scans one key has queued or running", async () => {
    const site = await upsertSite(t.db, "http://127.0.0.1:9/");
    const options = { maxPages: 1, maxDepth: 0, concurrency: 1, allowPrivate: true };
    const a = await createScan(t.db, { siteId: site.id, url: site.url, options, trigger: "api", apiKeyId: "capped" });
    await createScan(t.db, { siteId: site.id, url: site.url, options, trigger: "api", apiKeyId: "capped" });
    const e = await errorOf(enforceScanCap(t.db, "capped", 2));
    expect(e.code).toBe("rate_limited");
    expect(e.message).toMatch(/2 scans queued or running \(limit 2\)/);
    await setScanStatus(t.db, a.id, "done");
    await expect(enforceScanCap(t.db, "capped", 2)).resolves.toBeUndefined();
  });
});
