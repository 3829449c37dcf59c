import { isProseAnchor, normaliseAnchor } from "../anchors";
import type { LinkGraph } from "../link-graph";
import type { TfidfMatrix } from "../tfidf";
import { BIGRAM_BASE, BREAK, containsPhrase, phraseText, tokenizeWords, trimToContentWords, type Corpus } from "../tokenize";
import type { AnalysisPage } from "../types";
import { withoutSectionNumber } from "../section-numbers";

/**
 * Anchor texts that name a target page, with the evidence that each names it, and the source pages whose text holds
 * them. Follows how links are chosen by hand and by wikification (Mihalcea & Csomai 2007, Milne & Witten 2008): a text
 * the site already links to the target, its name, a section heading, one of its distinctive phrases.
 */

// Anchor evidence, 0-1. A text the site already links to the target starts here and rises with its link
// probability (pages linking the text / pages mentioning it).
export const ESTABLISHED_EVIDENCE = 0.5;
// The target's own name (its H1, or the part of it before a dash or colon).
export const NAME_EVIDENCE = 0.5;
// A section heading of the target (H2-H6): names a part of it.
export const HEADING_EVIDENCE = 0.4;
// One of the target's distinctive TF-IDF phrases taken from its title or headings: part of a name.
export const PHRASE_EVIDENCE = 0.3;
// Unigram phrases are vaguer than bigrams.
export const UNIGRAM_ANCHOR_FACTOR = 0.85;
// Milne & Witten 2008 ("Learning to link with Wikipedia") drop phrases linked in fewer than 6.5% of the articles
// that mention them; for one-word texts the share is the lower bound of its 95% Wilson interval (see suggestLinks).
export const MIN_LINK_PROBABILITY = 0.065;
// An anchor text means the page that receives at least this share of the site's links carrying it (3 in 4);
// a text without such a page is ambiguous and never suggested.
export const DOMINANT_ANCHOR_SHARE = 0.75;
// Phrases tried per target: its highest-weighted TF-IDF phrases (title and H1 words are boosted there).
export const TARGET_PHRASES = 6;
// A one-word phrase or name found on more than this share of pages is generic, not an anchor for one target
// (texts the site already links are judged by their link probability instead).
export const MAX_PHRASE_PAGE_SHARE = 0.1;
// Smallest absolute posting limit, so tiny sites can still use phrases shared by a few pages.
export const MIN_PHRASE_POSTINGS = 5;
// Largest posting list scanned for one anchor: bounds the candidate pairs on 20k-page sites.
export const MAX_PHRASE_POSTINGS = 300;
// Unigram phrases need some length to be specific ("api" is vague, "serialization" is not).
export const MIN_UNIGRAM_ANCHOR_CHARS = 4;
// Any anchor: at least three characters ("pwd", "csv"), at most a short title's length.
export const MIN_ANCHOR_CHARS = 3;
export const MAX_ANCHOR_CHARS = 80;
export const MAX_ANCHOR_WORDS = 10;
// Written forms of one anchor text tried ("Stable ABI", "stable ABI"), the most used first.
export const MAX_FORMS_PER_ANCHOR = 3;
// Section headings of one target offered as anchors: bounds the work on reference pages with hundreds of sections.
export const MAX_SECTION_HEADINGS = 50;
// Where a title or H1 splits into a name and its description ("zipfile — Work with ZIP archives", "Redis: a guide").
const NAME_SEPARATOR = /\s+[—–|-]\s+|:\s+/;

/** One anchor text looked for in source pages, and the targets it may name. */
export interface AnchorEntry {
  /** the text looked for: prose words, or code matched exactly */
  text: string;
  /** prose matched in the letter case written, but for the first letter ("BOLD", "TypeError", "Stable ABI") */
  exactCase: boolean;
  /** normal form (normaliseAnchor): the key of the one-target-per-anchor rule */
  key: string;
  /** word ids with BREAK for stopwords and punctuation: a cheap pre-filter on the token stream */
  pattern: number[];
  /** one content word only: generic unless the site's own links say otherwise */
  singleWord: boolean;
  offers: { target: number; kind: AnchorKind; evidence: number }[];
  /** sourceable pages whose tokens hold the pattern */
  pages: number[];
}

export type AnchorKind = "established" | "name" | "heading" | "phrase";

/** Lower bound of the 95% Wilson score interval of a proportion (Wilson 1927): small counts prove little. */
export function wilsonLowerBound(successes: number, trials: number): number {
  if (trials === 0) return 0;
  const z = 1.96;
  const p = successes / trials;
  const z2 = (z * z) / trials;
  return (p + z2 / 2 - z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials))) / (1 + z2);
}

/** An identifier rather than a word: punctuation inside ("os.path", "tp_name()") or capitals past the first letter. */
export function isCodeLike(text: string): boolean {
  return !isProseAnchor(text) || /^.+\p{Lu}/u.test(text);
}

export const ANCHOR_REASON: Record<AnchorKind, string> = {
  established: "the site already links this text to the target",
  name: "the anchor is the target's name",
  heading: "the anchor is a section heading of the target",
  phrase: "the anchor is a distinctive phrase of the target",
};


