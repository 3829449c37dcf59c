import { setTimeout as sleep } from "node:timers/promises";
import PgBoss from "pg-boss";
import { errorMessage } from "../errors";
import { exponentialBackoff, PermanentJobError, type JobHandler, type JobQueue, type JobStatus, type SendOptions, type WorkOptions } from "./types";

/** pg-boss keeps its tables in their own schema of the application database. */
export const PG_BOSS_SCHEMA = "pgboss";
/** How often a running handler renews its job and checks whether it was cancelled (at most; a third of the expiry if shorter). */
const CANCEL_CHECK_MS = 2_000;
const DEFAULT_MAX_ATTEMPTS = 3;
/** Running handlers get this long to finish when the worker stops. */
const STOP_TIMEOUT_MS = 15_000;
/** createQueue tries before ready() gives up (each failure is a rolled-back deadlock or a lost connection). */
const CREATE_QUEUE_ATTEMPTS = 5;
/** Longest wait between attempts to register a worker on a queue. */
const MAX_REGISTER_DELAY_MS = 10_000;

export interface PgBossQueueOptions {
  connectionString: string;
  /** lease: an active job whose worker stopped renewing it is retried after this long (pg-boss expiration) */
  expireInSeconds: number;
  schema?: string;
  /** first retry delay; pg-boss doubles it for each further retry (default 5 s, as the embedded queue) */
  retryDelaySeconds?: number;
  /** told when registering a worker on a queue failed and will be tried again */
  onRegisterError?: (queue: string, error: unknown, retryInMs: number) => void;
}

