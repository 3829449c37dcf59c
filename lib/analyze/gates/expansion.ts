import { BIGRAM_BASE, BREAK, containsPhrase, countPhrase, nonBreakCount, phraseKey, phraseText, phraseWords, tokenizeWords, type Corpus, type TextRules } from "../tokenize";
import type { CoreTopic } from "./cores";

/**
 * Input gate: how completely each topic covers its subtopics. A subtopic is a distinctive keyphrase
 * many of the topic's pages use; it is covered when some page is dedicated to it (the phrase is in
 * its title or H1, or the page nearest to the phrase uses it densely). Uncovered subtopics that
 * pages keep mentioning are gaps worth a new page.
 */

// A subtopic is mentioned by at least 2 pages, and by 5% of a large topic's pages.
export const SUBTOPIC_MIN_PAGES = 2;
export const SUBTOPIC_MIN_SHARE = 0.05;
// Dense use: the phrase's words make up 3% of the page's content words and occur 3+ times
// (a body-only page about a phrase typically reaches 3-8%; passing mentions stay under 2%).
export const DEDICATED_MIN_DENSITY = 0.03;
export const DEDICATED_MIN_COUNT = 3;
// Section subtopics: a phrase that is a whole section heading on 2+ pages and that at least twice as many pages
// mention in their text is a subject the site writes about in passing and in sections but never gives a page
// (module names in release notes, products in reviews). Phrases on more than a tenth of the pages are the site's
// general vocabulary, not a subject; headings the text never mentions are template sections ("Improved modules").
export const SECTION_MIN_PAGES = 2;
export const SECTION_MENTION_FACTOR = 2;
export const SECTION_MAX_PAGE_SHARE = 0.1;
// ...but a small site may mention its subjects on more than a tenth of its pages.
export const SECTION_MAX_PAGES_FLOOR = 10;
// Gap evidence lists at most this many mentioning pages.
export const GAP_EVIDENCE_MAX = 10;

export interface ExpansionSubtopic {
  keyphrase: string;
  mentions: number;
  dedicated: number | null;
  mentioning: number[];
}

export interface TopicExpansion {
  topicId: number;
  /** pages of the topic */
  pages: number;
  subtopics: ExpansionSubtopic[];
  coverage: number;
}

export function expandTopics(
  topics: CoreTopic[],
  corpus: Corpus,
  subtopicsPerCore: number,
  eligible: (i: number) => boolean,
  headings: { level: number; text: string }[][] = [],
): TopicExpansion[] {
  const sections = sectionSubtopics(topics, corpus, eligible, headings);
  return topics.map((topic) => {
    const minPages = Math.max(SUBTOPIC_MIN_PAGES, Math.ceil(SUBTOPIC_MIN_SHARE * topic.members.length));
    const subtopics: ExpansionSubtopic[] = [];
    const seen = new Set<number>();
    const candidates = [...topic.phrases.filter((p) => p.df >= minPages).slice(0, subtopicsPerCore).map((p) => p.key), ...(sections.get(topic.id) ?? [])];
    for (const key of candidates) {
      if (seen.has(key)) continue;
      seen.add(key);
      const counts = topic.members.map((i) => countPhrase(corpus.docs[i].body, key) + countPhrase(corpus.docs[i].headings, key));
      const mentioning = topic.members.filter((_, j) => counts[j] > 0);
      let dedicated = dedicatedByTitle(corpus, key, eligible);
      if (dedicated === null) {
        const words = phraseWords(key).length;
        let bestDensity = 0;
        topic.members.forEach((i, j) => {
          const density = (counts[j] * words) / Math.max(1, nonBreakCount(corpus.docs[i].body));
          if (counts[j] >= DEDICATED_MIN_COUNT && density >= DEDICATED_MIN_DENSITY && density > bestDensity && eligible(i)) {
            bestDensity = density;
            dedicated = i;
          }
        });
      }
      const countOf = new Map(topic.members.map((i, j) => [i, counts[j]]));
      mentioning.sort((a, b) => countOf.get(b)! - countOf.get(a)! || a - b);
      subtopics.push({ keyphrase: phraseText(corpus.dict, key), mentions: mentioning.length, dedicated, mentioning });
    }
    const covered = subtopics.filter((s) => s.dedicated !== null).length;
    return { topicId: topic.id, pages: topic.members.length, subtopics, coverage: subtopics.length === 0 ? 1 : covered / subtopics.length };
  });
}

/**
 * The page dedicated to a phrase by its title or H1: the phrase is in it, or, for a two-word phrase, the title or
 * H1 starts with one of its words (the page is about that word) and the text uses the whole phrase ("await asyncio"
 * is covered by the page titled "asyncio — Asynchronous I/O").
 */
function dedicatedByTitle(corpus: Corpus, key: number, eligible: (i: number) => boolean): number | null {
  const n = corpus.docs.length;
  for (let i = 0; i < n; i++) {
    const d = corpus.docs[i];
    if (eligible(i) && (containsPhrase(d.title, key) || containsPhrase(d.h1, key))) return i;
  }
  if (key < BIGRAM_BASE) return null;
  for (let i = 0; i < n; i++) {
    const d = corpus.docs[i];
    if (!eligible(i) || !containsPhrase(d.body, key)) continue;
    if (phraseWords(key).some((w) => firstWord(d.title) === w || firstWord(d.h1) === w)) return i;
  }
  return null;
}

/**
 * Section subtopics per topic: phrases that are a whole section heading on SECTION_MIN_PAGES+ pages and that
 * SECTION_MENTION_FACTOR times as many pages mention; each goes to the topic holding most of its mentions.
 */
