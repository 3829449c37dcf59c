/**
 * Word segmentation for scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Myanmar): ICU's
 * dictionary-based word breaker, through `Intl.Segmenter` (built into Node.js). Only runs of those scripts go through
 * it, so text in spaced scripts costs nothing more.
 */

/** Han, Hiragana, Katakana (and the prolonged sound mark), Thai, Lao, Myanmar, Khmer. */
export const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}]/u;

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string | null): Intl.Segmenter {
  const key = language ?? "und";
  let s = segmenters.get(key);
  if (s === undefined) {
    let locale = key;
    try {
      locale = Intl.getCanonicalLocales(key)[0] ?? "und";
    } catch {
      locale = "und";
    }
    s = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(key, s);
  }
  return s;
}

/** Does the text hold a script written without spaces between words? */
export function needsSegmentation(text: string): boolean {
  return UNSPACED_SCRIPT.test(text);
}

// A run of katakana is one word: loanwords ("ディストリビューション", "パッケージ") are not in ICU's dictionary, which cuts
// them into meaningless pieces ("ディス", "トリ", "ビュ", "ション").
const KATAKANA_RUN = /[\p{Script=Katakana}\u30fc]+/gu;

/** [start, end) of each word of a run of text: katakana runs whole, the rest by ICU's dictionary. */
export function segmentSpans(text: string, language: string | null = null): [number, number][] {
  const out: [number, number][] = [];
  const icu = (from: number, to: number) => {
    if (from >= to) return;
    for (const s of segmenterFor(language).segment(text.slice(from, to))) if (s.isWordLike) out.push([from + s.index, from + s.index + s.segment.length]);
  };
  let at = 0;
  for (const m of text.matchAll(KATAKANA_RUN)) {
    const start = m.index ?? 0;
    // a lone prolonged sound mark is no word
    if (m[0] === "\u30fc") continue;
    icu(at, start);
    out.push([start, start + m[0].length]);
    at = start + m[0].length;
  }
  icu(at, text.length);
  return out;
}

/** The words of a run of text in order (letters and digits; punctuation and spaces dropped). */
export function segmentWords(text: string, language: string | null = null): string[] {
  return segmentSpans(text, language).map(([s, e]) => text.slice(s, e));
}

/** Is the character at the end of `a` and the start of `b` of an unspaced script (the words are written together)? */
export function writtenTogether(a: string, b: string): boolean {
  return a.length > 0 && b.length > 0 && UNSPACED_SCRIPT.test(a.slice(-1)) && UNSPACED_SCRIPT.test(b.charAt(0));
}

/** Words joined as the language writes them: no space between two words of an unspaced script. */
export function joinWords(words: string[]): string {
  let out = "";
  for (const w of words) out += out === "" || writtenTogether(out, w) ? w : ` ${w}`;
  return out;
}
