import type { LinkGraph } from "../link-graph";
import type { SparseRow } from "../tfidf";
import type { Corpus } from "../tokenize";
import type { AnalysisOptions, AnalysisPage, ForgetAction } from "../types";
import type { Vector } from "../vectors";
import { cannibalPairs, numberedSiblings, pageIntents, seriesSiblings } from "./cannibals";
import { linkedFromContent, REACHED_MIN_LINKING_PAGES, type CoreTopic } from "./cores";
import { isLinkList, nearDuplicatePairs, subsumedThinPages } from "./duplicates";
import { assignMergeTargets, type MergeCandidate } from "./merge-targets";
import { coherenceSignals } from "./drift";
import { measureOffTopic, offTopicPageReason } from "./off-topic";
import { median } from "../order-statistics";
import type { SearchDecisions } from "../search-decisions";
import { queryCannibals, withQueryEvidence, withSearchData } from "./search-forget";

/**
 * Forget gate: what to remove, merge or refresh. One action per page with its reasons; the strongest reason sets the
 * action: merge > prune > update > keep. Only content speaks here: technical faults (broken links, redirects) are site
 * issues (findings.ts), and pages that are not content (utility pages, pages folded into another URL, pages without
 * text) are kept with the reason they are not judged.
 */

// "Weak" orphans are below the median PageRank and under twice the thin threshold in words.
export const WEAK_WORDS_FACTOR = 2;
// Modification dates say when pages were edited only when they differ: when more than half of the dated pages carry a
// date within a day of the median, the dates are the server's clock or a deployment (a Last-Modified header set at
// request time, files copied at once), not edits.
export const SAME_DATE_SHARE = 0.5;
const DAY_MS = 86_400_000;

// How strongly each reason asks to forget the page (the page's forget score is the largest).
export const SEVERITY = {
  offTopic: 0.9,
  drift: 0.4,
  thinOrphan: 0.85,
  orphanWeak: 0.8,
  duplicate: 0.75,
  cannibal: 0.7,
  thin: 0.5,
  orphan: 0.3,
  stale: 0.3,
} as const;

export interface PageForget {
  score: number;
  action: ForgetAction;
  reasons: string[];
  mergeInto?: number;
  offTopic: boolean;
}

export interface PruningContext {
  pages: AnalysisPage[];
  corpus: Corpus;
  tfidf: SparseRow[];
  vectors: Vector[];
  topics: CoreTopic[];
  topicOf: Int32Array;
  utility: (string | null)[];
  /** why a page is not judged as content (canonicalised, the same content as another URL, no text), else null */
  excluded: (string | null)[];
  /** vocabulary coverage of every page (gates/off-topic.ts) */
  coverage?: Float64Array;
  graph: LinkGraph;
  pagerank: Float64Array;
  options: AnalysisOptions;
  now: string;
  /** the search signals (search-decisions.ts); null or absent without search data */
  search?: SearchDecisions | null;
}


/** Do the pages' modification dates tell edits apart (see SAME_DATE_SHARE)? */
export function datesTellEdits(dates: number[]): boolean {
  const known = dates.filter(Number.isFinite);
  if (known.length < 2) return known.length === 1;
  const mid = median(known);
  return known.filter((t) => Math.abs(t - mid) <= DAY_MS).length <= SAME_DATE_SHARE * known.length;
}

