import { labelFromPhrases, type ScoredPhrase } from "./keyphrases";
import { joinWords } from "../language/segment";
import { BREAK, type Corpus } from "./tokenize";

/**
 * Topic labels a person would write: the subject the topic's pages name in their titles and headings ("Event loop",
 * "Release notes", "Template tags"), not the words its body text happens to over-use ("def init", "yes currently").
 * A candidate is a run of one to three content words of a title or heading; it labels a topic when several of
 * the topic's pages carry it and few other pages do (tf-idf over the titles and headings of pages). Without such a
 * phrase the topic keeps its distinctive keyphrases.
 */

// A label phrase is carried by at least two of the topic's pages and a tenth of them.
export const LABEL_MIN_PAGES = 2;
export const LABEL_MIN_SHARE = 0.1;
// Longest label phrase, in content words.
export const LABEL_MAX_WORDS = 3;
// Title and heading words on more than this share of all pages are the site's template ("documentation", the site's
// name), not a topic's subject.
export const LABEL_TEMPLATE_SHARE = 0.2;
// Longer phrases name a subject more precisely: each extra word multiplies the score by this much.
export const LABEL_WORD_BONUS = 1.2;

/** Runs of 1..LABEL_MAX_WORDS content words of a token sequence, as "id id id" keys. */
function runs(tokens: Int32Array, out: Set<string>): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === BREAK) continue;
    let key = "";
    for (let len = 1; len <= LABEL_MAX_WORDS && i + len - 1 < tokens.length && tokens[i + len - 1] !== BREAK; len++) {
      key = len === 1 ? String(tokens[i]) : `${key} ${tokens[i + len - 1]}`;
      out.add(key);
    }
  }
}

/** The label of each topic (members by topic id), from its pages' titles and headings; `phrases` is the fallback. */
export function topicLabels(corpus: Corpus, members: number[][], phrases: ScoredPhrase[][]): string[] {
  const n = corpus.docs.length;
  const perPage = corpus.docs.map((d) => {
    const set = new Set<string>();
    runs(d.title, set);
    runs(d.h1, set);
    runs(d.headings, set);
    return set;
  });
  const df = new Map<string, number>();
  for (const set of perPage) for (const k of set) df.set(k, (df.get(k) ?? 0) + 1);
  const wordDf = (id: number) => df.get(String(id)) ?? 0;
  const used = new Set<string>();
  return members.map((m, t) => {
    const counts = new Map<string, number>();
    for (const i of m) for (const k of perPage[i]) counts.set(k, (counts.get(k) ?? 0) + 1);
    const need = Math.max(LABEL_MIN_PAGES, Math.ceil(LABEL_MIN_SHARE * m.length));
    const scored: { key: string; score: number }[] = [];
    for (const [key, c] of counts) {
      if (c < need) continue;
      const ids = key.split(" ").map(Number);
      if (ids.some((id) => wordDf(id) > LABEL_TEMPLATE_SHARE * n)) continue;
      const score = (c / m.length) * Math.log((n + 1) / (df.get(key)! + 1)) * LABEL_WORD_BONUS ** (ids.length - 1);
      if (score > 0) scored.push({ key, score });
    }
    scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    // the best phrase, and a second one sharing none of its words when it is nearly as good
    const picked: string[] = [];
    for (const s of scored) {
      if (picked.length === 2) break;
      const words = new Set(s.key.split(" "));
      if (picked.some((p) => p.split(" ").some((w) => words.has(w)))) continue;
      if (picked.length === 1 && s.score < 0.5 * scored[0].score) break;
      picked.push(s.key);
    }
    const text = picked.map((k) => joinWords(k.split(" ").map((id) => corpus.dict.words[Number(id)])));
    let label = text.length ? capitalise(text.join(", ")) : labelFromPhrases(phrases[t]);
    // two topics never share a label: the second keeps its keyphrases beside it
    if (used.has(label) && phrases[t].length) label = `${label} (${phrases[t][0].text})`;
    used.add(label);
    return label;
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
