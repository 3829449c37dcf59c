import { BIGRAM_BASE, phraseText, phraseWords, type Corpus } from "./tokenize";

/**
 * Distinctive keyphrases of groups of pages: weighted log-odds ratio with an informative Dirichlet
 * prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), over uni- and bigrams counted once per
 * page (plus once more when in the title or H1), so a phrase ranks high when many pages of the
 * group use it and few pages outside do, not merely when it is frequent.
 */

// Total pseudo-count of the prior; Monroe et al. use the corpus size scale, 500 works for sites of 10-20k pages.
export const PRIOR_MASS = 500;
// Bigrams read as topics more than single words; this bonus on z lets a bigram beat a unigram of similar weight.
export const BIGRAM_Z_BONUS = 1.15;
// A bigram is a phrase, not a chance neighbourhood, when it accounts for at least a quarter of the
// pages of its rarer word (a Dice-style collocation test; "cold brew" passes, "refund depends" does not).
export const BIGRAM_MIN_ASSOCIATION = 0.25;

export interface ScoredPhrase {
  key: number;
  text: string;
  z: number;
  /** pages of the group containing the phrase */
  df: number;
}

function pagePhraseSet(corpus: Corpus, i: number): Map<number, number> {
  const b = corpus.bags[i];
  const out = new Map<number, number>();
  for (const id of b.body.ids) out.set(id, 1);
  for (const id of b.headings.ids) out.set(id, 1);
  for (const id of b.title.ids) out.set(id, (out.get(id) ?? 0) + 1);
  return out;
}

/**
 * For each group 0..k-1 (`groupOf[i] = -1` leaves page i out of every group but in the background),
 * the `top` phrases by z-score, each present in at least `minDf(groupSize)` pages of the group.
 */
export function distinctivePhrases(
  corpus: Corpus,
  groupOf: ArrayLike<number>,
  k: number,
  top: number,
  minDf: (groupSize: number) => number = (s) => Math.min(2, s),
): ScoredPhrase[][] {
  const groupCounts = Array.from({ length: k }, () => new Map<number, number>());
  const groupDf = Array.from({ length: k }, () => new Map<number, number>());
  const groupTotals = new Float64Array(k);
  const groupSizes = new Int32Array(k);
  const globalArr = new Float64Array(corpus.phraseKeys.length);
  let globalTotal = 0;
  // Pass 1: page frequency of every phrase; phrases on a single page cannot be a group's keyphrase
  // (and are most bigrams), so pass 2 skips them.
  const pageFreq = new Int32Array(corpus.phraseKeys.length);
  for (const b of corpus.bags) {
    for (const id of b.body.ids) pageFreq[id]++;
    for (const id of b.headings.ids) pageFreq[id]++;
    for (const id of b.title.ids) pageFreq[id]++;
  }
  for (let i = 0; i < corpus.docs.length; i++) {
    const set = pagePhraseSet(corpus, i);
    const g = groupOf[i];
    if (g >= 0) groupSizes[g]++;
    for (const [key, c] of set) {
      globalArr[key] += c;
      globalTotal += c;
      if (g < 0) continue;
      groupTotals[g] += c;
      if (pageFreq[key] >= 2) {
        groupCounts[g].set(key, (groupCounts[g].get(key) ?? 0) + c);
        groupDf[g].set(key, (groupDf[g].get(key) ?? 0) + 1);
      }
    }
  }
  // Bigram association is checked against unigram ids; map word ids to phrase ids once.
  const keyToId = new Map<number, number>();
  corpus.phraseKeys.forEach((key, id) => {
    if (key < BIGRAM_BASE) keyToId.set(key, id);
  });
  const globalOfWord = (word: number) => {
    const id = keyToId.get(word);
    return id === undefined ? 0 : globalArr[id];
  };
  return groupCounts.map((counts, g) => {
    const nG = groupTotals[g];
    const nR = globalTotal - nG;
    const need = minDf(groupSizes[g]);
    const scored: ScoredPhrase[] = [];
    for (const [id, yG] of counts) {
      const df = groupDf[g].get(id)!;
      if (df < need) continue;
      const key = corpus.phraseKeys[id];
      if (key >= BIGRAM_BASE) {
        const [a, b] = phraseWords(key);
        const rarer = Math.min(globalOfWord(a), globalOfWord(b));
        if (globalArr[id] < BIGRAM_MIN_ASSOCIATION * rarer) continue;
      }
      const yAll = globalArr[id];
      const yR = yAll - yG;
      const alpha = (PRIOR_MASS * yAll) / globalTotal;
      const delta =
        Math.log((yG + alpha) / (nG + PRIOR_MASS - yG - alpha)) -
        Math.log((yR + alpha) / (Math.max(nR, 0) + PRIOR_MASS - yR - alpha));
      const variance = 1 / (yG + alpha) + 1 / (yR + alpha);
      let z = delta / Math.sqrt(variance);
      // a compound ("Paketverwaltung") is a two-word phrase written as one word
      if ((key >= BIGRAM_BASE || corpus.compounds.has(key)) && z > 0) z *= BIGRAM_Z_BONUS;
      if (z > 0) scored.push({ key, text: "", z, df });
    }
    scored.sort((a, b) => b.z - a.z || a.key - b.key);
    const picked: ScoredPhrase[] = [];
    for (const s of scored) {
      if (picked.length >= top) break;
      if (overlapsPicked(s.key, picked)) continue;
      picked.push({ ...s, text: phraseText(corpus.dict, s.key) });
    }
    return picked;
  });
}

/** A unigram already inside a picked bigram (or a bigram whose words are both picked) adds nothing. */
function overlapsPicked(key: number, picked: ScoredPhrase[]): boolean {
  const words = phraseWords(key);
  for (const p of picked) {
    const pw = phraseWords(p.key);
    if (words.length === 1 && pw.length === 2 && pw.includes(words[0])) return true;
    if (words.length === 2 && pw.length === 2 && pw[0] === words[0] && pw[1] === words[1]) return true;
  }
  if (words.length === 2) {
    const unis = picked.filter((p) => p.key < BIGRAM_BASE).map((p) => p.key);
    if (unis.includes(words[0]) && unis.includes(words[1])) return true;
  }
  return false;
}

/** Human label from the best two phrases. */
export function labelFromPhrases(phrases: ScoredPhrase[]): string {
  if (phrases.length === 0) return "(unlabelled)";
  return phrases
    .slice(0, 2)
    .map((p) => p.text)
    .join(", ");
}
