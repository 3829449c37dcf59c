/**
 * Tokenisation shared by TF-IDF, keyphrases and expansion. Words become ids in one dictionary;
 * stopwords and punctuation become BREAK so that bigrams never span them (a bigram must be a
 * phrase that can occur verbatim in the text).
 */

export const BREAK = -1;

// English stopwords (the SMART/NLTK core list) plus words that carry no topic on web pages.
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are aren't as at be because been before being below " +
    "between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for " +
    "from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his " +
    "how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of " +
    "off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so " +
    "some such than that that's the their theirs them themselves then there there's these they they'd they'll they're " +
    "they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's " +
    "when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're " +
    "you've your yours yourself yourselves may might must shall us just one two three many much via per within without " +
    "upon yet however therefore thus etc e.g i.e use used using uses get gets got make makes made see also like well way " +
    "new first last next previous back home page click read more every often always never really need needs depends " +
    "matters want wants good better best lot lots thing things something anything everything"
  ).split(" "),
);

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.!?;:,()[\]{}"|\u2014\u2013/]/gu;

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Lowercase words of a text in order, with stopwords, numbers and punctuation kept as null. */
export function tokenizeWords(text: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN_RE)) {
    let w = m[0];
    const c = w.charCodeAt(0);
    // punctuation tokens are one character and not a letter or digit
    if (w.length < 2) {
      out.push(null);
      continue;
    }
    if (w.includes("’")) w = w.replace(/’/g, "'");
    if (STOPWORDS.has(w) || (c >= 48 && c <= 57 && DIGITS_RE.test(w))) out.push(null);
    else out.push(w);
  }
  return out;
}

const DIGITS_RE = /^\p{N}+$/u;

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
  encode(text: string): Int32Array {
    const words = tokenizeWords(text);
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
  pages: { title: string | null; headings: { level: number; text: string }[]; mainText: string }[],
): Corpus {
  const dict = new Dictionary();
  const docs = pages.map((p) => ({
    body: dict.encode(p.mainText),
    title: dict.encode(p.title ?? ""),
    h1: dict.encode(p.headings.filter((h) => h.level === 1).map((h) => h.text).join(" . ")),
    headings: dict.encode(p.headings.filter((h) => h.level !== 1).map((h) => h.text).join(" . ")),
  }));
  return { dict, docs, ...internPhrases(docs, dict.words.length) };
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

export function phraseText(dict: Dictionary, key: number): string {
  return phraseWords(key)
    .map((w) => dict.words[w])
    .join(" ");
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
