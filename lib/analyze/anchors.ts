/**
 * Finding an anchor phrase verbatim in a page's text and the sentence around it. The anchor returned
 * is always the exact substring of the text (original case and spacing), so an editor can find it.
 */

// Sentences longer than this are cut to a window around the anchor (still containing it).
export const MAX_CONTEXT_CHARS = 300;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Regex matching the words of `phrase` in order, separated by spaces or hyphens, on word boundaries. */
const compiled = new Map<string, RegExp>();

export function phraseRegExp(words: string[]): RegExp {
  const key = words.join(" ");
  const hit = compiled.get(key);
  if (hit) return hit;
  // Bounded cache: suggestion search asks for the same target phrases many times.
  if (compiled.size > 50_000) compiled.clear();
  const re = buildRegExp(words);
  compiled.set(key, re);
  return re;
}

function buildRegExp(words: string[]): RegExp {
  const body = words.map((w) => escapeRegExp(w).replace(/'/g, "['’]")).join("[\\s\\u00a0-]+");
  // Neighbours "_" and "x.y" mean the words are part of an identifier (os.path, loop.run), not prose.
  return new RegExp(`(?<![\\p{L}\\p{N}_.])${body}(?![\\p{L}\\p{N}_]|\\.[\\p{L}\\p{N}_])`, "iu");
}

export interface AnchorHit {
  anchor: string;
  index: number;
  context: string;
}

/** First occurrence of the phrase in `text`, with the sentence containing it. */
export function findAnchor(text: string, words: string[]): AnchorHit | null {
  const re = new RegExp(phraseRegExp(words).source, "giu");
  for (const m of text.matchAll(re)) {
    const context = sentenceAround(text, m.index, m[0].length);
    if (!looksLikeCode(context)) return { anchor: m[0], index: m.index, context };
  }
  return null;
}

/** Code lines (assignments, calls, imports, prompts) are no place for a link. */
export function looksLikeCode(sentence: string): boolean {
  return /[=;{}<>]|\w\(|^\s*(from|import|def|class|return|>>>|\$)\s/.test(sentence);
}

export function sentenceAround(text: string, index: number, length: number): string {
  let start = index;
  while (start > 0) {
    const c = text[start - 1];
    if (c === "\n" || ((c === " " || c === "\t") && /[.!?]/.test(text[start - 2] ?? ""))) break;
    start--;
  }
  let end = index + length;
  while (end < text.length) {
    const c = text[end];
    if (c === "\n") break;
    end++;
    if (/[.!?]/.test(c) && (end >= text.length || /\s/.test(text[end]))) break;
  }
  if (end - start > MAX_CONTEXT_CHARS) {
    const half = Math.floor((MAX_CONTEXT_CHARS - length) / 2);
    let s = Math.max(start, index - half);
    let e = Math.min(end, index + length + half);
    while (s > start && s < index && !/\s/.test(text[s - 1])) s++;
    while (e < end && e > index + length && !/\s/.test(text[e])) e--;
    start = s;
    end = e;
  }
  return text.slice(start, end).trim();
}