export function decidePruning(ctx: PruningContext): PageForget[] {
  const { pages, graph, pagerank, options, topics, utility, excluded } = ctx;
  const n = pages.length;
  const comparable = (i: number) => excluded[i] === null && utility[i] === null;

  const offTopicMeasure = measureOffTopic({
    n,
    topics,
    vectors: ctx.vectors,
    tfidf: ctx.tfidf,
    corpus: ctx.corpus,
    content: pages.map((_, i) => i).filter(comparable),
    coverage: ctx.coverage,
    vocabularyRatio: options.offTopicVocabularyRatio,
    lexicalRatio: options.offTopicLexicalRatio,
  });
  const listing = pages.map((p, i) => isLinkList(graph, i, p.wordCount));
  const coherence = coherenceSignals(pages, comparable, offTopicMeasure.coverage, offTopicMeasure.siteCoverage);
  const offTopic = new Array<boolean>(n).fill(false);
  const offTopicReason: (string | null)[] = new Array(n).fill(null);
  pages.forEach((_, i) => {
    if (!comparable(i) || listing[i]) return;
    const reason = offTopicPageReason(offTopicMeasure, i) ?? (options.coherenceOffTopic ? coherence.foreign[i] : null);
    if (reason !== null) {
      offTopic[i] = true;
      offTopicReason[i] = reason;
      return;
    }
    // A page of an off-topic topic shares its verdict when its own words are foreign to the site, however the site links
    // it (an imported section linked from real pages). A topic judged by its vocabulary judges its pages by theirs: a
    // page written in the site's words is the site's, whichever cluster it landed in (a book's short appendix pages on
    // related products beside off-topic prose). A topic judged far or detached spares only the pages the site holds:
    // they link to a page of a topic that belongs, or two or more such pages link to them.
    const topic = ctx.topicOf[i] >= 0 ? topics[ctx.topicOf[i]] : undefined;
    if (topic?.offTopic == null) return;
    const m = offTopicMeasure;
    const foreignWords = m.coverage[i] < m.vocabularyRatio * m.siteCoverage;
    const held = [...graph.contentOut[i]].some((j) => m.onSite[j] === 1) || linkedFromContent(i, graph, m.onSite) >= REACHED_MIN_LINKING_PAGES;
    if (!foreignWords && (held || topic.offTopicBy === "vocabulary")) return;
    offTopic[i] = true;
    offTopicReason[i] = `off-topic: its topic "${topic.label}" does not belong to the site: ${topic.offTopic}`;
  });

  // Merges: near-duplicates, thin pages inside another page, pages competing for one intent; never between siblings
  // of a series, never into a page slated for removal, always into a final keeper.
  // Off-topic pages are pruned, not merged into each other: their copies are off-topic too. A thin page whose text is on
  // a page that belongs is part of the site's content, whatever its few words look like: it merges there.
  const intents = pageIntents(pages, comparable);
  const mergeable = (i: number) => comparable(i) && !offTopic[i];
  const dupCtx = { pages, corpus: ctx.corpus, tfidf: ctx.tfidf, vectors: ctx.vectors, graph, thinWordCount: options.thinWordCount, nearDuplicateHamming: options.nearDuplicateHamming };
  let candidates: MergeCandidate[] = [
    ...nearDuplicatePairs(dupCtx, topics.map((t) => t.members), mergeable).map((p) => ({ ...p, kind: "duplicate" as const })),
    ...subsumedThinPages(dupCtx, comparable).filter((p) => !offTopic[p.b]).map((p) => ({ ...p, kind: "duplicate" as const })),
    ...cannibalPairs(pages.map((_, i) => i).filter(mergeable), intents, ctx.vectors).map((p) => ({ ...p, directed: false, kind: "cannibal" as const })),
  ].filter((c) => !seriesSiblings(intents[c.a], intents[c.b]));
  // Search data: pages splitting their top queries' clicks compete whatever their titles say (Google takes them for one
  // answer), except members of a numbered series; where both pages have query data, the queries decide.
  const byQueries = queryCannibals(ctx.search ?? null, mergeable).filter((c) => !numberedSiblings(intents[c.a], intents[c.b]));
  candidates = withQueryEvidence(candidates, byQueries, ctx.search ?? null);
  const strength = pageStrength(pages, graph, pagerank);
  const order = pages.map((_, i) => i).sort((a, b) => strength[b] - strength[a] || pages[a].url.length - pages[b].url.length || a - b);
  const merges = assignMergeTargets(n, candidates, order, (i) => !offTopic[i]);

  const medianPr = median(pages.map((_, i) => pagerank[i]).filter((_, i) => comparable(i)));
  const nowMs = Date.parse(ctx.now);
  const dated = datesTellEdits(pages.filter((_, i) => comparable(i)).map((p) => (p.modifiedAt ? Date.parse(p.modifiedAt) : NaN)));
  return pages.map((p, i): PageForget => {
    if (excluded[i] !== null) return { score: 0, action: "keep", reasons: [excluded[i]!], offTopic: false };
    if (utility[i] !== null) return { score: 0, action: "keep", reasons: [`utility page (${utility[i]})`], offTopic: false };
    const reasons: string[] = [];
    let score = 0;
    const add = (severity: number, reason: string) => {
      reasons.push(reason);
      score = Math.max(score, severity);
    };
    const thin = p.wordCount < options.thinWordCount;
    // the home page (depth 0) is no orphan; a page found only through the sitemap (depth -1) is
    const orphan = p.depth !== 0 && graph.contentIn[i].size === 0;
    // An orphan the site's navigation links to was put there on purpose (a download or start page in the menu): it
    // needs content links, not removal. Only a page nothing links to is pruned for being orphaned.
    const unlinked = orphan && graph.templateIn[i].size === 0;
    const weak = pagerank[i] <= medianPr && p.wordCount < WEAK_WORDS_FACTOR * options.thinWordCount;
    const modified = p.modifiedAt ? Date.parse(p.modifiedAt) : NaN;
    const stale = dated && Number.isFinite(modified) && Number.isFinite(nowMs) && nowMs - modified > options.staleDays * DAY_MS;
    const merge = merges[i];

    if (merge) add(merge.kind === "cannibal" ? SEVERITY.cannibal : SEVERITY.duplicate, `${merge.kind === "cannibal" ? "cannibalises" : "duplicates"} ${pages[merge.into].url}: ${merge.evidence}`);
    if (offTopic[i]) add(SEVERITY.offTopic, offTopicReason[i]!);
    if (thin) add(unlinked ? SEVERITY.thinOrphan : SEVERITY.thin, `thin: ${p.wordCount} words (< ${options.thinWordCount})`);
    if (unlinked) add(weak ? SEVERITY.orphanWeak : SEVERITY.orphan, weak ? "orphaned and weak: no inbound content links, low PageRank, few words" : "orphan: no inbound content links");
    else if (orphan) add(SEVERITY.orphan, "orphan: no inbound content links (linked from navigation only)");
    if (stale) add(SEVERITY.stale, `stale: not modified since ${p.modifiedAt!.slice(0, 10)}`);
    const drifts = coherence.drift[i];
    if (drifts) add(SEVERITY.drift, drifts);

    let action: ForgetAction = "keep";
    if (merge) action = "merge";
    else if (offTopic[i] || (thin && unlinked) || (unlinked && weak)) action = "prune";
    else if (thin || stale || drifts) action = "update";
    const decided = withSearchData({ score: Math.round(score * 100) / 100, action, reasons }, i, ctx.search ?? null);
    return { ...decided, ...(merge ? { mergeInto: merge.into } : {}), offTopic: offTopic[i] };
  });
}

/** How much a page holds: its inbound links, PageRank and words, each against the site's largest. */
function pageStrength(pages: AnalysisPage[], graph: LinkGraph, pagerank: Float64Array): Float64Array {
  const inbound = pages.map((_, i) => graph.contentIn[i].size + graph.templateIn[i].size);
  const maxIn = Math.max(1, ...inbound);
  const maxPr = Math.max(1e-12, ...pagerank);
  const maxWords = Math.max(1, ...pages.map((p) => p.wordCount));
  return Float64Array.from(pages, (p, i) => inbound[i] / maxIn + pagerank[i] / maxPr + p.wordCount / maxWords);
}
