import { ACTION_VALUE, AUTHORITY_FORMULA, authorityOf, gateScores, topicAuthority } from "./authority";
import { findCores } from "./gates/cores";
import { expandTopics, gapsOf, subjectKey } from "./gates/expansion";
import { analyseLinking } from "./gates/linking";
import { decidePruning } from "./gates/pruning";
import { clusterWithChosenK } from "./kmeans";
import { siteFindings } from "./findings";
import { renderFindings } from "./render-findings";
import { linkGraphOf } from "./link-graph";
import { resolveOptions } from "./options";
import { pagerank } from "./pagerank";
import { buildTfidf } from "./tfidf";
import { COMPOUNDING_LANGUAGES } from "../language/stopwords";
import { buildCorpus } from "./tokenize";
import type { AnalysisInput, AnalysisResult, PageResult, TopicResult } from "./types";
import { resolveLinks } from "./resolve-links";
import { auditHreflang } from "./hreflang";
import { balanceScripts, coverageByLanguage, languageSummary, subjectVectors, withoutScriptMix } from "./languages";
import { searchDecisions } from "./search-decisions";
import { searchGaps } from "./gates/search-expansion";
import { classifyUtility } from "./utility-pages";
import { buildHybridVectors, buildLexicalVectors, buildLstmVectors } from "./vectors";