function sectionSubtopics(
  topics: CoreTopic[],
  corpus: Corpus,
  eligible: (i: number) => boolean,
  headings: { level: number; text: string }[][],
): Map<number, number[]> {
  const n = corpus.docs.length;
  const out = new Map<number, number[]>();
  if (headings.length !== n) return out;
  const idOf = new Map<number, number>();
  corpus.phraseKeys.forEach((key, id) => idOf.set(key, id));
  const headingPages = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!eligible(i)) continue;
    const keys = new Set<number>();
    for (const h of headings[i]) {
      if (h.level === 1) continue;
      const words = tokenizeWords(h.text, corpus.rules);
      if (words.length === 0 || words.length > 2 || words.some((w) => w === null)) continue;
      const ids = words.map((w) => corpus.dict.ids.get(w!));
      if (ids.some((id) => id === undefined)) continue;
      keys.add(ids.length === 1 ? ids[0]! : phraseKey(ids[0]!, ids[1]!));
    }
    for (const k of keys) headingPages.set(k, (headingPages.get(k) ?? 0) + 1);
  }
  const topicOf = new Int32Array(n).fill(-1);
  for (const t of topics) for (const i of t.members) topicOf[i] = t.id;
  const eligibleCount = [...Array(n).keys()].filter(eligible).length;
  for (const [key, sectionPages] of headingPages) {
    if (sectionPages < SECTION_MIN_PAGES) continue;
    const id = idOf.get(key);
    if (id === undefined) continue;
    const perTopic = new Map<number, number>();
    let mentions = 0;
    for (let i = 0; i < n; i++) {
      if (!eligible(i) || !sortedHas(corpus.bags[i].body.ids, id)) continue;
      mentions++;
      if (topicOf[i] >= 0) perTopic.set(topicOf[i], (perTopic.get(topicOf[i]) ?? 0) + 1);
    }
    if (mentions < SECTION_MENTION_FACTOR * sectionPages || mentions > Math.max(SECTION_MAX_PAGES_FLOOR, SECTION_MAX_PAGE_SHARE * eligibleCount)) continue;
    const home = [...perTopic.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (!home) continue;
    let list = out.get(home[0]);
    if (!list) out.set(home[0], (list = []));
    list.push(key);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

function firstWord(tokens: Int32Array): number | undefined {
  return tokens.find((t) => t !== BREAK);
}

function sortedHas(ids: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] === id) return true;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Words of a text as the site writes a subject's name: content words only, in order ("Running an event loop" and
 * "running event loop" compare equal); the key gaps and named subjects are matched on.
 */
export function subjectKey(text: string, rules?: TextRules): string {
  return tokenizeWords(text.replace(/^(?:[0-9]+|[A-Z])(?:\.[0-9]+)*[.)]\s+/, ""), rules)
    .filter((w): w is string => w !== null)
    .join(" ");
}

// A gap the site never names as a subject (no section heading) needs this many mentioning pages.
export const UNNAMED_GAP_MIN_PAGES = 3;
// A phrase on more than half of a topic's pages (from six pages up) is the topic's template ("detailed history" on
// every release log), not a subject it lacks.
export const GAP_TEMPLATE_SHARE = 0.5;
export const GAP_TEMPLATE_MIN_PAGES = 6;
// Words that end a clause, not a name: adverbs ("supported now", "currently enabled").
const ADVERBS = new Set("now currently already still even often always usually instead here there yet again later soon today also anymore".split(" "));

/**
 * Is the phrase shaped like the name of a subject (a noun phrase)? Without a part-of-speech tagger: no adverb at
 * either end, and no past participle at the end ("port number" and "cold brew" are; "supported now" and "joey
 * included" are not).
 */
export function nounPhraseShaped(words: string[]): boolean {
  if (words.length === 0) return false;
  const adverb = (w: string) => ADVERBS.has(w) || (w.length > 4 && w.endsWith("ly"));
  const last = words[words.length - 1];
  if (adverb(words[0]) || adverb(last)) return false;
  return !(words.length > 1 && last.length > 5 && last.endsWith("ed"));
}

/**
 * Gaps: subtopics the pages mention without a page of their own, shaped like the name of a subject (one word only when
 * the site names it), not the topic's template, and either named by the site itself (`named`: a whole section heading)
 * or mentioned by UNNAMED_GAP_MIN_PAGES pages.
 */
export function gapsOf(
  expansions: TopicExpansion[],
  urls: string[],
  named: (key: string) => boolean = () => true,
  text: { rules?: TextRules; compound?: (word: string) => boolean; compounding?: boolean } = {},
): { topicId: number; keyphrase: string; evidence: string[] }[] {
  const gaps: { topicId: number; keyphrase: string; evidence: string[] }[] = [];
  for (const e of expansions) {
    for (const s of e.subtopics) {
      if (s.dedicated !== null || s.mentions < SUBTOPIC_MIN_PAGES) continue;
      const key = subjectKey(s.keyphrase, text.rules);
      if (key === "") continue;
      const words = key.split(" ");
      // in a language that writes compounds, one word names a subject only when it is a compound ("Paketverwaltung";
      // "Datei" and "Fall" are the words every page uses)
      const phraseLike = words.length >= 2 || (text.compound?.(words[0]) ?? false);
      if (text.compounding && words.length === 1 && !phraseLike) continue;
      if (!nounPhraseShaped(words) || (!named(key) && (!phraseLike || s.mentions < UNNAMED_GAP_MIN_PAGES))) continue;
      if (e.pages >= GAP_TEMPLATE_MIN_PAGES && s.mentions > GAP_TEMPLATE_SHARE * e.pages) continue;
      gaps.push({ topicId: e.topicId, keyphrase: s.keyphrase, evidence: s.mentioning.slice(0, GAP_EVIDENCE_MAX).map((i) => urls[i]) });
    }
  }
  return gaps;
}
