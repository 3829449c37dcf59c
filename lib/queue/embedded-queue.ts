import os from "node:os";
import type { Logger } from "pino";
import type { Db } from "../db/client";
import { cancelJob, claimJob, releaseJob, completeJob, failJob, findOpenJobBySingletonKey, getJob, insertJob, renewLease } from "../db/jobs";
import { errorMessage } from "../errors";
import { exponentialBackoff, PermanentJobError, type JobHandler, type JobQueue, type JobStatus, type SendOptions, type WorkOptions } from "./types";

/** How long a claim holds without a heartbeat before another worker may take the job over. */
export const DEFAULT_LEASE_MS = 30_000;
export const DEFAULT_POLL_MS = 500;
export const DEFAULT_MAX_ATTEMPTS = 3;

interface Worker {
  stopped: boolean;
  running: Promise<void> | null;
  abort: AbortController | null;
  timer: NodeJS.Timeout | null;
  wake: (() => void) | null;
}

/** The job queue kept in the application database, for the embedded (single machine) mode. */
export class EmbeddedQueue implements JobQueue {
  private readonly workers: Worker[] = [];

  constructor(
    private readonly db: Db,
    private readonly log?: Logger,
  ) {}

  async send<T>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    if (options.singletonKey) {
      const open = await findOpenJobBySingletonKey(this.db, queue, options.singletonKey);
      if (open) return open.id;
    }
    const row = await insertJob(this.db, {
      queue,
      payload: data,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      runAfter: options.startAfter ?? new Date(),
      singletonKey: options.singletonKey,
    });
    return row.id;
  }

  work<T>(queue: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${this.workers.length}`;
    const pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS;
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const retryDelay = options.retryDelayMs ?? exponentialBackoff;
    const worker: Worker = { stopped: false, running: null, abort: null, timer: null, wake: null };
    this.workers.push(worker);

    const runOne = async (): Promise<boolean> => {
      const job = await claimJob(this.db, queue, workerId, leaseMs);
      if (!job) return false;
      const abort = new AbortController();
      worker.abort = abort;
      const heartbeat = setInterval(() => {
        renewLease(this.db, job.id, workerId, leaseMs)
          .then((state) => {
            if (state !== "active") abort.abort(new Error(`job ${state ?? "deleted"}`));
          })
          .catch(() => undefined); // a missed heartbeat only shortens the lease; the next one retries
      }, Math.max(50, Math.floor(leaseMs / 3)));
      try {
        await handler({ id: job.id, queue, data: job.payload as T, attempt: job.attempts }, abort.signal);
        await completeJob(this.db, job.id, workerId);
      } catch (error) {
        if (worker.stopped) {
          // Shutting down (Ctrl-C): hand the job back untouched so the next worker resumes it.
          await releaseJob(this.db, job.id, workerId);
          return true;
        }
        const permanent = error instanceof PermanentJobError || abort.signal.aborted;
        await failJob(this.db, job.id, workerId, errorMessage(error), permanent ? null : retryDelay(job.attempts));
      } finally {
        clearInterval(heartbeat);
        worker.abort = null;
      }
      return true;
    };

    const loop = async (): Promise<void> => {
      while (!worker.stopped) {
        let didWork = false;
        try {
          didWork = await runOne();
        } catch (err) {
          this.log?.warn({ err }, "job queue could not be read; trying again after a poll interval");
          didWork = false; // the database was briefly unavailable: wait a poll interval and try again
        }
        if (!didWork && !worker.stopped) {
          await new Promise<void>((resolve) => {
            worker.wake = resolve;
            worker.timer = setTimeout(resolve, pollMs);
          });
        }
      }
    };
    worker.running = loop();
  }

  async cancel(_queue: string, id: string): Promise<boolean> {
    return cancelJob(this.db, id);
  }

  async findOpen(queue: string, singletonKey: string): Promise<string | null> {
    return (await findOpenJobBySingletonKey(this.db, queue, singletonKey))?.id ?? null;
  }

  async getJob(_queue: string, id: string): Promise<JobStatus | null> {
    const row = await getJob(this.db, id);
    return row && { id: row.id, state: row.state, attempts: row.attempts, lastError: row.lastError };
  }

  async stop(options: { abortRunning?: boolean } = {}): Promise<void> {
    for (const w of this.workers) {
      w.stopped = true;
      if (w.timer) clearTimeout(w.timer);
      w.wake?.();
      if (options.abortRunning) w.abort?.abort(new Error("worker stopping"));
    }
    await Promise.all(this.workers.map((w) => w.running));
    this.workers.length = 0;
  }
}
