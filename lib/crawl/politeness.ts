/**
 * Per-host politeness: with a delay (perHostDelayMs or robots.txt Crawl-delay) requests to a host run one at a time
 * and start at least `delayMs` apart; without one, a host gets up to `maxPerHost` requests at once.
 */
export class HostGate {
  private readonly hosts = new Map<string, { active: number; nextStart: number; waiters: (() => void)[] }>();
  constructor(private readonly maxPerHost: number) {}

  async acquire(host: string, delayMs: number, signal?: AbortSignal): Promise<() => void> {
    let h = this.hosts.get(host);
    if (!h) {
      h = { active: 0, nextStart: 0, waiters: [] };
      this.hosts.set(host, h);
    }
    const limit = delayMs > 0 ? 1 : this.maxPerHost;
    while (h.active >= limit) {
      if (signal?.aborted) break;
      await new Promise<void>((resolve) => h!.waiters.push(resolve));
    }
    h.active++;
    const wait = h.nextStart - Date.now();
    h.nextStart = Math.max(Date.now(), h.nextStart) + delayMs;
    if (wait > 0 && !signal?.aborted) await sleep(wait, signal);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      h!.active--;
      h!.waiters.shift()?.();
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
