import { isProseAnchor, normaliseAnchor, TextSearch } from "../anchors";
import { linkCommunities } from "../communities";
import { pairKey, type LinkGraph } from "../link-graph";
import { nmi } from "../nmi";
import type { TfidfMatrix } from "../tfidf";
import { BIGRAM_BASE, BREAK, containsPhrase, phraseWords, tokenizeWords, type Corpus } from "../tokenize";
import type { AnalysisPage, LinkClusterResult, LinkSuggestion, LinkingSummary } from "../types";
import { dot, type Vector } from "../vectors";
import type { CoreTopic } from "./cores";

/**
 * Output gate: do internal links carry authority along topics? Alignment of content links with
 * topics, link communities against topics, hub completeness, orphans, and link suggestions whose
 * anchors occur verbatim in the source text.
 *
 * Suggestions follow how links are chosen by hand and by wikification (Mihalcea & Csomai 2007, Milne & Witten
 * 2008): a text in the source that names the target (an anchor the site already uses for it, its name, a section
 * heading, one of its distinctive phrases), weighed with how close the two pages are in topic.
 */

// Suggestion ranking: vector similarity of source and target, the anchor's evidence of naming the target, same
// topic, the target's need of links. The anchor weighs most, so a text the site already links to the target outranks
// a loose phrase between two similar pages; measured by scripts/eval (python3.11 docs, 10% of editorial links
// removed): recall@10 0.554 with these weights against 0.534 with { 0.35, 0.35, 0.15, 0.15 }.
export const SUGGESTION_WEIGHTS = { similarity: 0.3, anchor: 0.5, sameTopic: 0.1, need: 0.1 } as const;
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
// Candidates kept per target before the site-wide greedy pass (5x the per-target cap leaves room
// for candidates lost to source caps and anchor conflicts).
export const CANDIDATES_PER_TARGET_FACTOR = 5;
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
// Anchors kept per (source, target) pair, tried in order when a better one is not in the source's prose.
export const MAX_ANCHORS_PER_PAIR = 4;
// Where a title or H1 splits into a name and its description ("zipfile — Work with ZIP archives", "Redis: a guide").
const NAME_SEPARATOR = /\s+[—–|-]\s+|:\s+/;

export interface TopicLinking {
  hubCompleteness: number;
  alignment: number;
}

export interface LinkingResult {
  summary: LinkingSummary;
  perTopic: TopicLinking[];
  orphan: boolean[];
  clusters: LinkClusterResult[];
  suggestions: LinkSuggestion[];
}