export * from "./types";
export { nmi } from "./nmi";
export { cosine, buildLexicalVectors, buildLstmVectors, buildHybridVectors } from "./vectors";
export { hammingDistance } from "./simhash";
export { AUTHORITY_FORMULA } from "./authority";
export { DEFAULT_OPTIONS } from "./options";
export { classifyUtility, utilityKind } from "./utility-pages";

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** The four gates over one crawled site. Pure: the same input always gives the same result. */
export function analyzeSite(input: AnalysisInput): AnalysisResult {
  const options = resolveOptions(input.options);
  // Only 200 pages are analysable; any other status passed in is a broken-link target. They are taken in an order set by
  // their content, not by the order the crawl happened to fetch them, so the same site crawled twice (or served at
  // other URLs) clusters the same way.
  const analysable = input.pages.filter((p) => p.status === 200);
  const inputOrder = new Map(analysable.map((p, i) => [p.url, i]));
  const pages = [...analysable].sort(byContent);
  const n = pages.length;
  const urls = pages.map((p) => p.url);

  const corpus = buildCorpus(pages);
  const tfidf = buildTfidf(corpus);
  const lexical = buildLexicalVectors(balanceScripts(tfidf, corpus), options.lsaDimensions, options.seed);
  const lstm = buildLstmVectors(pages.map((p) => p.lstmVector), options.seed);
  // the sequence model reads how much of a page is in which script before what it says: that part is taken out
  const vectors = buildHybridVectors(lexical, lstm && withoutScriptMix(lstm, corpus), options.lstmWeight);

  // links resolved through redirects and canonicals to the pages they reach
  const resolution = resolveLinks(input.siteUrl, pages, input.links, input.fetches);
  const graph = linkGraphOf(n, resolution.links);
  const pr = pagerank(n, graph.followEdges);
  // pages not judged as content: folded into another URL, canonicalised off the site, or without text (a short contact
  // or search page is a utility page, not an empty one)
  const folded = pages.map((p, i) => (resolution.standsFor[i] !== i ? resolution.foldReason[i] : resolution.canonicalisedAway[i] ? `canonicalised to ${p.canonical}` : null));
  const structural = classifyUtility(pages, graph, resolution.links);
  const empty = pages.map((_, i) => folded[i] === null && structural[i] === null && resolution.empty[i]);
  const excluded = folded.map((f, i) => f ?? (empty[i] ? "no text in its HTML (built by a script, or blank): nothing to judge" : null));
  const canonicalisedAway = excluded.map((e) => e !== null);
  const utility = structural.map((u, i) => (canonicalisedAway[i] ? null : u));

  const contentPages = [...Array(n).keys()].filter((i) => utility[i] === null && !canonicalisedAway[i]);
  const coverage = coverageByLanguage(corpus, contentPages);
  // hreflang alternates: checked as site issues, and each set of alternates is one subject across languages
  const hreflang = auditHreflang(pages.map((p, i) => ({ url: p.url, canonical: p.canonical, language: corpus.languages[i], hreflang: p.hreflang })), input.fetches);
  const cores = findCores({
    vectors: subjectVectors(vectors, hreflang.groups),
    contentPages,
    corpus,
    vocabulary: { coverage, ratio: options.offTopicVocabularyRatio },
    pagerank: pr,
    graph,
    kMin: options.kMin,
    kMax: options.kMax,
    seed: options.seed,
    phrasesPerTopic: Math.max(20, options.subtopicsPerCore * 2),
  });
  const { topics, topicOf } = cores;

  const expansions = expandTopics(topics, corpus, options.subtopicsPerCore, (i) => !canonicalisedAway[i] && utility[i] === null, pages.map((p) => p.headings));
  const search = searchDecisions(input.search, urls);
  const forget = decidePruning({ pages, corpus, tfidf: tfidf.rows, vectors, topics, topicOf, utility, excluded, coverage, graph, pagerank: pr, options, now: input.now, search });

  const removed = (i: number) => forget[i].action === "prune" || forget[i].action === "merge";
  const linking = analyseLinking({
    pages,
    corpus,
    tfidf,
    vectors,
    topics,
    topicOf,
    graph,
    // pages that are not content count as utility here: no orphans among them, no links suggested into them
    utility: utility.map((u, i) => u ?? (canonicalisedAway[i] ? "excluded" : null)),
    targetable: pages.map((p, i) => !p.noindex && !canonicalisedAway[i] && utility[i] === null && topicOf[i] >= 0 && !removed(i)),
    sourceable: pages.map((_, i) => !canonicalisedAway[i] && !removed(i)),
    maxPerSource: options.maxSuggestionsPerSource,
    maxPerTarget: options.maxSuggestionsPerTarget,
    seed: options.seed,
    links: resolution.links,
    ...(search ? { demand: search.demand } : {}),
  });

  // Gates
  const coreTopics = topics.filter((t) => t.isCore);
  const corePageCount = coreTopics.reduce((s, t) => s + t.members.length, 0);
  const onTopicCorePages = coreTopics.reduce((s, t) => s + t.members.filter((i) => !forget[i].offTopic).length, 0);
  const valueOf = (members: number[]) => (members.length ? members.reduce((s, i) => s + ACTION_VALUE[forget[i].action], 0) / members.length : 1);
  const weightedByPages = (f: (id: number) => number) =>
    corePageCount ? coreTopics.reduce((s, t) => s + f(t.id) * t.members.length, 0) / corePageCount : 0;
  const contentNonUtility = contentPages;
  const gates = gateScores({
    coreShare: contentPages.length ? onTopicCorePages / contentPages.length : 0,
    coreCohesion: weightedByPages((id) => topics[id].cohesion),
    coverage: weightedByPages((id) => expansions[id].coverage),
    pageValue: valueOf(contentNonUtility),
    alignment: linking.summary.alignment,
    orphanShare: linking.summary.orphanShare,
    hubCompleteness: linking.summary.hubCompleteness,
    communityNmi: linking.summary.communityTopicNmi,
  });
  const authority = authorityOf(gates);

  const topicResults: TopicResult[] = topics.map((t) => {
    const orphans = t.members.filter((i) => linking.orphan[i]).length;
    return {
      id: t.id,
      label: t.label,
      keyphrases: t.phrases.slice(0, 8).map((p) => p.text),
      isCore: t.isCore,
      ...(t.offTopic !== null ? { offTopic: t.offTopic } : {}),
      pillarUrl: t.pillar === null ? null : urls[t.pillar],
      pageCount: t.members.length,
      cohesion: round(t.cohesion),
      coverage: round(expansions[t.id].coverage),
      authority: topicAuthority({
        cohesion: t.cohesion,
        coverage: expansions[t.id].coverage,
        pageValue: valueOf(t.members),
        alignment: linking.perTopic[t.id].alignment,
        hubCompleteness: linking.perTopic[t.id].hubCompleteness,
        orphanShare: t.members.length ? orphans / t.members.length : 0,
      }),
      pagerankShare: round(t.pagerankShare),
      hubCompleteness: round(linking.perTopic[t.id].hubCompleteness),
      subtopics: expansions[t.id].subtopics.map((s) => ({
        keyphrase: s.keyphrase,
        mentions: s.mentions,
        dedicatedUrl: s.dedicated === null ? null : urls[s.dedicated],
      })),
    };
  });

  const pageResults: PageResult[] = pages.map((p, i) => {
    const f = forget[i];
    return {
      url: p.url,
      language: corpus.languages[i],
      topicId: topicOf[i] >= 0 ? topicOf[i] : null,
      topicSimilarity: round(cores.similarity[i]),
      pagerank: round(pr[i], 8),
      inlinks: graph.contentIn[i].size,
      outlinks: graph.contentOut[i].size,
      templateInlinks: graph.templateIn[i].size,
      templateOutlinks: graph.templateOut[i].size,
      brokenOutlinks: graph.brokenOut[i],
      isOrphan: linking.orphan[i],
      isUtility: utility[i] !== null,
      ...(utility[i] !== null ? { utilityKind: utility[i]! } : {}),
      forget: {
        score: f.score,
        action: f.action,
        reasons: f.reasons,
        ...(f.mergeInto !== undefined ? { mergeInto: urls[f.mergeInto] } : {}),
      },
    };
  });

  const coreIds = new Set(coreTopics.map((t) => t.id));
  // subjects the site names: its section headings
  const named = new Set<string>(pages.flatMap((p) => p.headings.filter((h) => h.level > 1).map((h) => subjectKey(h.text, corpus.rules))));
  const gaps = [
    ...gapsOf(expansions.filter((e) => coreIds.has(e.topicId)), urls, (key) => named.has(key), {
      rules: corpus.rules,
      compounding: corpus.rules.languages.length > 0 && COMPOUNDING_LANGUAGES.has(corpus.rules.languages[0]),
      compound: (word) => {
        const id = corpus.dict.ids.get(word);
        return id !== undefined && corpus.compounds.has(id);
      },
    }),
    ...searchGaps({ search: input.search, pages, topics, topicOf, offTopic: (i) => forget[i].offTopic }),
  ];

  const ablation: Record<string, unknown> = {
    hybrid: { dimensions: vectors[0]?.length ?? 0, k: cores.k, silhouette: round(cores.silhouette), silhouetteByK: cores.silhouetteByK, lstmWeight: lstm ? options.lstmWeight : 0 },
  };
  if (options.ablation && lstm && contentPages.length >= 4) {
    for (const [name, variant] of [["lexical", lexical], ["lstm", lstm]] as const) {
      const sel = clusterWithChosenK(contentPages.map((i) => variant[i]), options.kMin, options.kMax, options.seed);
      ablation[name] = { dimensions: variant[0].length, k: sel.clustering.k, silhouette: round(sel.silhouette), silhouetteByK: sel.silhouetteByK };
    }
  }

  const counts = { prune: 0, merge: 0, update: 0 };
  for (const f of forget) if (f.action !== "keep") counts[f.action]++;
  const explanation = explain({
    authority,
    gates,
    coreLabels: coreTopics.map((t) => t.label),
    topicCount: topics.length,
    coreShare: contentPages.length ? onTopicCorePages / contentPages.length : 0,
    gapCount: gaps.length,
    counts,
    alignment: linking.summary.alignment,
    orphans: linking.orphan.filter((o, i) => o && utility[i] === null).length,
    suggestions: linking.suggestions.length,
  });

  return {
    site: { authority, gates, explanation, formula: AUTHORITY_FORMULA, linking: { ...linking.summary, alignment: round(linking.summary.alignment), communityTopicNmi: round(linking.summary.communityTopicNmi), hubCompleteness: round(linking.summary.hubCompleteness), orphanShare: round(linking.summary.orphanShare) } },
    topics: topicResults,
    // reported in the order the pages came in
    pages: pageResults.sort((a, b) => inputOrder.get(a.url)! - inputOrder.get(b.url)!),
    gaps,
    linkClusters: linking.clusters,
    linkSuggestions: linking.suggestions,
    findings: [...siteFindings(urls, resolution, empty.map((e, i) => e && !pages[i].render?.shell)), ...hreflang.findings, ...renderFindings(pages)],
    languages: languageSummary(corpus.languages, topicOf, canonicalisedAway),
    ...(search
      ? {
          search: {
            usedByDecisions: true as const,
            quickWins: search.quickWins,
            lowCtrPages: search.lowCtr.filter((l, i) => l !== null && forget[i].reasons.some((r) => r.startsWith("update title/description"))).length,
            protectedPages: forget.filter((f) => f.reasons.some((r) => r.startsWith("search value:") && r.includes("not pruned"))).length,
            queryCannibals: forget.filter((f) => f.action === "merge" && f.reasons.some((r) => r.includes("shared top queries"))).length,
          },
        }
      : {}),
    ablation,
    vectorsByUrl: new Map(pages.map((p, i) => [p.url, vectors[i]])),
  };
}

