import type { Logger } from "pino";
import { AppError } from "../errors";
import { PageRenderer, RenderUnavailableError } from "../render/renderer";
import { looksLikeShell } from "../render/shell";
import type { PageRenderInfo, RenderMode, RenderSummary } from "../render/types";
import type { FieldValues, RuleEvaluator } from "./custom-extract";
import { extractPage, type Extracted } from "./extract";
import { words } from "./fingerprint";

/**
 * Reads a fetched page: extraction of the raw HTML, and, when the scan's render mode asks for it (`always`, or `auto`
 * on a page whose raw HTML looks like a shell), extraction of the DOM Chromium built from it, with what the scripts
 * added. Custom extraction rules run on whichever of the two the page's figures come from.
 */
export interface PageReading {
  ex: Extracted;
  render: PageRenderInfo;
  /** custom extraction values (null when the scan has no rules) */
  fields: FieldValues | null;
}

export interface PageReaderOptions {
  mode: RenderMode;
  botToken: string;
  /** normalises a link target as the crawl does (added links are counted by normalised target) */
  normalize: (url: string) => string | null;
  /** started on the first page to render; null when the scan never renders */
  renderer: PageRenderer | null;
  evaluate: RuleEvaluator | null;
  logger?: Logger;
}

/** Words of `after` beyond their count in `before` (a multiset difference). */
export function addedWordCount(before: string, after: string): number {
  const counts = new Map<string, number>();
  for (const w of words(before)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let added = 0;
  for (const w of words(after)) {
    const n = counts.get(w) ?? 0;
    if (n > 0) counts.set(w, n - 1);
    else added++;
  }
  return added;
}

export class PageReader {
  private readonly tally: RenderSummary;

  constructor(private readonly opts: PageReaderOptions) {
    this.tally = { mode: opts.mode, rendered: 0, shells: 0, failed: 0, timedOut: 0, unavailable: null };
  }

  /** Marks rendering unavailable before the crawl (Chromium missing): `auto` reads raw HTML, with this reason kept. */
  markUnavailable(reason: string): void {
    this.tally.unavailable = reason;
  }

  /** Closes Chromium, if it was started. */
  async close(): Promise<void> {
    await this.opts.renderer?.close();
  }

  summary(): RenderSummary {
    return { ...this.tally };
  }

  private addedLinks(raw: Extracted, rendered: Extracted, self: string): number {
    const targets = (ex: Extracted): Set<string> => new Set(ex.links.map((l) => this.opts.normalize(l.href)).filter((u): u is string => u !== null && u !== self));
    const before = targets(raw);
    let added = 0;
    for (const u of targets(rendered)) if (!before.has(u)) added++;
    return added;
  }

  /** Throws what extractPage throws; AppError not_configured when `always` cannot start Chromium. */
  async read(html: string, url: string, lastModified: string | undefined, signal?: AbortSignal): Promise<PageReading> {
    const raw = extractPage(html, url, { botToken: this.opts.botToken, lastModified });
    const shell = looksLikeShell(html, raw.wordCount);
    if (shell) this.tally.shells++;
    const render: PageRenderInfo = { rendered: false, shell, addedWords: 0, addedLinks: 0 };
    let ex = raw;
    let dom = html;
    const wanted = this.opts.mode === "always" || (this.opts.mode === "auto" && shell);
    if (wanted && this.opts.renderer && this.tally.unavailable === null) {
      try {
        const r = await this.opts.renderer.render(url, html, signal);
        if (r.refused) render.refusedRequests = r.refused;
        if (r.timedOut) {
          render.timedOut = true;
          this.tally.timedOut++;
        }
        if (r.error) render.error = r.error;
        if (r.html !== null) {
          const rendered = extractPage(r.html, url, { botToken: this.opts.botToken, lastModified });
          // a noindex or nofollow in the raw HTML holds whatever the scripts do (search engines read it first)
          rendered.metaRobots = {
            noindex: raw.metaRobots.noindex || rendered.metaRobots.noindex,
            nofollow: raw.metaRobots.nofollow || rendered.metaRobots.nofollow,
            raw: rendered.metaRobots.raw ?? raw.metaRobots.raw,
          };
          Object.assign(render, { rendered: true, addedWords: addedWordCount(raw.mainText, rendered.mainText), addedLinks: this.addedLinks(raw, rendered, url) });
          ex = rendered;
          dom = r.html;
          this.tally.rendered++;
        } else {
          this.tally.failed++;
        }
      } catch (e) {
        if (!(e instanceof RenderUnavailableError)) throw e;
        if (this.opts.mode === "always") throw new AppError("not_configured", `--render always needs Chromium: ${e.message}`);
        this.tally.unavailable = e.message;
        this.opts.logger?.warn({ reason: e.message }, "Chromium is unavailable: pages are read from their raw HTML");
      }
    }
    return { ex, render, fields: this.opts.evaluate ? this.opts.evaluate(dom) : null };
  }
}
