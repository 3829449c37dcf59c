/** A host that asked us to slow down (429 or 503) is first paused this long when it names no Retry-After. */
export const MIN_BACKOFF_MS = 1_000;
/** Longest pause and spacing a slowed-down host gets: honours long Retry-After values without stalling a scan for hours. */
export const MAX_BACKOFF_MS = 60_000;

/** What the fetcher reports about a host's answers (the gate below slows the host down). */
export interface HostThrottle {
  /** the host answered 429 or 503, with Retry-After in ms when it sent one */
  backOff(host: string, retryAfterMs: number | null): void;
  /** the host answered a request normally */
  recovered(host: string): void;
}

interface HostState {
  active: number;
  nextStart: number;
  /** spacing imposed after 429/503: doubles on each further one, halves on each normal answer */
  penaltyMs: number;
  waiters: (() => void)[];
}

/**
 * Per-host politeness: with a delay (perHostDelayMs or robots.txt Crawl-delay) requests to a host run one at a time
 * and start at least `delayMs` apart; without one, a host gets up to `maxPerHost` requests at once. A host that
 * answers 429 or 503 is paused for its Retry-After (every request to it, not only the refused URL) and then served one
 * request at a time with a spacing that backs off exponentially and relaxes as it answers normally again.
 */
export class HostGate implements HostThrottle {
  private readonly hosts = new Map<string, HostState>();
  constructor(private readonly maxPerHost: number) {}

  private state(host: string): HostState {
    let h = this.hosts.get(host);
    if (!h) {
      h = { active: 0, nextStart: 0, penaltyMs: 0, waiters: [] };
      this.hosts.set(host, h);
    }
    return h;
  }

  backOff(host: string, retryAfterMs: number | null): void {
    const h = this.state(host);
    h.penaltyMs = Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, 2 * h.penaltyMs, retryAfterMs ?? 0));
    h.nextStart = Math.max(h.nextStart, Date.now() + Math.min(MAX_BACKOFF_MS, Math.max(retryAfterMs ?? 0, h.penaltyMs)));
  }

  recovered(host: string): void {
    const h = this.hosts.get(host);
    if (h && h.penaltyMs > 0) h.penaltyMs = h.penaltyMs / 2 < MIN_BACKOFF_MS / 8 ? 0 : h.penaltyMs / 2;
  }

  async acquire(host: string, delayMs: number, signal?: AbortSignal): Promise<() => void> {
    const h = this.state(host);
    for (;;) {
      const limit = delayMs > 0 || h.penaltyMs > 0 ? 1 : this.maxPerHost;
      if (h.active < limit || signal?.aborted) break;
      await new Promise<void>((resolve) => h.waiters.push(resolve));
    }
    h.active++;
    // a pause decided while waiting (backOff) applies too: read nextStart after the wait
    for (let wait = h.nextStart - Date.now(); wait > 0 && !signal?.aborted; wait = h.nextStart - Date.now()) await sleep(wait, signal);
    h.nextStart = Date.now() + Math.max(delayMs, h.penaltyMs);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      h.active--;
      h.waiters.shift()?.();
    };
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
