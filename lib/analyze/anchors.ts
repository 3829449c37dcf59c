/**
 * Finding an anchor verbatim in a page's text and the sentence around it. The anchor returned is always the exact
 * substring of the text (original case and spacing), so an editor can find it. Anchors come in two shapes: prose
 * (words, matched across case, hyphens and spacing) and code (identifiers such as `asyncio.gather()` or `tp_name`,
 * matched character for character).
 */

// Sentences longer than this are cut to a window around the anchor (still containing it).
export const MAX_CONTEXT_CHARS = 300;
// A line counts as prose when at least this share of its whitespace-separated tokens are plain words. On the
// python3.11 docs a sentence naming calls ("The asyncio.run() function to run the top-level entry point “main()”
// function (see the above example.)") has 13 of 15, a code line ("task1 = asyncio.create_task( say_after(1,
// 'hello'))") 1 of 5.
export const MIN_PROSE_WORD_SHARE = 0.6;
// Blocks of at least this many tokens are judged whole (one anchor in a long listing does not make it prose).
export const MIN_CODE_BLOCK_TOKENS = 8;

/** The one normal form of an anchor text: lowercase, spaces and hyphens as one space, typographic apostrophes plain. */
export function normaliseAnchor(anchor: string): string {
  return anchor.toLowerCase().replace(/[\s\u00a0-]+/g, " ").replace(/’/g, "'").trim();
}

const PROSE_ANCHOR = /^[\p{L}\p{N}'’]+(?:[\s\u00a0-]+[\p{L}\p{N}'’]+)*$/u;

/** Is the anchor words only (letters, digits, apostrophes, spaces, hyphens), rather than code or punctuation? */
export function isProseAnchor(anchor: string): boolean {
  return PROSE_ANCHOR.test(anchor);
}

/** The words of a prose anchor, lowercased. */
export function anchorWords(anchor: string): string[] {
  return anchor.toLowerCase().split(/[\s\u00a0-]+/).filter(Boolean);
}

export interface AnchorHit {
  anchor: string;
  index: number;
  context: string;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);
const isSeparator = (c: number) => c === 45 || c === 0xa0 || /\s/.test(String.fromCharCode(c)); // "-", nbsp, spaces

/**
 * Does a match of [start, end) stand alone? Neighbours that are letters, digits or "_", a "." before it, or a "."
 * followed by a word character after it, make it part of a longer word or identifier (os.path, loop.run); a "("
 * right after it makes it a call of something else (the method readline() is not the module readline).
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  if (isWordChar(before) || before === ".") return false;
  const after = text[end];
  return !isWordChar(after) && after !== "(" && !(after === "." && isWordChar(text[end + 1]));
}

/**
 * End of the prose phrase `words` matched at `at` (words apart by spaces or hyphens), or -1; `charAt(i)` is the
 * character at i as compared (lowercased for a match in any case).
 */
function matchWords(charAt: (i: number) => string, length: number, at: number, words: string[]): number {
  let i = at;
  for (let w = 0; w < words.length; w++) {
    if (w > 0) {
      const from = i;
      while (i < length && isSeparator(charAt(i).charCodeAt(0))) i++;
      if (i === from) return -1;
    }
    const word = words[w];
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= length) return -1;
      const a = word[k];
      const b = charAt(i);
      if (a !== b && !(a === "'" && b === "’")) return -1;
    }
  }
  return i;
}

/**
 * One page's text, searched for many anchors: candidate positions come from indexOf on the text (lowercased for
 * prose), each checked by hand. No regex is built per anchor: compiling thousands of Unicode-aware regexes cost more
 * than the search itself.
 */
export class TextSearch {
  private lowered: string | null = null;
  /** start of a line (block) -> is the whole block no place for a link: its occurrences are skipped at once */
  private readonly skipped = new Map<number, boolean>();

