import { needsSegmentation } from "../language/segment";
import { vocabularyCoverage } from "./gates/off-topic";
import type { TfidfMatrix } from "./tfidf";
import { BREAK, phraseWords, type Corpus } from "./tokenize";
import type { LanguageSummary } from "./types";
import type { Vector } from "./vectors";

/**
 * A site written in several languages: each language's pages are measured against their own language (a French page
 * does not use an English site's words, and is not foreign to the site for it), and the alternates of one page in
 * several languages are one subject, so topics gather a subject's pages in every language instead of splitting the
 * site by language.
 */

/** Pages of a language below this count are measured with the whole site (too few to make a vocabulary). */
export const MIN_LANGUAGE_PAGES = 5;

/** The site-vocabulary coverage of each page, measured within its own language when the site has several. */
export function coverageByLanguage(corpus: Corpus, content: number[]): Float64Array {
  const whole = vocabularyCoverage(corpus, content);
  const byLanguage = new Map<string, number[]>();
  for (const i of content) {
    const l = corpus.languages[i];
    if (l === null) continue;
    let list = byLanguage.get(l);
    if (!list) byLanguage.set(l, (list = []));
    list.push(i);
  }
  const large = [...byLanguage.values()].filter((list) => list.length >= MIN_LANGUAGE_PAGES);
  if (large.length < 2) return whole;
  const out = Float64Array.from(whole);
  for (const list of large) {
    const own = vocabularyCoverage(corpus, list);
    for (const i of list) out[i] = own[i];
  }
  return out;
}

/** Page vectors for clustering: each page of a set of alternates takes the set's mean direction (one subject). */
export function subjectVectors(vectors: Vector[], groups: Int32Array): Vector[] {
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => {
    if (g < 0) return;
    let list = members.get(g);
    if (!list) members.set(g, (list = []));
    list.push(i);
  });
  if (members.size === 0) return vectors;
  const out = [...vectors];
  for (const list of members.values()) {
    if (list.length < 2) continue;
    const mean: Vector = new Float64Array(vectors[list[0]].length);
    for (const i of list) for (let d = 0; d < mean.length; d++) mean[d] += vectors[i][d];
    let sq = 0;
    for (let d = 0; d < mean.length; d++) sq += mean[d] * mean[d];
    const norm = Math.sqrt(sq) || 1;
    for (let d = 0; d < mean.length; d++) mean[d] /= norm;
    for (const i of list) out[i] = mean;
  }
  return out;
}

/** Pages and topics per language, most pages first; excluded pages (folded, canonicalised away, empty) are not counted. */
export function languageSummary(languages: (string | null)[], topicOf: ArrayLike<number>, excluded: boolean[]): LanguageSummary[] {
  const byCode = new Map<string, { pages: number; topics: Set<number> }>();
  languages.forEach((l, i) => {
    if (excluded[i]) return;
    const code = l ?? "und";
    let s = byCode.get(code);
    if (!s) byCode.set(code, (s = { pages: 0, topics: new Set() }));
    s.pages++;
    if (topicOf[i] >= 0) s.topics.add(topicOf[i]);
  });
  return [...byCode]
    .map(([code, s]) => ({ code, pages: s.pages, topics: [...s.topics].sort((a, b) => a - b) }))
    .sort((a, b) => b.pages - a.pages || (a.code < b.code ? -1 : 1));
}

/**
 * How much of a page is written in an unspaced script (Chinese, Japanese, Thai), 0-1: a translation in progress mixes
 * translated and untranslated paragraphs, page by page.
 */
export function unspacedShare(corpus: Corpus): Float64Array {
  const unspaced = corpus.dict.words.map((w) => needsSegmentation(w));
  return Float64Array.from(corpus.docs, (doc) => {
    let words = 0;
    let hits = 0;
    for (const id of doc.body) {
      if (id === BREAK) continue;
      words++;
      if (unspaced[id]) hits++;
    }
    return words ? hits / words : 0;
  });
}

// A script mix that varies less than this across pages (standard deviation of the share) says nothing: the vectors stay.
export const MIN_LANGUAGE_SPREAD = 0.1;

/**
 * Page vectors with what the pages' mix of scripts explains taken out (least squares on each page's share of words in
 * an unspaced script, then each vector normalised again). A site half translated (Japanese paragraphs beside English
 * ones, page by page) then clusters by subject, not by how much of each page is translated. A site written in one
 * script (the share barely varies) keeps its vectors.
 */
export function withoutScriptMix(vectors: Vector[], corpus: Corpus): Vector[] {
  const n = vectors.length;
  if (n === 0) return vectors;
  const share = unspacedShare(corpus);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += share[i] / n;
  const f = Float64Array.from({ length: n }, (_, i) => share[i] - mean);
  let sq = 0;
  for (let i = 0; i < n; i++) sq += f[i] * f[i];
  if (Math.sqrt(sq / n) < MIN_LANGUAGE_SPREAD) return vectors;
  const width = vectors[0].length;
  const out: Vector[] = vectors.map((v) => Float64Array.from(v));
  for (let d = 0; d < width; d++) {
    let coef = 0;
    for (let i = 0; i < n; i++) coef += f[i] * out[i][d];
    coef /= sq;
    for (let i = 0; i < n; i++) out[i][d] -= coef * f[i];
  }
  return out.map((v, i) => {
    let norm = 0;
    for (let d = 0; d < width; d++) norm += v[d] * v[d];
    // a page without a vector stays the zero vector
    if (norm === 0 || vectors[i].every((x) => x === 0)) return vectors[i];
    norm = Math.sqrt(norm);
    for (let d = 0; d < width; d++) v[d] /= norm;
    return v;
  });
}

/**
 * TF-IDF rows of a site whose pages mix an unspaced script with a spaced one (a translation in progress: Japanese
 * paragraphs beside English ones) with each script's part of a row given the same weight: pages then compare by what
 * each part says, not by how much of them is translated. A site written in one script is returned as it is.
 */
export function balanceScripts(tfidf: TfidfMatrix, corpus: Corpus): TfidfMatrix {
  const share = unspacedShare(corpus);
  let mean = 0;
  for (const s of share) mean += s / Math.max(1, share.length);
  let sq = 0;
  for (const s of share) sq += (s - mean) ** 2 / Math.max(1, share.length);
  if (Math.sqrt(sq) < MIN_LANGUAGE_SPREAD) return tfidf;
  const unspacedColumn = tfidf.columns.map((key) => needsSegmentation(corpus.dict.words[phraseWords(key)[0]] ?? ""));
  const rows = tfidf.rows.map((row) => {
    let a = 0;
    let b = 0;
    row.idx.forEach((c, k) => (unspacedColumn[c] ? (a += row.val[k] ** 2) : (b += row.val[k] ** 2)));
    if (a === 0 || b === 0) return row;
    const [fa, fb] = [1 / Math.sqrt(2 * a), 1 / Math.sqrt(2 * b)];
    return { idx: row.idx, val: Float64Array.from(row.val, (v, k) => v * (unspacedColumn[row.idx[k]] ? fa : fb)) };
  });
  return { ...tfidf, rows };
}
