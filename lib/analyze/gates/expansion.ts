import { containsPhrase, countPhrase, nonBreakCount, phraseWords, type Corpus } from "../tokenize";
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
  subtopics: ExpansionSubtopic[];
  coverage: number;
}

export function expandTopics(topics: CoreTopic[], corpus: Corpus, subtopicsPerCore: number, eligible: (i: number) => boolean): TopicExpansion[] {
  const n = corpus.docs.length;
  return topics.map((topic) => {
    const minPages = Math.max(SUBTOPIC_MIN_PAGES, Math.ceil(SUBTOPIC_MIN_SHARE * topic.members.length));
    const subtopics: ExpansionSubtopic[] = [];
    for (const phrase of topic.phrases) {
      if (subtopics.length >= subtopicsPerCore) break;
      if (phrase.df < minPages) continue;
      const counts = topic.members.map((i) => countPhrase(corpus.docs[i].body, phrase.key) + countPhrase(corpus.docs[i].headings, phrase.key));
      const mentioning = topic.members.filter((_, j) => counts[j] > 0);
      let dedicated: number | null = null;
      for (let i = 0; i < n && dedicated === null; i++) {
        if (!eligible(i)) continue;
        const d = corpus.docs[i];
        if (containsPhrase(d.title, phrase.key) || containsPhrase(d.h1, phrase.key)) dedicated = i;
      }
      if (dedicated === null) {
        const words = phraseWords(phrase.key).length;
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
      subtopics.push({ keyphrase: phrase.text, mentions: mentioning.length, dedicated, mentioning });
    }
    const covered = subtopics.filter((s) => s.dedicated !== null).length;
    return { topicId: topic.id, subtopics, coverage: subtopics.length === 0 ? 1 : covered / subtopics.length };
  });
}

export function gapsOf(expansions: TopicExpansion[], urls: string[]): { topicId: number; keyphrase: string; evidence: string[] }[] {
  const gaps: { topicId: number; keyphrase: string; evidence: string[] }[] = [];
  for (const e of expansions) {
    for (const s of e.subtopics) {
      if (s.dedicated !== null || s.mentions < SUBTOPIC_MIN_PAGES) continue;
      gaps.push({ topicId: e.topicId, keyphrase: s.keyphrase, evidence: s.mentioning.slice(0, GAP_EVIDENCE_MAX).map((i) => urls[i]) });
    }
  }
  return gaps;
}
