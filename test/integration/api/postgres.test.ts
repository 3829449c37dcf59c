import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate, createApiKey } from "@/lib/api/api-keys";
import { enforceRateLimit, RATE_WINDOW_MS } from "@/lib/api/rate-limit";
import type { Db } from "@/lib/db/client";
import { twoPostgresServers } from "@/test/support/postgres";
import { claimScheduleRun, insertSchedule } from "@/lib/db/schedules";
import { upsertSite } from "@/lib/db/sites";
import { DEFAULT_WORKSPACE_ID } from "@/lib/db/workspaces";

/** Rate limits, keys and schedule claims on PostgreSQL (scale-out): two clients stand for two stateless servers. */

let a: Db;
let b: Db;
let servers: Awaited<ReturnType<typeof twoPostgresServers>>;
beforeAll(async () => {
  servers = await twoPostgresServers("tg_api");
  ({ a, b } = servers);
});
afterAll(() => servers?.close());

describe("API state on PostgreSQL", () => {
  it("counts one key's requests exactly across two servers hitting at once", async () => {
    const now = 3_000 * RATE_WINDOW_MS + 10_000;
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => enforceRateLimit(i % 2 ? a : b, "pgkey", 45, now)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(45);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(15);
    expect(rejected[0].reason.details).toEqual({ retryAfterSeconds: 50, limit: 45 });
  });

  it("authenticates a key created on another server", async () => {
    const { key, apiKey } = await createApiKey(a, "pg", DEFAULT_WORKSPACE_ID);
    expect((await authenticate(b, `Bearer ${key}`)).id).toBe(apiKey.id);
  });

  it("lets exactly one of two servers claim a schedule's run", async () => {
    const site = await upsertSite(a, "https://pg.example/");
    const due = new Date(Date.now() - 1000);
    const s = await insertSchedule(a, { siteId: site.id, cron: "*/2 * * * * *", enabled: true, nextRunAt: due });
    const next = new Date(Date.now() + 2000);
    const won = await Promise.all([claimScheduleRun(a, s.id, due, next, new Date()), claimScheduleRun(b, s.id, due, next, new Date())]);
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