function byContent(a: AnalysisInput["pages"][number], b: AnalysisInput["pages"][number]): number {
  const ka = a.simhash ?? a.contentHash ?? a.url;
  const kb = b.simhash ?? b.contentHash ?? b.url;
  return ka < kb ? -1 : ka > kb ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0;
}

function explain(x: {
  authority: number;
  gates: { core: number; input: number; forget: number; output: number };
  coreLabels: string[];
  topicCount: number;
  coreShare: number;
  gapCount: number;
  counts: { prune: number; merge: number; update: number };
  alignment: number;
  orphans: number;
  suggestions: number;
}): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return [
    `Topical Authority ${Math.round(x.authority)}/100.`,
    `Cores ${Math.round(x.gates.core)}: ${x.coreLabels.length} of ${x.topicCount} topics are core (${x.coreLabels.map((l) => `"${l}"`).join(", ") || "none"}), holding ${pct(x.coreShare)} of content pages on topic.`,
    `Expansion ${Math.round(x.gates.input)}: ${x.gapCount} subtopic gap(s) the site mentions but has no page for.`,
    `Forget ${Math.round(x.gates.forget)}: ${x.counts.prune} page(s) to prune, ${x.counts.merge} to merge, ${x.counts.update} to update.`,
    `Output ${Math.round(x.gates.output)}: ${pct(x.alignment)} of content links stay on topic or reach a pillar; ${x.orphans} orphan page(s); ${x.suggestions} link suggestion(s).`,
  ].join(" ");
}
