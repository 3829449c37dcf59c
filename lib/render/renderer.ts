import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { Logger } from "pino";
import { RenderRequests, ResourceCache, type SubresourceSource } from "./request-gate";

/** A page's render ends at this deadline (load, scripts, their requests); the DOM it has then is read. */
export const RENDER_DEADLINE_MS = 10_000;
/** The page counts as settled once none of its requests has been open or answered for this long. */
export const SETTLE_QUIET_MS = 250;
/** Reading the DOM of a page whose scripts never yield (an endless loop) gives up after this. */
const SNAPSHOT_TIMEOUT_MS = 2_000;
/** Closing a page or context that does not answer gives up after this; the browser is then restarted. */
const CLOSE_TIMEOUT_MS = 3_000;
/** Pages rendered by one browser before it is restarted: memory a long crawl leaks in Chromium is given back. */
export const BROWSER_RECYCLE_PAGES = 300;
/** V8 heap of each page's renderer, in MB: a script that allocates without end crashes its page, nothing else. */
const RENDERER_HEAP_MB = 256;

/**
 * Chromium resolves no name (every host maps to NOTFOUND) and so connects nowhere by itself: preconnects, DNS
 * prefetches and anything not routed fail. QUIC and WebRTC's UDP are off; no sandbox when running as root, where
 * Chromium cannot start one.
 */
function launchArgs(slots: number): string[] {
  return [
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-quic",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    `--renderer-process-limit=${slots + 1}`,
    `--js-flags=--max-old-space-size=${RENDERER_HEAP_MB}`,
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
  ];
}

/** Pages one context renders before it is replaced (its renderer's memory and the storage pages left are given back). */
export const TAB_RECYCLE_RENDERS = 50;

export class RenderUnavailableError extends Error {}

/**
 * Run in every document before its scripts: counts the page's fetch and XMLHttpRequest calls still open and the time
 * since one ended or the DOM last changed (`__topicgateIdleMs`, 0 while a call is open). Route events reach us later
 * than the page makes its requests (much later on a loaded machine); the page itself knows at once.
 */
const IDLE_PROBE = `(() => {
  let pending = 0, last = Date.now();
  const touch = () => { last = Date.now(); };
  const f = window.fetch;
  if (f) window.fetch = function (...a) { pending++; touch(); return f.apply(this, a).finally(() => { pending--; touch(); }); };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...a) { pending++; touch(); this.addEventListener("loadend", () => { pending--; touch(); }); return send.apply(this, a); };
  new MutationObserver(touch).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  Object.defineProperty(window, "__topicgateIdleMs", { get: () => (pending > 0 ? 0 : Date.now() - last) });
})();`;

/** A context and its one page, reused from render to render (the renderer process stays up between a site's pages). */
interface Tab {
  browser: Browser;
  context: BrowserContext;
  page: Page | null;
  /** the render whose requests the context's route answers; null between renders (everything is refused) */
  current: RenderRequests | null;
  renders: number;
  crashed: boolean;
}

export interface RendererOptions {
  chromiumPath: string;
  /** pages rendered at once (each in its own context) */
  slots: number;
  deadlineMs?: number;
  userAgent: string;
  source: SubresourceSource;
  logger?: Logger;
}

export interface RenderResult {
  /** the serialised DOM; null when it could not be read (the page never yielded, crashed, or failed to load) */
  html: string | null;
  timedOut: boolean;
  error: string | null;
  refused: number;
}

const within = <T>(p: Promise<T>, ms: number): Promise<T | "timeout"> =>
  Promise.race([p, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref())]);

/**
 * Renders pages in headless Chromium, started on the first render and closed with the renderer. A small pool of
 * contexts (one per slot, each with one page) serves the renders: a context is blanked and its cookies cleared between
 * pages, and replaced after TAB_RECYCLE_RENDERS pages or any failure; each render's requests are answered by its
 * RenderRequests.
 */
export class PageRenderer {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private rendersOnBrowser = 0;
  private readonly cache = new ResourceCache();
  /** tabs ready for the next page, at most one per slot */
  private readonly idle: Tab[] = [];
  private closed = false;

  constructor(private readonly opts: RendererOptions) {}

