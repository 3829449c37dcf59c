import type { AnalysisPage, Finding } from "./types";

/**
 * Site issues of pages built by scripts (codes, stable):
 *   js_only_content       rendered pages whose scripts add text or links the raw HTML lacks: crawlers that do not
 *                         render (and those that render later, with a budget) miss them
 *   js_shell_unrendered   pages whose raw HTML is an application shell, read without rendering (render off, or
 *                         Chromium unavailable): their text and links are missing from the audit
 */

/** Words scripts must add, and the share of the rendered page's words they must be, to count as content of their own. */
export const JS_CONTENT_MIN_WORDS = 20;
export const JS_CONTENT_MIN_SHARE = 0.2;
const EXAMPLES = 3;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function renderFindings(pages: AnalysisPage[]): Finding[] {
  const out: Finding[] = [];
  const added = pages.filter((p) => {
    const r = p.render;
    if (!r?.rendered) return false;
    return r.addedLinks > 0 || (r.addedWords >= JS_CONTENT_MIN_WORDS && r.addedWords >= JS_CONTENT_MIN_SHARE * p.wordCount);
  });
  if (added.length > 0) {
    const words = added.reduce((s, p) => s + (p.render?.addedWords ?? 0), 0);
    const links = added.reduce((s, p) => s + (p.render?.addedLinks ?? 0), 0);
    const examples = [...added]
      .sort((a, b) => (b.render?.addedWords ?? 0) - (a.render?.addedWords ?? 0) || (a.url < b.url ? -1 : 1))
      .slice(0, EXAMPLES)
      .map((p) => `${p.url} (+${plural(p.render?.addedWords ?? 0, "word")}, +${plural(p.render?.addedLinks ?? 0, "link")})`);
    out.push({
      code: "js_only_content",
      pageUrls: added.map((p) => p.url).sort(),
      detail:
        `${plural(added.length, "page")} show text or links only once their scripts run (${plural(words, "word")} and ${plural(links, "link target")} in all that the HTML does not carry): ` +
        `crawlers that do not run scripts miss them, and search engines that do render them later and on a budget. Serve the text and links in the HTML (server-side rendering or pre-rendering). ` +
        `For example: ${examples.join("; ")}.`,
    });
  }
  const shells = pages.filter((p) => p.render?.shell && !p.render.rendered);
  if (shells.length > 0) {
    out.push({
      code: "js_shell_unrendered",
      pageUrls: shells.map((p) => p.url).sort(),
      detail:
        `${plural(shells.length, "page")} are application shells (an element a script mounts into, little or no text) and were read without rendering, ` +
        "so their text and links are missing from this audit and from any crawler that does not run scripts. Scan with rendering (render auto or always) to audit what browsers see, " +
        "and serve the text and links in the HTML so every crawler sees them.",
    });
  }
  return out;
}
