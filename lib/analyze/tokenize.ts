/**
 * Tokenisation shared by TF-IDF, keyphrases and expansion. Words become ids in one dictionary;
 * stopwords and punctuation become BREAK so that bigrams never span them (a bigram must be a
 * phrase that can occur verbatim in the text).
 */
import { detectLanguage } from "../crawl/language";
import { primaryLanguage } from "../language/codes";
import { joinWords, needsSegmentation, segmentSpans, segmentWords } from "../language/segment";
import { functionWordsOf, stopwordsOf } from "../language/stopwords";
import { compoundWords } from "./compounds";
import { dropNavigationWords, encodeBlocks } from "./navigation-words";

export const BREAK = -1;

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?;:,()[\]{}"|\u2014\u2013/\u3001\u3002\uff0c\uff08\uff09\u300c\u300d]/gu;
const DIGITS_RE = /^\p{N}+$/u;
const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** A one-character word that is a word: a Han character (Chinese and Japanese write many words with one). */
const ONE_CHAR_WORD = /^\p{Script=Han}$/u;

/**
 * How a site's text becomes words: the stopwords of the languages its pages are written in (English's always, as
 * technical text in any language quotes it), and the language ICU segments unspaced scripts for.
 */
export interface TextRules {
  /** languages of the site's pages, most pages first */
  languages: string[];
  stopwords: ReadonlySet<string>;
  /** function words of those languages: what an anchor never starts or ends with */
  functionWords: ReadonlySet<string>;
  /** language used for word segmentation of Chinese, Japanese and Thai runs */
  segmentLanguage: string | null;
}

/** The rules of text in the given languages (ISO 639-1 codes, most pages first). */
export function textRules(languages: string[]): TextRules {
  const langs = [...new Set(languages)];
  const stopwords = new Set<string>(stopwordsOf("en"));
  const functionWords = new Set<string>(functionWordsOf("en"));
  for (const l of langs) {
    for (const w of stopwordsOf(l)) stopwords.add(w);
    for (const w of functionWordsOf(l)) functionWords.add(w);
  }
  return { languages: langs, stopwords, functionWords, segmentLanguage: langs.find((l) => l === "ja" || l === "zh" || l === "th") ?? null };
}

export const ENGLISH_RULES: TextRules = textRules(["en"]);

/** A page's language: its declared language (`<html lang>`, Content-Language), else a guess from its text. */
export function pageLanguage(page: { language?: string | null; title: string | null; mainText: string }): string | null {
  return primaryLanguage(page.language) ?? detectLanguage(`${page.title ?? ""}\n${page.mainText}`);
}

/** The rules for a site's pages: every language they are written in. */
export function textRulesOfPages(languages: (string | null)[]): TextRules {
  const counts = new Map<string, number>();
  for (const l of languages) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  return textRules([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l));
}

export function isStopword(word: string, rules: TextRules = ENGLISH_RULES): boolean {
  return rules.stopwords.has(word);
}

/** One word as a token: null for stopwords, numbers and one-letter words (but a Han character). */
function wordToken(word: string, rules: TextRules): string | null {
  let w = word;
  if (w.length < 2 && !ONE_CHAR_WORD.test(w)) return null;
  if (w.includes("’")) w = w.replace(/’/g, "'");
  if (rules.stopwords.has(w)) return null;
  if (DIGITS_RE.test(w)) return null;
  return w;
}

/**
 * Lowercase words of a text in order, with stopwords, numbers and punctuation kept as null. Runs of Chinese, Japanese
 * or Thai are split into words by ICU's dictionary ("パッケージ管理" -> "パッケージ", "管理").
 */
export function tokenizeWords(text: string, rules: TextRules = ENGLISH_RULES): (string | null)[] {
  const out: (string | null)[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN_RE)) {
    const w = m[0];
    if (needsSegmentation(w)) {
      for (const seg of segmentWords(w, rules.segmentLanguage)) out.push(wordToken(seg, rules));
      continue;
    }
    // punctuation tokens are one character and not a letter or digit
    out.push(wordToken(w, rules));
  }
  return out;
}

/**
 * The text from its first word that is not a function word to its last, as written (case, inflection, the words between untouched):
 * "und apt" -> "apt", "im laufenden Betrieb" -> "laufenden Betrieb". Empty when no content word is left.
 */
export function trimToContentWords(text: string, rules: TextRules = ENGLISH_RULES): string {
  let start = -1;
  let end = -1;
  for (const m of text.matchAll(WORD_RE)) {
    const at = m.index ?? 0;
    const spans = needsSegmentation(m[0]) ? segmentSpans(m[0], rules.segmentLanguage).map(([s, e]) => [at + s, at + e]) : [[at, at + m[0].length]];
    for (const [s, e] of spans) {
      const w = text.slice(s, e).toLowerCase().replace(/’/g, "'");
      if (rules.functionWords.has(w) || (w.length < 2 && !ONE_CHAR_WORD.test(w))) continue;
      if (start < 0) start = s;
      end = e;
    }
  }
  return start < 0 ? "" : text.slice(start, end);
}

export class Dictionary {
  readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }
  encode(text: string, rules: TextRules = ENGLISH_RULES): Int32Array {
    const words = tokenizeWords(text, rules);
    const out = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      out[i] = w === null ? BREAK : this.id(w);
    }
    return out;
  }
}

export interface TokenisedPage {
  body: Int32Array;
  title: Int32Array;
  /** H1 headings only */
  h1: Int32Array;
  /** all other headings */
  headings: Int32Array;
}

/** Unique phrase ids of one field of a page with their counts. */
export interface PhraseBag {
  ids: Int32Array;
  counts: Float64Array;
}

