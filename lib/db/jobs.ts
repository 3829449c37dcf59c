import type { Db } from "./client";

/** Job rows of the embedded queue (lib/queue/embedded-queue.ts). Claims are compare-and-set updates, portable to any SQL backend. */
export type JobState = "created" | "active" | "completed" | "failed" | "cancelled";

export interface JobRow {
  id: string;
  queue: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
  singletonKey: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

export async function insertJob(
  db: Db,
  job: { queue: string; payload: unknown; maxAttempts: number; runAfter: Date; singletonKey?: string; priority?: number },
): Promise<JobRow> {
  return (await db.job.create({
    data: {
      queue: job.queue,
      payload: job.payload as object,
      maxAttempts: job.maxAttempts,
      runAfter: job.runAfter,
      singletonKey: job.singletonKey ?? null,
      priority: job.priority ?? 0,
    },
  })) as JobRow;
}

export async function findOpenJobBySingletonKey(db: Db, queue: string, singletonKey: string): Promise<JobRow | null> {
  return (await db.job.findFirst({ where: { queue, singletonKey, state: { in: ["created", "active"] } } })) as JobRow | null;
}

/** Number of candidates read per claim attempt: enough to step past rows another worker claimed first. */
const CLAIM_CANDIDATES = 5;

/**
 * Claims the next runnable job: a created job whose runAfter has passed, or an active job whose lease expired
 * (its worker died). Returns null when there is none. An expired job that has used all its attempts is marked
 * failed with the reason instead of being run again.
 */
export async function claimJob(db: Db, queue: string, workerId: string, leaseMs: number, now = new Date()): Promise<JobRow | null> {
  const candidates = (await db.job.findMany({
    where: {
      queue,
      OR: [
        { state: "created", runAfter: { lte: now } },
        { state: "active", lockedUntil: { lt: now } },
      ],
    },
    orderBy: [{ priority: "desc" }, { createdAt: "asc" }],
    take: CLAIM_CANDIDATES,
  })) as JobRow[];
  for (const c of candidates) {
    if (c.state === "active" && c.attempts >= c.maxAttempts) {
      await db.job.updateMany({
        where: { id: c.id, state: "active", attempts: c.attempts },
        data: { state: "failed", lastError: c.lastError ?? `worker ${c.lockedBy ?? "?"} stopped responding ${c.attempts} times`, lockedBy: null, lockedUntil: null },
      });
      continue;
    }
    const claimed = await db.job.updateMany({
      where: { id: c.id, state: c.state, attempts: c.attempts },
      data: { state: "active", attempts: c.attempts + 1, lockedBy: workerId, lockedUntil: new Date(now.getTime() + leaseMs) },
    });
    if (claimed.count === 1) return (await db.job.findUnique({ where: { id: c.id } })) as JobRow;
  }
  return null;
}

/** Extends the lease; returns the job's state so a running handler learns of a cancellation. */
export async function renewLease(db: Db, id: string, workerId: string, leaseMs: number): Promise<JobState | null> {
  await db.job.updateMany({ where: { id, state: "active", lockedBy: workerId }, data: { lockedUntil: new Date(Date.now() + leaseMs) } });
  const row = await db.job.findUnique({ where: { id }, select: { state: true, lockedBy: true } });
  if (!row) return null;
  if (row.state === "active" && row.lockedBy !== workerId) return "cancelled"; // another worker took it over
  return row.state as JobState;
}

export async function completeJob(db: Db, id: string, workerId: string): Promise<void> {
  await db.job.updateMany({
    where: { id, state: "active", lockedBy: workerId },
    data: { state: "completed", completedAt: new Date(), lockedBy: null, lockedUntil: null },
  });
}

/** Records a failure: back to created with a delay while attempts remain, else failed (dead) with the error kept. */
export async function failJob(db: Db, id: string, workerId: string, error: string, retryDelayMs: number | null): Promise<JobState> {
  const row = await db.job.findUnique({ where: { id } });
  if (!row || row.state !== "active" || row.lockedBy !== workerId) return (row?.state as JobState) ?? "failed";
  const dead = retryDelayMs === null || row.attempts >= row.maxAttempts;
  await db.job.updateMany({
    where: { id, state: "active", lockedBy: workerId },
    data: dead
      ? { state: "failed", lastError: error, lockedBy: null, lockedUntil: null, completedAt: new Date() }
      : { state: "created", lastError: error, lockedBy: null, lockedUntil: null, runAfter: new Date(Date.now() + retryDelayMs) },
  });
  return dead ? "failed" : "created";
}

/** Gives a claimed job back (worker shutting down); the attempt it used is not counted. */
export async function releaseJob(db: Db, id: string, workerId: string): Promise<void> {
  const row = await db.job.findUnique({ where: { id }, select: { attempts: true } });
  if (!row) return;
  await db.job.updateMany({
    where: { id, state: "active", lockedBy: workerId },
    data: { state: "created", attempts: Math.max(0, row.attempts - 1), lockedBy: null, lockedUntil: null, runAfter: new Date() },
  });
}

export async function cancelJob(db: Db, id: string): Promise<boolean> {
  const r = await db.job.updateMany({ where: { id, state: { in: ["created", "active"] } }, data: { state: "cancelled", completedAt: new Date() } });
  return r.count === 1;
}

export async function getJob(db: Db, id: string): Promise<JobRow | null> {
  return (await db.job.findUnique({ where: { id } })) as JobRow | null;
}