export function analyseLinking(args: {
  pages: AnalysisPage[];
  corpus: Corpus;
  tfidf: TfidfMatrix;
  vectors: Vector[];
  topics: CoreTopic[];
  topicOf: Int32Array;
  graph: LinkGraph;
  utility: (string | null)[];
  /** pages that may receive suggested links (indexable, canonical to themselves, not slated for removal) */
  targetable: boolean[];
  /** pages that may carry suggested links */
  sourceable: boolean[];
  maxPerSource: number;
  maxPerTarget: number;
  seed: number;
}): LinkingResult {
  const { pages, graph, topics, topicOf, utility } = args;
  const n = pages.length;
  const pillars = new Set(topics.map((t) => t.pillar).filter((p): p is number => p !== null));

  // Alignment: content links between topical pages that stay in the topic or point to a pillar.
  let aligned = 0;
  let considered = 0;
  const topicAligned = new Float64Array(topics.length);
  const topicConsidered = new Float64Array(topics.length);
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (const j of graph.contentOut[i]) {
      edges.push([i, j]);
      if (topicOf[i] < 0 || topicOf[j] < 0) continue;
      const ok = topicOf[i] === topicOf[j] || pillars.has(j);
      considered++;
      topicConsidered[topicOf[i]]++;
      if (ok) {
        aligned++;
        topicAligned[topicOf[i]]++;
      }
    }
  }

  const community = linkCommunities(n, edges, args.seed);
  const linked = [...Array(n).keys()].filter((i) => topicOf[i] >= 0 && graph.contentIn[i].size + graph.contentOut[i].size > 0);
  const communityTopicNmi = linked.length > 1 ? nmi(linked.map((i) => community[i]), linked.map((i) => topicOf[i])) : 0;
  const byCommunity = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    let list = byCommunity.get(community[i]);
    if (!list) byCommunity.set(community[i], (list = []));
    list.push(i);
  }
  const clusters: LinkClusterResult[] = [];
  for (const list of byCommunity.values()) {
    if (list.length < 2) continue;
    const counts = new Map<number, number>();
    for (const i of list) if (topicOf[i] >= 0) counts.set(topicOf[i], (counts.get(topicOf[i]) ?? 0) + 1);
    clusters.push({
      id: clusters.length,
      pageUrls: list.map((i) => pages[i].url),
      topicIds: [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([t]) => t),
    });
  }

  const perTopic: TopicLinking[] = topics.map((t) => ({
    hubCompleteness: hubCompleteness(t, graph),
    alignment: topicConsidered[t.id] > 0 ? topicAligned[t.id] / topicConsidered[t.id] : 0,
  }));
  const cores = topics.filter((t) => t.isCore);
  const corePages = cores.reduce((s, t) => s + t.members.length, 0) || 1;
  const hub = cores.reduce((s, t) => s + perTopic[t.id].hubCompleteness * t.members.length, 0) / corePages;

  const orphan = pages.map((p, i) => utility[i] === null && p.depth > 0 && graph.contentIn[i].size === 0);
  const contentPages = [...Array(n).keys()].filter((i) => utility[i] === null);
  const orphanShare = contentPages.length ? contentPages.filter((i) => orphan[i]).length / contentPages.length : 0;

  return {
    summary: {
      contentLinks: graph.contentLinkCount,
      templateLinks: graph.templateLinkCount,
      brokenLinks: graph.brokenLinkCount,
      alignment: considered > 0 ? aligned / considered : 0,
      communityTopicNmi,
      hubCompleteness: hub,
      orphanShare,
    },
    perTopic,
    orphan,
    clusters,
    suggestions: suggestLinks(args),
  };
}

/** Share of the topic's pages the pillar links to, averaged with the share linking back. */
export function hubCompleteness(topic: CoreTopic, graph: LinkGraph): number {
  if (topic.pillar === null) return 0;
  const others = topic.members.filter((i) => i !== topic.pillar);
  if (others.length === 0) return 1;
  const p = topic.pillar;
  const out = others.filter((i) => graph.contentOut[p].has(i)).length;
  const back = others.filter((i) => graph.contentOut[i].has(p)).length;
  return (out + back) / (2 * others.length);
}