export interface PageBags {
  body: PhraseBag;
  headings: PhraseBag;
  /** title and H1 together */
  title: PhraseBag;
}

export interface Corpus {
  dict: Dictionary;
  docs: TokenisedPage[];
  /** phrase key of each phrase id */
  phraseKeys: number[];
  bags: PageBags[];
  /** how the site's text became words (its languages' stopwords, segmentation) */
  rules: TextRules;
  /** word ids that are compounds of two other words of the site ("paketverwaltung"), in compounding languages */
  compounds: ReadonlySet<number>;
  /** language of each page (ISO 639-1), null when unknown */
  languages: (string | null)[];
}

/**
 * Uni- and bigrams of every page interned once into small integer ids, so TF-IDF and keyphrase
 * counting work on Smi keys and typed arrays instead of re-hashing 52-bit bigram keys.
 */
function internPhrases(docs: TokenisedPage[], vocabularySize: number): { phraseKeys: number[]; bags: PageBags[] } {
  // Interning keys: word ids below V, bigrams at V + a*V + b, which stay small integers (fast Map
  // keys) for vocabularies up to ~46k words; the stored keys use the public phraseKey encoding.
  const v = Math.max(1, vocabularySize);
  const ids = new Map<number, number>();
  const phraseKeys: number[] = [];
  const scratch = new Map<number, number>();
  const intern = (local: number, a: number, b: number) => {
    let id = ids.get(local);
    if (id === undefined) {
      id = phraseKeys.length;
      ids.set(local, id);
      phraseKeys.push(b < 0 ? a : phraseKey(a, b));
    }
    scratch.set(id, (scratch.get(id) ?? 0) + 1);
  };
  const bagOf = (...fields: Int32Array[]): PhraseBag => {
    scratch.clear();
    for (const tokens of fields) {
      for (let i = 0; i < tokens.length; i++) {
        const a = tokens[i];
        if (a === BREAK) continue;
        intern(a, a, -1);
        const b = i + 1 < tokens.length ? tokens[i + 1] : BREAK;
        if (b !== BREAK && b !== a) intern(v + a * v + b, a, b);
      }
    }
    const sorted = [...scratch.keys()].sort((x, y) => x - y);
    return { ids: Int32Array.from(sorted), counts: Float64Array.from(sorted, (id) => scratch.get(id)!) };
  };
  const bags = docs.map((d) => ({ body: bagOf(d.body), headings: bagOf(d.headings), title: bagOf(d.title, d.h1) }));
  return { phraseKeys, bags };
}

export function buildCorpus(
  pages: { title: string | null; headings: { level: number; text: string }[]; mainText: string; language?: string | null }[],
): Corpus {
  const languages = pages.map((p) => pageLanguage(p));
  const rules = textRulesOfPages(languages);
  const dict = new Dictionary();
  const blocks = pages.map((p) => encodeBlocks(dict, p.mainText, rules));
  // the template's "next"/"previous" words go before any phrase is counted
  dropNavigationWords(blocks);
  const docs = pages.map((p, i) => ({
    body: blocks[i].tokens,
    title: dict.encode(p.title ?? "", rules),
    h1: dict.encode(p.headings.filter((h) => h.level === 1).map((h) => h.text).join(" . "), rules),
    headings: dict.encode(p.headings.filter((h) => h.level !== 1).map((h) => h.text).join(" . "), rules),
  }));
  const compounds = compoundWords(dict, rules);
  return { dict, docs, rules, compounds, languages, ...internPhrases(docs, dict.words.length) };
}
/**
 * Phrase keys: a unigram is its word id; a bigram is encoded as (a + 1) * BIGRAM_BASE + b so both
 * fit one number (exact below 2^53 for dictionaries up to 2^26 words).
 */
export const BIGRAM_BASE = 1 << 26;

export function phraseKey(a: number, b?: number): number {
  return b === undefined ? a : (a + 1) * BIGRAM_BASE + b;
}

export function phraseWords(key: number): number[] {
  if (key < BIGRAM_BASE) return [key];
  const a = Math.floor(key / BIGRAM_BASE) - 1;
  return [a, key - (a + 1) * BIGRAM_BASE];
}

/** A phrase as the language writes it: words apart by a space, or together in Chinese, Japanese and Thai. */
export function phraseText(dict: Dictionary, key: number): string {
  return joinWords(phraseWords(key).map((w) => dict.words[w]));
}

/** Count unigram and bigram keys of a token sequence into `into`. */
export function countPhrases(tokens: Int32Array, into: Map<number, number>, weight = 1): void {
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i];
    if (a === BREAK) continue;
    into.set(a, (into.get(a) ?? 0) + weight);
    const b = i + 1 < tokens.length ? tokens[i + 1] : BREAK;
    if (b !== BREAK && b !== a) {
      const k = phraseKey(a, b);
      into.set(k, (into.get(k) ?? 0) + weight);
    }
  }
}

/** Does the token sequence contain the phrase (as consecutive words)? */
export function containsPhrase(tokens: Int32Array, key: number): boolean {
  const words = phraseWords(key);
  for (let i = 0; i + words.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < words.length; j++) if (tokens[i + j] !== words[j]) { ok = false; break; }
    if (ok) return true;
  }
  return false;
}

export function countPhrase(tokens: Int32Array, key: number): number {
  const words = phraseWords(key);
  let n = 0;
  for (let i = 0; i + words.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < words.length; j++) if (tokens[i + j] !== words[j]) { ok = false; break; }
    if (ok) n++;
  }
  return n;
}

export function nonBreakCount(tokens: Int32Array): number {
  let n = 0;
  for (let i = 0; i < tokens.length; i++) if (tokens[i] !== BREAK) n++;
  return n;
}
