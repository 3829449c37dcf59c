import crypto from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimJob, getJob } from "@/lib/db/jobs";
import { EmbeddedQueue } from "@/lib/queue/embedded-queue";
import { PgBossQueue } from "@/lib/queue/pg-boss-queue";
import { PermanentJobError, type JobQueue } from "@/lib/queue/types";
import { createTestDatabase, type TestDatabase } from "../../support/db";

const PG_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Backend {
  queue: JobQueue;
  close(): Promise<void>;
}

async function embedded(): Promise<Backend> {
  const t = await createTestDatabase();
  const queue = new EmbeddedQueue(t.db);
  return { queue, close: async () => { await queue.stop({ abortRunning: true }); await t.close(); } };
}

async function pgBoss(): Promise<Backend> {
  const schema = `tg_boss_${crypto.randomBytes(4).toString("hex")}`;
  const queue = new PgBossQueue({ connectionString: PG_URL, schema, expireInSeconds: 60, retryDelaySeconds: 1 });
  return {
    queue,
    close: async () => {
      await queue.stop({ abortRunning: true });
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    },
  };
}

describe.each([
  ["embedded queue on SQLite", embedded],
  ["pg-boss on PostgreSQL", pgBoss],
])("job queue contract: %s", (_name, make) => {
  let b: Backend;
  beforeEach(async () => {
    b = await make();
  });
  afterEach(async () => {
    await b.close();
  });

  it("runs a job once and marks it completed", async () => {
    const seen: string[] = [];
    const id = await b.queue.send("q", { n: 1 });
    b.queue.work<{ n: number }>("q", async (job) => void seen.push(`${job.id}:${job.data.n}:${job.attempt}`), { pollIntervalMs: 20 });
    await waitFor(async () => (await b.queue.getJob("q", id))?.state === "completed");
    expect(seen).toEqual([`${id}:1:1`]);
  });

  it("retries and keeps the error when attempts run out (dead), without blocking other jobs", async () => {
    const bad = await b.queue.send("q", { bad: true }, { maxAttempts: 2 });
    const good = await b.queue.send("q", { bad: false });
    let calls = 0;
    b.queue.work<{ bad: boolean }>("q", async (job) => {
      if (!job.data.bad) return;
      calls++;
      throw new Error(`boom ${calls}`);
    }, { pollIntervalMs: 20, retryDelayMs: () => 50 });
    const job = await waitFor(async () => {
      const j = await b.queue.getJob("q", bad);
      return j?.state === "failed" ? j : null;
    });
    expect(calls).toBe(2);
    expect(job.lastError).toBe("boom 2");
    expect((await b.queue.getJob("q", good))?.state).toBe("completed");
  });

  it("does not retry a permanent error", async () => {
    const id = await b.queue.send("q", {}, { maxAttempts: 3 });
    let calls = 0;
    b.queue.work("q", async () => {
      calls++;
      throw new PermanentJobError("bad input");
    }, { pollIntervalMs: 20, retryDelayMs: () => 10 });
    await waitFor(async () => (await b.queue.getJob("q", id))?.state === "failed");
    await new Promise((r) => setTimeout(r, 1500));
    expect(calls).toBe(1);
  });

  it("cancels a running job: its handler's signal is aborted", async () => {
    const id = await b.queue.send("q", {});
    let aborted = false;
    b.queue.work("q", (_job, signal) => new Promise<void>((_resolve, reject) => {
      signal.addEventListener("abort", () => {
        aborted = true;
        reject(new Error("aborted"));
      });
    }), { pollIntervalMs: 20, leaseMs: 150 });
    await waitFor(async () => (await b.queue.getJob("q", id))?.state === "active");
    expect(await b.queue.cancel("q", id)).toBe(true);
    await waitFor(async () => aborted);
    expect((await b.queue.getJob("q", id))?.state).toBe("cancelled");
  });

  it("returns the open job for a singleton key instead of adding another", async () => {
    const a = await b.queue.send("q", { x: 1 }, { singletonKey: "site-1" });
    const c = await b.queue.send("q", { x: 2 }, { singletonKey: "site-1" });
    expect(c).toBe(a);
    expect(await b.queue.findOpen("q", "site-1")).toBe(a);
    expect(await b.queue.findOpen("q", "site-2")).toBeNull();
  });
});

describe("embedded queue leases (real SQLite file)", () => {
  let t: TestDatabase;
  let queue: EmbeddedQueue;
  beforeEach(async () => {
    t = await createTestDatabase();
    queue = new EmbeddedQueue(t.db);
  });
  afterEach(async () => {
    await queue.stop({ abortRunning: true });
    await t.close();
  });

  it("lets only one of two competing workers claim a job", async () => {
    const id = await queue.send("q", {});
    const [a, b] = await Promise.all([claimJob(t.db, "q", "w1", 10_000), claimJob(t.db, "q", "w2", 10_000)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((a ?? b)?.id).toBe(id);
  });

  it("hands a job whose lease expired (dead worker) to another worker", async () => {
    const id = await queue.send("q", {});
    const first = await claimJob(t.db, "q", "dead-worker", 100);
    expect(first?.id).toBe(id);
    expect(await claimJob(t.db, "q", "w2", 10_000)).toBeNull(); // lease still held
    await new Promise((r) => setTimeout(r, 150));
    const second = await claimJob(t.db, "q", "w2", 10_000);
    expect(second?.id).toBe(id);
    expect(second?.attempts).toBe(2);
    expect(second?.lockedBy).toBe("w2");
  });

  it("marks a job failed when its workers died as many times as it has attempts", async () => {
    const id = await queue.send("q", {}, { maxAttempts: 1 });
    await claimJob(t.db, "q", "dead-worker", 50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await claimJob(t.db, "q", "w2", 10_000)).toBeNull();
    const row = await getJob(t.db, id);
    expect(row?.state).toBe("failed");
    expect(row?.lastError).toMatch(/stopped responding/);
  });

  it("gives a running job back untouched when the worker stops", async () => {
    const id = await queue.send("q", {});
    queue.work("q", (_job, signal) => new Promise<void>((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("stopping")))), { pollIntervalMs: 20 });
    await waitFor(async () => (await queue.getJob("q", id))?.state === "active");
    await queue.stop({ abortRunning: true });
    const row = await getJob(t.db, id);
    expect(row?.state).toBe("created");
    expect(row?.attempts).toBe(0);
  });
});
