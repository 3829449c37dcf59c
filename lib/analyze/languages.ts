import { vocabularyCoverage } from "./gates/off-topic";
import type { Corpus } from "./tokenize";
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