  /** `headings`: the page's headings, blocks of their own in its text; a heading is no place for a link either */
  constructor(
    readonly text: string,
    private readonly headings: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * First occurrence of the anchor in a sentence of the text that is not code: prose by its words (any spacing or
   * hyphenation; any letter case, or with `exactCase` the case written except for the first letter), code character
   * for character.
   */
  find(anchor: string, exactCase = false): AnchorHit | null {
    if (!isProseAnchor(anchor)) return this.scan(anchor, this.text, (at) => at + anchor.length);
    const words = (exactCase ? anchor.split(/[\s\u00a0-]+/).filter(Boolean) : anchorWords(anchor)).map((w) => w.replace(/’/g, "'"));
    words[0] = words[0].charAt(0).toLowerCase() + words[0].slice(1);
    const head = words[0].split("'")[0].toLowerCase();
    const lowered = (this.lowered ??= this.text.toLowerCase());
    // lowercasing that changes lengths (a few Unicode letters) would shift the offsets: lowercase letter by letter
    if (lowered.length !== this.text.length || head === "") return this.scanLetters(head, anchorWords(anchor));
    const text = this.text;
    const charAt = exactCase ? (at: number) => (i: number) => (i === at ? lowered[i] : text[i]) : () => (i: number) => lowered[i];
    return this.scan(head, lowered, (at) => matchWords(charAt(at), lowered.length, at, words));
  }

  private scan(needle: string, haystack: string, endOf: (at: number) => number): AnchorHit | null {
    const text = this.text;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      const lineStart = text.lastIndexOf("\n", at) + 1;
      let lineEnd = text.indexOf("\n", at);
      if (lineEnd < 0) lineEnd = text.length;
      let skip = this.skipped.get(lineStart);
      if (skip === undefined) {
        const line = text.slice(lineStart, lineEnd);
        this.skipped.set(lineStart, (skip = this.headings.has(line.trim()) || isCodeBlock(line)));
      }
      if (skip) {
        at = lineEnd;
        continue;
      }
      const end = endOf(at);
      if (end < 0 || !standsAlone(text, at, end)) continue;
      const hit = proseHit(text, at, text.slice(at, end));
      if (hit) return hit;
    }
    return null;
  }

  private scanLetters(head: string, words: string[]): AnchorHit | null {
    const text = this.text;
    const lower = (i: number) => text[i].toLowerCase();
    for (let at = 0; at < text.length; at++) {
      if (lower(at) !== head[0]) continue;
      const end = matchWords(lower, text.length, at, words);
      if (end < 0 || !standsAlone(text, at, end)) continue;
      const hit = proseHit(text, at, text.slice(at, end));
      if (hit) return hit;
    }
    return null;
  }
}

/** The hit at `index` when the sentence holding it is prose. */
function proseHit(text: string, index: number, anchor: string): AnchorHit | null {
  const context = sentenceAround(text, index, anchor.length);
  // the anchor itself counts as one word: a listing line "urllib.robotparser — Parser for robots.txt" is no code
  const at = context.indexOf(anchor);
  const judged = at < 0 ? context : `${context.slice(0, at)} anchor ${context.slice(at + anchor.length)}`;
  return looksLikeCode(judged) ? null : { anchor, index, context };
}

/**
 * First occurrence of an anchor in a sentence of `text` that is not code, with that sentence: prose anchors by their
 * words, any other text character for character.
 */
export function findAnchorText(text: string, anchor: string): AnchorHit | null {
  return new TextSearch(text).find(anchor);
}

const CODE_START = /^\s*(from|import|def|class|return|async|await|>>>|\.\.\.|\$|#|\/\/)\s/;
// Marks of a code listing anywhere in a block: comments, tracebacks.
const LISTING_MARK = /\/\/\s|\/\*|\*\/|Traceback \(most recent call last\)/;
// Marks of code in one sentence: braces, assignments and comparisons, arrows, a closing semicolon.
const CODE_MARK = /[{}]|\s=\s|\w=\w|==|=>|->|;\s*$/;
const PLAIN_WORD = /^[("“‘'[]?[\p{L}][\p{L}'’-]*[)"”’'\]]?[.,;:!?)]*$/u;

/**
 * Code lines (listings, interactive sessions, assignments, imports) are no place for a link, while prose that names
 * a call or an identifier is: a sentence is code when it starts like code, holds braces or an assignment, or too few
 * of its tokens are plain words.
 */
export function looksLikeCode(sentence: string): boolean {
  if (CODE_START.test(sentence) || CODE_MARK.test(sentence) || LISTING_MARK.test(sentence)) return true;
  return proseShare(sentence.split(/\s+/).filter(Boolean)) < MIN_PROSE_WORD_SHARE;
}

function proseShare(tokens: string[]): number {
  if (tokens.length === 0) return 1;
  let words = 0;
  for (const t of tokens) if (PLAIN_WORD.test(t)) words++;
  return words / tokens.length;
}

/**
 * A whole block (a line of the page text) that is a listing: it starts like code, or it is long and mostly not
 * words. Short blocks are judged sentence by sentence, with the anchor counted as a word (an API name alone on a
 * line is a list entry, not code).
 */
function isCodeBlock(line: string): boolean {
  if (CODE_START.test(line) || LISTING_MARK.test(line)) return true;
  const tokens = line.split(/\s+/).filter(Boolean);
  return tokens.length >= MIN_CODE_BLOCK_TOKENS && proseShare(tokens) < MIN_PROSE_WORD_SHARE;
}

const NEWLINE = 10;
const isStop = (c: number) => c === 46 || c === 33 || c === 63; // . ! ?

export function sentenceAround(text: string, index: number, length: number): string {
  let start = index;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (c === NEWLINE || ((c === 32 || c === 9) && start >= 2 && isStop(text.charCodeAt(start - 2)))) break;
    start--;
  }
  let end = index + length;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === NEWLINE) break;
    end++;
    if (isStop(c) && (end >= text.length || /\s/.test(text[end]))) break;
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