/**
 * The one page each anchor text the site uses may point to in a suggestion: the target of at least
 * DOMINANT_ANCHOR_SHARE of its links. Texts without such a target are ambiguous and map to -1 (never suggested).
 */
export function dominantTargets(graph: LinkGraph): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, use] of graph.anchors) {
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [t, count] of use.targets) {
      total += count;
      if (count > bestCount || (count === bestCount && t < best)) [best, bestCount] = [t, count];
    }
    out.set(key, bestCount >= DOMINANT_ANCHOR_SHARE * total ? best : -1);
  }
  return out;
}

/**
 * Every target's candidate anchors, with the evidence that each names it: texts the site already links to it, its
 * own name (H1 or title, and the lead of it before a dash or colon), its section headings, and its distinctive TF-IDF
 * phrases that are part of its title or headings. Each text is one entry, whatever the number of targets offering
 * it; which target it may go to is settled when suggestions are accepted.
 */
export function targetAnchors(
  args: { pages: AnalysisPage[]; corpus: Corpus; tfidf: TfidfMatrix; targetable: boolean[] },
  graph: LinkGraph,
  allowedTarget: Map<string, number>,
): AnchorEntry[] {
  const { pages, corpus, tfidf, targetable } = args;
  const entries: AnchorEntry[] = [];
  const byText = new Map<string, number>();
  const offer = (written: string, exactCase: boolean, target: number, kind: AnchorKind, evidence: number) => {
    // an anchor starts and ends on a content word of the site's languages ("und apt" is "apt")
    const text = isProseAnchor(written) ? trimToContentWords(written, corpus.rules) : written;
    if (text === "") return;
    const owner = allowedTarget.get(normaliseAnchor(text));
    if (owner !== undefined && owner !== target) return;
    const id = `${exactCase ? "=" : "~"}${text}`;
    let idx = byText.get(id);
    if (idx === undefined) {
      const entry = anchorEntry(text, exactCase, corpus);
      if (!entry) return;
      byText.set(id, (idx = entries.length));
      entries.push(entry);
    }
    const e = entries[idx];
    const prev = e.offers.find((o) => o.target === target);
    if (!prev) e.offers.push({ target, kind, evidence });
    else if (evidence > prev.evidence) Object.assign(prev, { kind, evidence });
  };

  // Texts the site already links to one target (or overwhelmingly to one), in the forms it writes them; a form with
  // capitals past its first letter keeps its case: "MULTILINE" names a constant where "multiline" is a word.
  for (const [key, use] of graph.anchors) {
    const t = allowedTarget.get(key) ?? -1;
    if (t < 0 || !targetable[t] || use.contentSources.size === 0) continue;
    const forms = [...use.forms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [form] of forms.slice(0, MAX_FORMS_PER_ANCHOR)) offer(form, isCodeLike(form) && isProseAnchor(form), t, "established", ESTABLISHED_EVIDENCE);
  }

  // Names and section headings: a text two pages go by names neither.
  const names = pages.map((p) => pageNames(p));
  const sections = pages.map((p) => sectionHeadings(p));
  const nameCount = new Map<string, number>();
  const count = (text: string) => nameCount.set(normaliseAnchor(text), (nameCount.get(normaliseAnchor(text)) ?? 0) + 1);
  pages.forEach((_, t) => new Set([...names[t], ...sections[t]].map(normaliseAnchor)).forEach(count));
  const offerName = (text: string, t: number, kind: AnchorKind, evidence: number) => {
    if (nameCount.get(normaliseAnchor(text)) === 1) offer(isProseAnchor(text) ? normaliseAnchor(text) : text, false, t, kind, evidence);
  };
  pages.forEach((_, t) => {
    if (!targetable[t]) return;
    for (const name of names[t]) offerName(name, t, "name", NAME_EVIDENCE);
    // a one-word section ("Widget", "Filters") is a common noun, not the name of a page
    for (const heading of sections[t]) if (!isProseAnchor(heading) || contentWordCount(heading, corpus) > 1) offerName(heading, t, "heading", HEADING_EVIDENCE);
  });

  // Distinctive phrases: each target's top TF-IDF phrases that are part of its title or headings and of no other
  // page's: how it alone names what it covers.
  const namedBy = new Map<number, number>();
  corpus.bags.forEach((b) => {
    for (const id of new Set([...b.title.ids, ...b.headings.ids])) namedBy.set(corpus.phraseKeys[id], (namedBy.get(corpus.phraseKeys[id]) ?? 0) + 1);
  });
  pages.forEach((_, t) => {
    if (!targetable[t]) return;
    const row = tfidf.rows[t];
    const doc = corpus.docs[t];
    const order = [...row.idx.keys()].sort((a, b) => row.val[b] - row.val[a] || row.idx[a] - row.idx[b]);
    let taken = 0;
    for (const e of order) {
      if (taken >= TARGET_PHRASES) break;
      const key = tfidf.columns[row.idx[e]];
      const unigram = key < BIGRAM_BASE;
      if (unigram && corpus.dict.words[key].length < MIN_UNIGRAM_ANCHOR_CHARS) continue;
      if (namedBy.get(key) !== 1 || !(containsPhrase(doc.title, key) || containsPhrase(doc.h1, key) || containsPhrase(doc.headings, key))) continue;
      taken++;
      offer(phraseText(corpus.dict, key), false, t, "phrase", unigram ? PHRASE_EVIDENCE * UNIGRAM_ANCHOR_FACTOR : PHRASE_EVIDENCE);
    }
  });
  return entries;
}