/**
 * The scale-out job queue: pg-boss on the PostgreSQL database. Same contract as the embedded queue; a killed
 * worker's job expires after `expireInSeconds` and pg-boss hands it to another worker as a retry.
 */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly created = new Set<string>();
  private readonly running = new Set<AbortController>();
  private started: Promise<unknown> | null = null;
  private stopping = false;

  constructor(private readonly options: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema ?? PG_BOSS_SCHEMA,
      // pg-boss's maintenance moves expired jobs to retry: run it at least twice per lease, so a dead worker's job is
      // retried within about 1.5 leases (its own default is once a minute whatever the lease)
      maintenanceIntervalSeconds: Math.min(30, Math.max(2, Math.floor(options.expireInSeconds / 2))),
      monitorStateIntervalSeconds: 60,
    });
    this.boss.on("error", () => undefined); // connection errors are retried by pg-boss; handlers see their own failures
  }

  private get schema(): string {
    return this.options.schema ?? PG_BOSS_SCHEMA;
  }

  private get retryDelaySeconds(): number {
    return this.options.retryDelaySeconds ?? Math.round(exponentialBackoff(1) / 1000);
  }

  private async ready(queue: string, maxAttempts = DEFAULT_MAX_ATTEMPTS): Promise<void> {
    // a failed start (database down) is tried again by the next call instead of being remembered
    this.started ??= this.boss.start().catch((error: unknown) => {
      this.started = null;
      throw error;
    });
    await this.started;
    if (this.created.has(queue)) return;
    // workers starting together deadlock in createQueue now and then (PostgreSQL rolls one back): run it again
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(queue, {
          name: queue,
          retryLimit: maxAttempts - 1,
          retryDelay: this.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: this.options.expireInSeconds,
        });
        break;
      } catch (error) {
        if (attempt >= CREATE_QUEUE_ATTEMPTS) throw error;
        await sleep(100 * attempt + Math.random() * 200);
      }
    }
    this.created.add(queue);
  }

  async send<T>(queue: string, data: T, options: SendOptions = {}): Promise<string> {
    await this.ready(queue);
    if (options.singletonKey) {
      const open = await this.findOpen(queue, options.singletonKey);
      if (open) return open;
    }
    const id = await this.boss.send(queue, data as object, {
      retryLimit: (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1,
      retryDelay: this.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds,
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
    if (!id) {
      const open = options.singletonKey ? await this.findOpen(queue, options.singletonKey) : null;
      if (open) return open;
      throw new Error(`pg-boss refused the job for queue ${queue}`);
    }
    return id;
  }

  async findOpen(queue: string, singletonKey: string): Promise<string | null> {
    await this.ready(queue);
    const schema = this.options.schema ?? PG_BOSS_SCHEMA;
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT id FROM ${schema}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
      [queue, singletonKey],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Registers the handler once the queue exists. Registration that fails (database unreachable, createQueue rolled
   * back) is tried again until the queue stops: a worker that silently never polled a queue would leave its jobs to
   * the others, or to nobody.
   */
  work<T>(queue: string, handler: JobHandler<T>, options: WorkOptions = {}): void {
    const register = async (attempt: number): Promise<void> => {
      if (this.stopping) return;
      try {
        await this.ready(queue);
        await this.poll(queue, handler, options);
      } catch (error) {
        const delay = Math.min(MAX_REGISTER_DELAY_MS, 250 * 2 ** attempt);
        this.options.onRegisterError?.(queue, error, delay);
        setTimeout(() => void register(attempt + 1), delay);
      }
    };
    void register(0);
  }

  private async poll<T>(queue: string, handler: JobHandler<T>, options: WorkOptions): Promise<void> {
    const pollingIntervalSeconds = Math.max(0.5, (options.pollIntervalMs ?? 1000) / 1000);
    await this.boss.work<T>(queue, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
      const meta = await this.boss.getJobById<T>(queue, job.id);
      const abort = new AbortController();
      this.running.add(abort);
      // pg-boss expires an active job `expireInSeconds` after it started; moving started_on forward while the handler
      // runs turns that expiry into a lease (pg-boss 10 has no heartbeat of its own), so only a dead worker's job expires.
      const beat = async () => {
        await this.boss.getDb().executeSql(`UPDATE ${this.schema}.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`, [queue, job.id]);
        const j = await this.boss.getJobById(queue, job.id);
        if (!j || j.state === "cancelled") abort.abort(new Error("job cancelled"));
      };
      const watch = setInterval(() => void beat().catch(() => undefined), Math.min(CANCEL_CHECK_MS, (this.options.expireInSeconds * 1000) / 3));
      try {
        await handler({ id: job.id, queue, data: job.data, attempt: (meta?.retryCount ?? 0) + 1 }, abort.signal);
      } catch (error) {
        if (error instanceof PermanentJobError) {
          // pg-boss retries every failure; a permanent one ends the job at once
          await this.boss.getDb().executeSql(
            `UPDATE ${this.options.schema ?? PG_BOSS_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`,
            [queue, job.id],
          );
        }
        throw new Error(errorMessage(error), { cause: error });
      } finally {
        clearInterval(watch);
        this.running.delete(abort);
      }
    });
  }

  async cancel(queue: string, id: string): Promise<boolean> {
    await this.ready(queue);
    const before = await this.boss.getJobById(queue, id);
    if (!before || !["created", "retry", "active"].includes(before.state)) return false;
    await this.boss.cancel(queue, id);
    return true;
  }

  async getJob(queue: string, id: string): Promise<JobStatus | null> {
    await this.ready(queue);
    const j = await this.boss.getJobById(queue, id, { includeArchive: true });
    if (!j) return null;
    const state = j.state === "retry" ? "created" : j.state;
    const output = j.output as { message?: string } | null;
    return { id: j.id, state, attempts: j.retryCount + (j.state === "created" ? 0 : 1), lastError: output?.message ?? null };
  }

  async stop(options: { abortRunning?: boolean } = {}): Promise<void> {
    if (this.stopping || !this.started) return;
    this.stopping = true;
    if (options.abortRunning) for (const a of this.running) a.abort(new Error("worker stopping"));
    // pg-boss's stop can wait on a connection the server dropped (after a restart); never let shutdown hang on it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS }),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS + 5_000))),
    ]);
    clearTimeout(timer);
  }
}