/** One anchor text looked for in source pages, and the targets it may name. */
interface AnchorEntry {
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

type AnchorKind = "established" | "name" | "heading" | "phrase";

interface Candidate {
  from: number;
  to: number;
  /** anchors to try, best evidence first */
  anchors: { entry: number; evidence: number; kind: AnchorKind }[];
  /** index in `anchors` of the one the score was computed with */
  tried: number;
  similarity: number;
  score: number;
}

function suggestLinks(args: Parameters<typeof analyseLinking>[0]): LinkSuggestion[] {
  const { pages, vectors, topics, topicOf, graph, sourceable } = args;
  const n = pages.length;
  const shareLimit = Math.min(MAX_PHRASE_POSTINGS, Math.max(MIN_PHRASE_POSTINGS, Math.floor(n * MAX_PHRASE_PAGE_SHARE)));
  const allowedTarget = dominantTargets(graph);
  const entries = targetAnchors(args, allowedTarget);
  findMentions(entries, args.corpus, sourceable);

  const candidates: Candidate[] = [];
  const keep = CANDIDATES_PER_TARGET_FACTOR * args.maxPerTarget;
  const byTarget = new Map<number, { entry: number; kind: AnchorKind; evidence: number }[]>();
  entries.forEach((e, idx) => {
    if (e.pages.length > MAX_PHRASE_POSTINGS) return;
    const linked = graph.anchors.get(e.key)?.contentSources.size ?? 0;
    const mentions = Math.max(linked, e.pages.length, 1);
    // A single prose word may be a common word the site happens to link twice ("row", "auto"): its link probability is
    // taken at the lower end of what its counts support.
    const linkProbability = e.singleWord && !isCodeLike(e.text) ? wilsonLowerBound(linked, mentions) : linked / mentions;
    for (const offer of e.offers) {
      let evidence = offer.evidence;
      if (offer.kind === "established") {
        if (linkProbability < MIN_LINK_PROBABILITY) continue;
        evidence += (1 - evidence) * linkProbability;
      } else if (e.singleWord && e.pages.length > shareLimit) continue;
      let list = byTarget.get(offer.target);
      if (!list) byTarget.set(offer.target, (list = []));
      list.push({ entry: idx, kind: offer.kind, evidence });
    }
  });
  for (const [t, offers] of byTarget) {
    offers.sort((a, b) => b.evidence - a.evidence || a.entry - b.entry);
    const need = 1 / (1 + graph.contentIn[t].size);
    const perSource = new Map<number, Candidate>();
    for (const offer of offers) {
      for (const s of entries[offer.entry].pages) {
        if (s === t || graph.existing.has(pairKey(graph, s, t))) continue;
        let c = perSource.get(s);
        if (!c) {
          const similarity = Math.max(0, dot(vectors[s], vectors[t]));
          const sameTopic = topicOf[s] >= 0 && topicOf[s] === topicOf[t] ? 1 : 0;
          const base = SUGGESTION_WEIGHTS.similarity * similarity + SUGGESTION_WEIGHTS.sameTopic * sameTopic + SUGGESTION_WEIGHTS.need * need;
          perSource.set(s, (c = { from: s, to: t, anchors: [], tried: 0, similarity, score: base }));
        }
        // offers come best evidence first, so the first anchor of a pair is its best
        if (c.anchors.length === 0) c.score += SUGGESTION_WEIGHTS.anchor * offer.evidence;
        if (c.anchors.length < MAX_ANCHORS_PER_PAIR) c.anchors.push(offer);
      }
    }
    const top = [...perSource.values()].sort(byScore).slice(0, keep);
    for (const c of top) candidates.push(c);
  }

  // Greedy acceptance under the caps; an anchor text never points to two targets across the site. When a pair's
  // best anchor is not in a prose sentence of the source, its next anchor is tried at that anchor's own score.
  const anchorTarget = new Map(allowedTarget);
  const perSource = new Int32Array(n);
  const perTarget = new Int32Array(n);
  const out: LinkSuggestion[] = [];
  const queue = new CandidateQueue(candidates);
  const searches = new Map<number, TextSearch>();
  const searchOf = (s: number) => {
    let search = searches.get(s);
    if (!search) searches.set(s, (search = new TextSearch(pages[s].mainText, new Set(pages[s].headings.map((h) => h.text.trim())))));
    return search;
  };
  for (let c = queue.pop(); c !== undefined; c = queue.pop()) {
    if (perSource[c.from] >= args.maxPerSource || perTarget[c.to] >= args.maxPerTarget) continue;
    const { entry: idx, kind } = c.anchors[c.tried];
    const entry = entries[idx];
    const owner = anchorTarget.get(entry.key);
    const hit = owner === undefined || owner === c.to ? searchOf(c.from).find(entry.text, entry.exactCase) : null;
    if (!hit || normaliseAnchor(hit.anchor) !== entry.key) {
      if (++c.tried < c.anchors.length) {
        c.score += SUGGESTION_WEIGHTS.anchor * (c.anchors[c.tried].evidence - c.anchors[c.tried - 1].evidence);
        queue.push(c);
      }
      continue;
    }
    anchorTarget.set(entry.key, c.to);
    perSource[c.from]++;
    perTarget[c.to]++;
    const topic = topicOf[c.to] >= 0 ? topics[topicOf[c.to]] : null;
    const same = topicOf[c.from] >= 0 && topicOf[c.from] === topicOf[c.to];
    out.push({
      fromUrl: pages[c.from].url,
      toUrl: pages[c.to].url,
      anchor: hit.anchor,
      context: hit.context,
      score: Math.round(c.score * 1000) / 1000,
      reason:
        `${ANCHOR_REASON[kind]}; ${same && topic ? `same topic "${topic.label}"` : "related topic"}; similarity ${c.similarity.toFixed(2)}; ` +
        `target has ${graph.contentIn[c.to].size} inbound content link(s)`,
    });
  }
  return out;
}

/** Lower bound of the 95% Wilson score interval of a proportion (Wilson 1927): small counts prove little. */
export function wilsonLowerBound(successes: number, trials: number): number {
  if (trials === 0) return 0;
  const z = 1.96;
  const p = successes / trials;
  const z2 = (z * z) / trials;
  return (p + z2 / 2 - z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials))) / (1 + z2);
}