/** The entry of an anchor text, or null when it cannot serve as an anchor (too short, too long, no content word). */
function anchorEntry(text: string, exactCase: boolean, corpus: Corpus): AnchorEntry | null {
  if (text.length < MIN_ANCHOR_CHARS || text.length > MAX_ANCHOR_CHARS || !/\p{L}/u.test(text)) return null;
  const words = tokenizeWords(text, corpus.rules);
  if (words.length > MAX_ANCHOR_WORDS) return null;
  const pattern: number[] = [];
  for (const w of words) {
    if (w === null) pattern.push(BREAK);
    else {
      const id = corpus.dict.ids.get(w);
      // a word no page has: the anchor cannot occur anywhere
      if (id === undefined) return null;
      pattern.push(id);
    }
  }
  while (pattern.length > 0 && pattern[pattern.length - 1] === BREAK) pattern.pop();
  while (pattern.length > 0 && pattern[0] === BREAK) pattern.shift();
  const contentWords = pattern.filter((id) => id !== BREAK).length;
  if (contentWords === 0) return null;
  return { text, exactCase, key: normaliseAnchor(text), pattern, singleWord: contentWords === 1, offers: [], pages: [] };
}

function contentWordCount(text: string, corpus: Corpus): number {
  return tokenizeWords(text, corpus.rules).filter((w) => w !== null).length;
}

/** Heading text without a trailing permalink sign ("¶", "#", "§") and with spaces collapsed. */
function headingText(text: string): string {
  return text.replace(/[\s¶§#]+$/u, "").replace(/\s+/g, " ").trim();
}

/** The name a page goes by: its H1 (or its title) and the part of it before a dash or colon, without a section number. */
export function pageNames(page: { title: string | null; headings: { level: number; text: string }[] }): string[] {
  const h1 = page.headings.find((h) => h.level === 1)?.text;
  const full = withoutSectionNumber(headingText(h1 ?? (page.title ?? "").split(NAME_SEPARATOR)[0]));
  if (full === "") return [];
  const lead = full.split(NAME_SEPARATOR)[0].trim();
  return lead !== full && lead !== "" ? [full, lead] : [full];
}

/** The page's section headings below H1, at most MAX_SECTION_HEADINGS of them, each once. */
function sectionHeadings(page: { headings: { level: number; text: string }[] }): string[] {
  const out = new Set<string>();
  for (const h of page.headings) {
    if (h.level === 1) continue;
    const text = withoutSectionNumber(headingText(h.text));
    if (text !== "") out.add(text);
    if (out.size >= MAX_SECTION_HEADINGS) break;
  }
  return [...out];
}

/**
 * One pass over the tokens of every source page: the pages whose text holds each entry's pattern. Each pattern is
 * looked up by its rarest word (fewest pages), so common words ("python", "module") do not wake every entry.
 */
export function findMentions(entries: AnchorEntry[], corpus: Corpus, sourceable: boolean[]): void {
  const pagesWith = new Map<number, number>();
  for (const bag of corpus.bags) {
    for (const id of bag.body.ids) {
      const key = corpus.phraseKeys[id];
      if (key < BIGRAM_BASE) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
    }
  }
  const byKey = new Map<number, { entry: number; offset: number }[]>();
  entries.forEach((e, entry) => {
    let offset = -1;
    e.pattern.forEach((w, k) => {
      if (w !== BREAK && (offset < 0 || (pagesWith.get(w) ?? 0) < (pagesWith.get(e.pattern[offset]) ?? 0))) offset = k;
    });
    let list = byKey.get(e.pattern[offset]);
    if (!list) byKey.set(e.pattern[offset], (list = []));
    list.push({ entry, offset });
  });
  const lastPage = new Int32Array(entries.length).fill(-1);
  corpus.docs.forEach((doc, s) => {
    if (!sourceable[s]) return;
    const body = doc.body;
    for (let i = 0; i < body.length; i++) {
      const list = byKey.get(body[i]);
      if (!list) continue;
      for (const { entry, offset } of list) {
        if (lastPage[entry] === s) continue;
        const p = entries[entry].pattern;
        const start = i - offset;
        if (start < 0 || start + p.length > body.length) continue;
        let ok = true;
        for (let j = 0; j < p.length && ok; j++) ok = body[start + j] === p[j];
        if (!ok) continue;
        lastPage[entry] = s;
        entries[entry].pages.push(s);
      }
    }
  });
}
