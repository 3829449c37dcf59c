/** Text blocks of a page: whitespace collapsing and the sentence around a link, as JavaScript's `\s` and trim see them. */

/** Longest context sentence kept for a link. */
const MAX_CONTEXT_CHARS = 300;

/** Whitespace runs collapsed to one space, ends trimmed; most anchors and headings need neither, and are returned as they are. */
export function clean(s: string): string {
  const last = s.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c) && (c !== 32 || i === 0 || i === last || isSpace(s.charCodeAt(i + 1)))) return s.replace(/\s+/g, " ").trim();
  }
  return s;
}

/** The characters of the `\s` class (and of String.prototype.trim): WhiteSpace and LineTerminator. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}

function isSentenceEnd(c: number): boolean {
  return c === 46 || c === 33 || c === 63; // . ! ?
}

/**
 * How far the sentence search looks either side of a link. Past it the context is the capped window around the link
 * anyway, and an unbounded search made a block of 50,000 links without a full stop quadratic (140 s for one page).
 */
const SENTENCE_SEARCH_CHARS = 2 * MAX_CONTEXT_CHARS;

/** The sentence of `text` holding [start, end): from after the last ". " before it to the next ., ! or ?, capped. */
export function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  const aMin = Math.max(0, start - SENTENCE_SEARCH_CHARS);
  while (a > aMin && !(a >= 2 && isSentenceEnd(text.charCodeAt(a - 2)) && isSpace(text.charCodeAt(a - 1)))) a--;
  let b = end;
  const bMax = Math.min(text.length, end + SENTENCE_SEARCH_CHARS);
  while (b < bMax && !isSentenceEnd(text.charCodeAt(b))) b++;
  let s = text.slice(a, Math.min(text.length, b + 1)).trim();
  if (s.length > MAX_CONTEXT_CHARS) {
    const mid = Math.max(0, start - a - MAX_CONTEXT_CHARS / 2);
    s = s.slice(mid, mid + MAX_CONTEXT_CHARS).trim();
  }
  return s;
}

/**
 * Where each link of a block starts in the block's collapsed text (`clean(buf)`): `clean(buf.slice(0, start))`'s
 * length, plus one when that prefix ends in whitespace (the collapsed space before the anchor), in one pass over the
 * block instead of one per link. `starts` is ascending.
 */
export function collapsedOffsets(buf: string, starts: number[]): number[] {
  const out: number[] = [];
  const leadingSpace = buf.length > 0 && isSpace(buf.charCodeAt(0));
  let collapsed = 0;
  let sawText = false;
  let prevSpace = false;
  let i = 0;
  for (const start of starts) {
    for (; i < start && i < buf.length; i++) {
      const space = isSpace(buf.charCodeAt(i));
      if (!space || !prevSpace) collapsed++;
      if (!space) sawText = true;
      prevSpace = space;
    }
    out.push(sawText ? collapsed - (leadingSpace ? 1 : 0) : 0);
  }
  return out;
}
