import type { ChildProcess } from "node:child_process";

/** First wait before a dead child is started again; it doubles on each quick death. */
export const RESTART_BACKOFF_MS = 1_000;
/** Longest wait between restarts: a child that keeps dying (database down) is retried twice a minute. */
export const MAX_RESTART_BACKOFF_MS = 30_000;
/** A child that ran this long before dying was healthy: its next restart waits the first backoff again. */
export const STABLE_RUN_MS = 60_000;

export interface SupervisorOptions {
  backoffMs?: number;
  maxBackoffMs?: number;
  stableMs?: number;
  /** told about each death and restart */
  onEvent?: (event: { kind: "exit"; code: number | null; signal: NodeJS.Signals | null; restartInMs: number } | { kind: "restart"; restarts: number }) => void;
}

export interface Supervisor {
  /** the running child (a new one after each restart) */
  readonly child: ChildProcess;
  readonly restarts: number;
  /** stops restarting and ends the child (SIGTERM, then SIGKILL after `graceMs`) */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Keeps a child process running: when it exits without being asked to, it is started again after a backoff that
 * doubles on every quick death (1 s, 2 s, 4 s ... 30 s) and starts over once a child has run for a minute. `npm start`
 * supervises its worker this way, so a crashed worker (out of memory, a bug, a lost database) comes back while the
 * web server stays up.
 */
export function supervise(start: () => ChildProcess, options: SupervisorOptions = {}): Supervisor {
  const base = options.backoffMs ?? RESTART_BACKOFF_MS;
  const max = options.maxBackoffMs ?? MAX_RESTART_BACKOFF_MS;
  const stable = options.stableMs ?? STABLE_RUN_MS;
  let backoff = base;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let child: ChildProcess;

  const launch = (): void => {
    const startedAt = Date.now();
    child = start();
    child.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= stable) backoff = base;
      const wait = backoff;
      backoff = Math.min(max, backoff * 2);
      options.onEvent?.({ kind: "exit", code, signal, restartInMs: wait });
      timer = setTimeout(() => {
        if (stopping) return;
        restarts++;
        launch();
        options.onEvent?.({ kind: "restart", restarts });
      }, wait);
    });
  };
  launch();

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      clearTimeout(timer);
      const c = child;
      if (c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      c.kill("SIGTERM");
      const kill = setTimeout(() => c.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(kill);
    },
  };
}
