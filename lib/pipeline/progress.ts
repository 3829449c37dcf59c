import type { Logger } from "pino";
import type { Db } from "../db/client";
import { setScanProgress } from "../db/scans";

/** Minimum time between progress writes: often enough for a live dashboard, rare enough to cost nothing. */
export const PROGRESS_WRITE_INTERVAL_MS = 500;

/**
 * Keeps a scan's progress document and writes it, throttled. Each phase owns one key (crawl, encode, analyze). A write
 * that fails is logged and the next one carries the whole document again, so progress is never worth failing a scan.
 */
export class ProgressRecorder {
  private doc: Record<string, unknown>;
  private lastWrite = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly scanId: string,
    initial: Record<string, unknown>,
    private readonly log?: Logger,
  ) {
    this.doc = { ...initial };
  }

  get current(): Record<string, unknown> {
    return this.doc;
  }

  update(phase: string, value: Record<string, unknown>, force = false): Promise<void> {
    this.doc = { ...this.doc, phase, [phase]: value, updatedAt: new Date().toISOString() };
    const now = Date.now();
    if (!force && now - this.lastWrite < PROGRESS_WRITE_INTERVAL_MS) return this.pending;
    this.lastWrite = now;
    const snapshot = this.doc;
    this.pending = this.pending.then(() => setScanProgress(this.db, this.scanId, snapshot)).catch((err: unknown) => this.log?.warn({ err }, "progress could not be written"));
    return this.pending;
  }

  flush(): Promise<void> {
    return this.pending;
  }
}