/** An identifier rather than a word: punctuation inside ("os.path", "tp_name()") or capitals past the first letter. */
function isCodeLike(text: string): boolean {
  return !isProseAnchor(text) || /^.+\p{Lu}/u.test(text);
}

const ANCHOR_REASON: Record<AnchorKind, string> = {
  established: "the site already links this text to the target",
  name: "the anchor is the target's name",
  heading: "the anchor is a section heading of the target",
  phrase: "the anchor is a distinctive phrase of the target",
};

function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.from - b.from || a.to - b.to;
}

/** Max-heap of candidates by score (ties by source, then target, so the order is deterministic). */
class CandidateQueue {
  private readonly heap: Candidate[] = [];
  constructor(items: Candidate[]) {
    for (const c of items) this.push(c);
  }
  push(c: Candidate): void {
    const h = this.heap;
    h.push(c);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (byScore(h[i], h[p]) >= 0) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): Candidate | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last !== undefined) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && byScore(h[l], h[m]) < 0) m = l;
        if (r < h.length && byScore(h[r], h[m]) < 0) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The one page each anchor text the site uses may point to in a suggestion: the target of at least
 * DOMINANT_ANCHOR_SHARE of its links. Texts without such a target are ambiguous and map to -1 (never suggested).
 */
function dominantTargets(graph: LinkGraph): Map<string, number> {
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
function targetAnchors(args: Parameters<typeof analyseLinking>[0], allowedTarget: Map<string, number>): AnchorEntry[] {
  const { pages, corpus, tfidf, targetable, graph } = args;
  const entries: AnchorEntry[] = [];
  const byText = new Map<string, number>();
  const offer = (text: string, exactCase: boolean, target: number, kind: AnchorKind, evidence: number) => {
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
    for (const heading of sections[t]) if (!isProseAnchor(heading) || contentWordCount(heading) > 1) offerName(heading, t, "heading", HEADING_EVIDENCE);
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
      offer(phraseWords(key).map((w) => corpus.dict.words[w]).join(" "), false, t, "phrase", unigram ? PHRASE_EVIDENCE * UNIGRAM_ANCHOR_FACTOR : PHRASE_EVIDENCE);
    }
  });
  return entries;
}

/** The entry of an anchor text, or null when it cannot serve as an anchor (too short, too long, no content word). */
function anchorEntry(text: string, exactCase: boolean, corpus: Corpus): AnchorEntry | null {
  if (text.length < MIN_ANCHOR_CHARS || text.length > MAX_ANCHOR_CHARS || !/\p{L}/u.test(text)) return null;
  const words = tokenizeWords(text);
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

function contentWordCount(text: string): number {
  return tokenizeWords(text).filter((w) => w !== null).length;
}

/** Heading text without a trailing permalink sign ("¶", "#", "§") and with spaces collapsed. */
function headingText(text: string): string {
  return text.replace(/[\s¶§#]+$/u, "").replace(/\s+/g, " ").trim();
}

/** The name a page goes by: its H1 (or its title) and the part of it before a dash or colon. */
export function pageNames(page: { title: string | null; headings: { level: number; text: string }[] }): string[] {
  const h1 = page.headings.find((h) => h.level === 1)?.text;
  const full = headingText(h1 ?? (page.title ?? "").split(NAME_SEPARATOR)[0]);
  if (full === "") return [];
  const lead = full.split(NAME_SEPARATOR)[0].trim();
  return lead !== full && lead !== "" ? [full, lead] : [full];
}

/** The page's section headings below H1, at most MAX_SECTION_HEADINGS of them, each once. */
function sectionHeadings(page: { headings: { level: number; text: string }[] }): string[] {
  const out = new Set<string>();
  for (const h of page.headings) {
    if (h.level === 1) continue;
    const text = headingText(h.text);
    if (text !== "") out.add(text);
    if (out.size >= MAX_SECTION_HEADINGS) break;
  }
  return [...out];
}

/**
 * One pass over the tokens of every source page: the pages whose text holds each entry's pattern. Each pattern is
 * looked up by its rarest word (fewest pages), so common words ("python", "module") do not wake every entry.
 */
function findMentions(entries: AnchorEntry[], corpus: Corpus, sourceable: boolean[]): void {
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
