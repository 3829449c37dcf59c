import { chromium } from "playwright-core";

/** Flags that let Chromium run headless on servers without a sandbox user, GPU or outside network. */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** One Chromium at a time per process: each takes a few hundred MB, and reports are printed rarely. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints a self-contained HTML document to an A4 PDF with Chromium. The page may fetch nothing: every request it
 * would make is refused, so a report prints the same offline as online and reaches no one.
 */
export function printPdf(html: string, chromiumPath: string): Promise<Buffer> {
  const run = queue.then(async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.route("**/*", (route) => route.abort("blockedbyclient"));
      await page.setContent(html, { waitUntil: "load" });
      return await page.pdf({ format: "A4", printBackground: true, margin: { top: "14mm", bottom: "14mm", left: "12mm", right: "12mm" } });
    } finally {
      await browser.close();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
