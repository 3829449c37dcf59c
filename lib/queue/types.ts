/**
 * The job queue seen by the rest of TopicGate. The embedded mode implements it on the SQLite database
 * (embedded-queue.ts); the scale-out mode implements it with pg-boss on PostgreSQL.
 */
export interface QueuedJob<T> {
  id: string;
  queue: string;
  data: T;
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number;
}

export interface SendOptions {
  /** total runs allowed, the first included */
  maxAttempts?: number;
  startAfter?: Date;
  /** while a created or active job holds this key, send returns that job's id instead of adding another */
  singletonKey?: string;
}

export type JobHandler<T> = (job: QueuedJob<T>, signal: AbortSignal) => Promise<void>;

export interface WorkOptions {
  workerId?: string;
  pollIntervalMs?: number;
  leaseMs?: number;
  /** delay before retry n (1-based) */
  retryDelayMs?: (attempt: number) => number;
}

export interface JobStatus {
  id: string;
  state: "created" | "active" | "completed" | "failed" | "cancelled";
  attempts: number;
  lastError: string | null;
}

export interface JobQueue {
  send<T>(queue: string, data: T, options?: SendOptions): Promise<string>;
  /** runs handler for jobs of queue until stop(); one job at a time per call */
  work<T>(queue: string, handler: JobHandler<T>, options?: WorkOptions): void;
  cancel(queue: string, id: string): Promise<boolean>;
  /** the created or active job holding this singleton key, if any */
  findOpen(queue: string, singletonKey: string): Promise<string | null>;
  getJob(queue: string, id: string): Promise<JobStatus | null>;
  /** stops polling, aborts nothing: waits for running handlers to finish */
  stop(options?: { abortRunning?: boolean }): Promise<void>;
}

/** Backoff between attempts: 5 s, 25 s, 125 s ... capped at 10 minutes. */
export function exponentialBackoff(attempt: number): number {
  return Math.min(5_000 * 5 ** (attempt - 1), 600_000);
}

export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}