  /** Whether the configured Chromium exists (rendering can be attempted). */
  static available(chromiumPath: string): boolean {
    try {
      fs.accessSync(chromiumPath, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const started = chromium.launch({ executablePath: this.opts.chromiumPath, headless: true, args: launchArgs(this.opts.slots) }).catch((e: Error) => {
        this.browser = null;
        throw new RenderUnavailableError(`Chromium could not be started from ${this.opts.chromiumPath}: ${e.message.split("\n")[0]}`);
      });
      started.then((b) => b.on("disconnected", () => {
        if (this.browser === started) this.browser = null;
      })).catch(() => undefined);
      this.browser = started;
      this.rendersOnBrowser = 0;
    }
    return this.browser;
  }

  private async slot(): Promise<() => void> {
    while (this.active >= Math.max(1, this.opts.slots)) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    return () => {
      this.active--;
      this.waiting.shift()?.();
      if (this.active === 0 && this.rendersOnBrowser >= BROWSER_RECYCLE_PAGES) void this.restart();
    };
  }

  private async restart(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    this.idle.length = 0;
    if (b) await b.then((x) => within(x.close(), CLOSE_TIMEOUT_MS)).catch(() => undefined);
  }

  /** A context with its one page, its requests routed to whichever render holds it. */
  private async openTab(browser: Browser): Promise<Tab> {
    const context = await browser.newContext({ serviceWorkers: "block", acceptDownloads: false, userAgent: this.opts.userAgent, viewport: { width: 1280, height: 900 } });
    const tab: Tab = { browser, context, page: null, current: null, renders: 0, crashed: false };
    await context.route("**/*", (route) => (tab.current ? tab.current.handle(route) : route.abort("blockedbyclient").catch(() => undefined)));
    await context.routeWebSocket(/.*/, (ws) => ws.close({ code: 1008, reason: "not loaded while rendering" }));
    await context.addInitScript(IDLE_PROBE);
    const page = await context.newPage();
    tab.page = page;
    // popups (window.open) are closed at once; a crashed page (out of memory) ends its render
    context.on("page", (p) => void (p !== page ? p.close().catch(() => undefined) : undefined));
    page.on("crash", () => (tab.crashed = true));
    return tab;
  }

  /** Renders one page from its raw HTML (served to the browser as its document); throws RenderUnavailableError when Chromium cannot start. */
  async render(url: string, html: string, signal?: AbortSignal): Promise<RenderResult> {
    if (this.closed) throw new RenderUnavailableError("the renderer is closed");
    const release = await this.slot();
    let tab: Tab | null = null;
    try {
      const browser = await this.launch();
      this.rendersOnBrowser++;
      tab = this.idle.pop() ?? null;
      if (!tab || tab.browser !== browser) tab = await this.openTab(browser);
      const result = await this.renderIn(tab, url, html, signal);
      tab = (await this.reset(tab, result)) ? tab : null;
      return result;
    } catch (e) {
      if (e instanceof RenderUnavailableError) throw e;
      if (tab) await this.dispose(tab);
      tab = null;
      return { html: null, timedOut: false, error: (e as Error).message.split("\n")[0], refused: 0 };
    } finally {
      if (tab) this.idle.push(tab);
      release();
    }
  }

  /**
   * Readies a tab for its next page: a blank document (the last page's timers and scripts end) and no cookies. A tab
   * that crashed, could not be read, has served TAB_RECYCLE_RENDERS pages or does not answer is closed instead.
   */
  private async reset(tab: Tab, result: RenderResult): Promise<boolean> {
    const healthy = !tab.crashed && !(result.timedOut && result.html === null) && tab.renders < TAB_RECYCLE_RENDERS && !this.closed;
    if (healthy) {
      const blank = await within(tab.page!.goto("about:blank").then(() => tab.context.clearCookies()).then(() => true, () => false), CLOSE_TIMEOUT_MS);
      if (blank === true) return true;
    }
    await this.dispose(tab);
    return false;
  }

  private async renderIn(tab: Tab, url: string, html: string, outer?: AbortSignal): Promise<RenderResult> {
    const deadlineMs = this.opts.deadlineMs ?? RENDER_DEADLINE_MS;
    const deadline = Date.now() + deadlineMs;
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    outer?.addEventListener("abort", onAbort, { once: true });
    const page = tab.page!;
    const requests = new RenderRequests({ url, html }, this.opts.source, this.cache, stop.signal);
    tab.current = requests;
    tab.renders++;
    const result: RenderResult = { html: null, timedOut: false, error: null, refused: 0 };
    try {
      const loaded = await page.goto(url, { waitUntil: "load", timeout: deadlineMs }).then(
        () => true,
        (e: Error) => (/Timeout/i.test(e.name) || /Timeout/.test(e.message) ? false : Promise.reject(e)),
      );
      if (!loaded) result.timedOut = true;
      // the quiet period starts at load: requests the page's scripts made just before it may not have reached us yet
      requests.lastActivity = Math.max(requests.lastActivity, Date.now());
      while (!result.timedOut && !tab.crashed && !outer?.aborted) {
        if (requests.inflight === 0 && Date.now() - requests.lastActivity >= SETTLE_QUIET_MS) {
          // the page's own view: its fetch/XHR calls answered and its DOM unchanged for the quiet period
          const idle = await within(page.evaluate(() => (window as unknown as { __topicgateIdleMs?: number }).__topicgateIdleMs ?? Infinity), Math.max(1, deadline - Date.now()));
          if (idle !== "timeout" && idle >= SETTLE_QUIET_MS) break;
        }
        if (Date.now() >= deadline) result.timedOut = true;
        else await new Promise((r) => setTimeout(r, 50));
      }
      if (tab.crashed) throw new Error("the page crashed (out of memory?)");
      stop.abort(); // requests still open are refused: the DOM is read as it stands
      const snapshot = await within(page.content(), SNAPSHOT_TIMEOUT_MS);
      if (snapshot === "timeout") {
        result.timedOut = true;
        result.error = `the page's scripts did not yield within ${Math.round((deadlineMs + SNAPSHOT_TIMEOUT_MS) / 1000)} s`;
      } else {
        result.html = snapshot;
        if (result.timedOut) result.error = `the page did not settle within ${Math.round(deadlineMs / 1000)} s; its DOM was read then`;
      }
    } catch (e) {
      result.error = (e as Error).message.split("\n")[0];
      tab.crashed = true; // not reused: its state is unknown
    } finally {
      stop.abort();
      outer?.removeEventListener("abort", onAbort);
      tab.current = null;
      result.refused = requests.refused;
    }
    return result;
  }

  private async dispose(tab: Tab): Promise<void> {
    const closedPage = tab.page ? await within(tab.page.close({ runBeforeUnload: false }).catch(() => undefined), CLOSE_TIMEOUT_MS) : undefined;
    const closedContext = await within(tab.context.close().catch(() => undefined), CLOSE_TIMEOUT_MS);
    if (closedPage === "timeout" || closedContext === "timeout") {
      this.opts.logger?.warn("a rendered page did not close; restarting Chromium");
      await this.restart();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.restart();
  }
}
