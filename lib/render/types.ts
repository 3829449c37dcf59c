/** How a scan treats pages whose text and links a script builds in the browser. */
export const RENDER_MODES = ["off", "auto", "always"] as const;
export type RenderMode = (typeof RENDER_MODES)[number];
export const DEFAULT_RENDER_MODE: RenderMode = "auto";

/** What rendering did for one page (kept in Page.extra.render, reported as pages[].render). */
export interface PageRenderInfo {
  /** the page's extraction read the DOM Chromium built, not the raw HTML */
  rendered: boolean;
  /** the raw HTML looks like an application shell (little text, a mount element, scripts) */
  shell: boolean;
  /** words of the rendered main text beyond those of the raw HTML's */
  addedWords: number;
  /** link targets in the rendered DOM that the raw HTML does not link to */
  addedLinks: number;
  /** why the page could not be rendered, or why its render was cut short (its deadline) */
  error?: string;
  /** the deadline came before the page settled: the DOM is the one it had then */
  timedOut?: boolean;
  /** requests of the page's scripts refused (other hosts or ports, private addresses, robots.txt, types not loaded) */
  refusedRequests?: number;
}

/** The crawl's account of rendering (in the crawl summary). */
export interface RenderSummary {
  mode: RenderMode;
  /** pages whose extraction read the rendered DOM */
  rendered: number;
  /** pages whose raw HTML looks like a shell */
  shells: number;
  /** pages a render was attempted for and failed (they keep their raw HTML) */
  failed: number;
  /** renders stopped by the deadline */
  timedOut: number;
  /** set when Chromium could not be started: `auto` then read raw HTML only */
  unavailable: string | null;
}
