import type { ScanRow } from "../lib/db/scans";

/** Progress on standard error: one rewritten line on a terminal, plain lines otherwise (logs, CI). */
let lastPlain = "";

export function renderProgress(scan: ScanRow, stream: NodeJS.WriteStream, final = false): void {
  const p = scan.progress as { crawl?: { fetched?: number; queued?: number; failed?: number; pagesPerSecond?: number }; encode?: { tokens?: number; totalTokens?: number; loss?: number } };
  let detail = "";
  if (scan.status === "crawling" && p.crawl) {
    detail = `${p.crawl.fetched ?? 0} fetched, ${p.crawl.queued ?? 0} queued, ${p.crawl.failed ?? 0} failed, ${(p.crawl.pagesPerSecond ?? 0).toFixed(1)} pages/s`;
  } else if (scan.status === "encoding" && p.encode) {
    const pct = p.encode.totalTokens ? Math.round((100 * (p.encode.tokens ?? 0)) / p.encode.totalTokens) : 0;
    detail = `${pct}% of ${p.encode.totalTokens ?? "?"} tokens${p.encode.loss !== undefined ? `, loss ${p.encode.loss.toFixed(3)}` : ""}`;
  } else if (scan.status === "failed") {
    detail = scan.error ?? "";
  }
  const line = `${scan.status}${detail ? `: ${detail}` : ""}`;
  if (stream.isTTY) {
    stream.write(`\r\x1b[K${line}${final ? "\n" : ""}`);
  } else if (line !== lastPlain || final) {
    stream.write(`${line}\n`);
    lastPlain = line;
  }
}
