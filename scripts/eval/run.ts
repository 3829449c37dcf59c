/**
 * Measured evaluation of the four gates on python3.11-doc served on 127.0.0.1 and scanned through the product
 * pipeline (crawl, LSTM training and encoding, analysis), one scan per variant of the site:
 *   original          topics (NMI against the docs' top folders), ablations, lstmWeight sweep, control figures
 *   links-removed     10% of editorial in-content links unwrapped: recall@10 of link suggestions
 *   injected          off-topic, thin and near-duplicate pages added: prune/merge precision and recall
 *   subtopic-removed  the asyncio pages removed: asyncio must be a gap of its core
 *   degraded          30% of links unwrapped and off-topic pages added: lower authority and gates
 * Prints one table (every figure beside its target) and writes .cache/eval/results.json.
 *
 *   npm run eval                       full run (downloads the Debian packages on first use)
 *   npm run eval -- --reuse-scans      re-analyse the scans kept in .cache/eval/scans (no crawl, no training)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeSite, DEFAULT_OPTIONS, nmi } from "../../lib/analyze";
import type { AnalysisInput, AnalysisOptions, AnalysisResult } from "../../lib/analyze/types";
import { tfidfKmeans, tfidfNeighbours } from "./baselines";
import { pythonDocsDir, sqliteDocsDir } from "./corpora";
import { DocSite } from "./doc-site";
import { scanSite, type ScannedSite } from "./scan";
import { COUNTS, GAP_SUBTOPIC, VariantFactory, type Variant } from "./variants";

const SEEDS = { linksRemoved: 11, injected: 21, degraded: 31 } as const;
const LINKS_REMOVED_SHARE = 0.1;
const DEGRADED_LINKS_SHARE = 0.3;
/** lstmWeight values tried on the original site. */
const SWEEP = [0, 0.1, 0.2, 0.3, 0.5, 0.7, 1];
/** Analysis seeds each NMI is averaged over: one k-means seeding moves NMI by +-0.02 on this site. */
const ANALYSIS_SEEDS = [42, 43, 44];
/** The baseline's k-means is averaged over these seeds so one lucky or unlucky seeding does not decide. */
const BASELINE_SEEDS = [1, 2, 3, 4, 5];
const RECALL_AT = 10;
const TARGETS = { nmiMargin: 0.05, recallRatio: 1.3, pruneQuality: 0.9, originalPruneShare: 0.02 } as const;

const reuse = process.argv.includes("--reuse-scans");
const log = (msg: string) => process.stderr.write(`[eval ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const r4 = (x: number) => Math.round(x * 10000) / 10000;

interface Row {
  gate: string;
  measure: string;
  value: string;
  target: string;
  pass: boolean | null;
}

/** Site-relative path of a URL of one scanned variant. */
function pathOf(scan: ScannedSite, url: string): string {
  return url.startsWith(`${scan.origin}/`) ? decodeURIComponent(url.slice(scan.origin.length + 1).split("#")[0]) : url;
}

function analyse(scan: ScannedSite, options: Partial<AnalysisOptions> = {}): { result: AnalysisResult; ms: number } {
  const started = Date.now();
  const input: AnalysisInput = { ...scan.input, options: { ...(scan.input.options ?? {}), ...options } };
  const result = analyzeSite(input);
  return { result, ms: Date.now() - started };
}

const labelOf = (p: string) => (p.includes("/") ? p.split("/")[0] : "(root)");

function topicNmi(scan: ScannedSite, result: AnalysisResult): number {
  const clustered = result.pages.filter((p) => p.topicId !== null);
  return nmi(clustered.map((p) => p.topicId!), clustered.map((p) => labelOf(pathOf(scan, p.url))));
}

function evaluateTopics(scan: ScannedSite) {
  const sweep: { lstmWeight: number; nmi: number; nmiBySeed: number[]; k: number[]; ms: number }[] = [];
  const results = new Map<number, AnalysisResult>();
  const weights = [...new Set([...SWEEP, DEFAULT_OPTIONS.lstmWeight])].sort((a, b) => a - b);
  for (const w of weights) {
    const runs = ANALYSIS_SEEDS.map((seed) => analyse(scan, { lstmWeight: w, seed }));
    results.set(w, runs[0].result);
    const bySeed = runs.map((r) => r4(topicNmi(scan, r.result)));
    const mean = r4(bySeed.reduce((a, b) => a + b, 0) / bySeed.length);
    sweep.push({ lstmWeight: w, nmi: mean, nmiBySeed: bySeed, k: runs.map((r) => r.result.topics.length), ms: runs.reduce((a, r) => a + r.ms, 0) });
    log(`topics: lstmWeight ${w} -> NMI ${mean} (by seed ${bySeed.join(", ")}; k ${runs.map((r) => r.result.topics.length).join(", ")})`);
  }
  const hybrid = results.get(DEFAULT_OPTIONS.lstmWeight)!;
  const clustered = hybrid.pages.filter((p) => p.topicId !== null);
  const byUrl = new Map(scan.input.pages.map((p) => [p.url, p]));
  const texts = clustered.map((p) => `${byUrl.get(p.url)!.title ?? ""}\n${byUrl.get(p.url)!.mainText}`);
  const truth = clustered.map((p) => labelOf(pathOf(scan, p.url)));
  const k = hybrid.topics.length;
  // the baseline gets the k of each of the hybrid's runs, each with 5 seeds
  const ks = sweep.find((x) => x.lstmWeight === DEFAULT_OPTIONS.lstmWeight)!.k;
  const baselineRuns = ks.flatMap((kk) => BASELINE_SEEDS.map((seed) => nmi(tfidfKmeans(texts, kk, seed), truth)));
  const baseline = baselineRuns.reduce((s, x) => s + x, 0) / baselineRuns.length;
  const at = (w: number) => sweep.find((s) => s.lstmWeight === w)!;
  return {
    lstmWeight: DEFAULT_OPTIONS.lstmWeight,
    pages: clustered.length,
    labels: new Set(truth).size,
    k,
    hybrid: at(DEFAULT_OPTIONS.lstmWeight).nmi,
    lexicalOnly: at(0).nmi,
    lstmOnly: at(1).nmi,
    baseline: r4(baseline),
    baselineRuns: baselineRuns.map(r4),
    sweep,
    topics: hybrid.topics.map((t) => {
      const folders = new Map<string, number>();
      for (const p of hybrid.pages) if (p.topicId === t.id) folders.set(labelOf(pathOf(scan, p.url)), (folders.get(labelOf(pathOf(scan, p.url))) ?? 0) + 1);
      return { id: t.id, label: t.label, isCore: t.isCore, pages: t.pageCount, folders: Object.fromEntries([...folders].sort((a, b) => b[1] - a[1]).slice(0, 3)) };
    }),
    result: hybrid,
  };
}

function evaluateLinks(scan: ScannedSite, variant: Variant, options: Partial<AnalysisOptions> = {}) {
  const { result, ms } = analyse(scan, { maxSuggestionsPerSource: RECALL_AT, ...options });
  const pages = scan.input.pages.filter((p) => p.status === 200);
  const index = new Map(pages.map((p, i) => [pathOf(scan, p.url), i]));
  const removed = variant.removedLinks.filter((l) => index.has(l.from) && index.has(l.to));
  const suggested = new Map<string, string[]>();
  for (const s of result.linkSuggestions) {
    const from = pathOf(scan, s.fromUrl);
    const list = suggested.get(from) ?? [];
    if (list.length < RECALL_AT) list.push(pathOf(scan, s.toUrl));
    suggested.set(from, list);
  }
  const hits = removed.filter((l) => suggested.get(l.from)?.includes(l.to)).length;

  const existing = new Set<number>();
  for (const l of scan.input.links) {
    const a = index.get(pathOf(scan, l.fromUrl));
    const b = index.get(pathOf(scan, l.toUrl));
    if (a !== undefined && b !== undefined) existing.add(a * pages.length + b);
  }
  const sources = [...new Set(removed.map((l) => index.get(l.from)!))];
  const neighbours = tfidfNeighbours(
    pages.map((p) => `${p.title ?? ""}\n${p.mainText}`),
    sources,
    (a, b) => existing.has(a * pages.length + b),
    RECALL_AT,
  );
  const baselineHits = removed.filter((l) => neighbours.get(index.get(l.from)!)!.includes(index.get(l.to)!)).length;

  const text = new Map(pages.map((p) => [p.url, p.mainText]));
  const verbatim = result.linkSuggestions.filter((s) => text.get(s.fromUrl)?.includes(s.anchor)).length;
  const recall = removed.length ? hits / removed.length : 0;
  const baselineRecall = removed.length ? baselineHits / removed.length : 0;
  return {
    removedLinks: removed.length,
    sources: sources.length,
    suggestions: result.linkSuggestions.length,
    sourcesWithSuggestions: suggested.size,
    recall: r4(recall),
    baselineRecall: r4(baselineRecall),
    ratio: baselineRecall > 0 ? r4(recall / baselineRecall) : null,
    verbatimShare: result.linkSuggestions.length ? r4(verbatim / result.linkSuggestions.length) : 1,
    analyzeMs: ms,
    result,
  };
}

function evaluatePruning(scan: ScannedSite, variant: Variant) {
  const { result } = analyse(scan);
  const injected = new Map(variant.injected.map((p) => [p.path, p]));
  const pages = result.pages.map((p) => ({ ...p, path: pathOf(scan, p.url) }));
  const flagged = pages.filter((p) => p.forget.action === "prune" || p.forget.action === "merge");
  const truePositives = flagged.filter((p) => injected.has(p.path));
  const crawledInjected = pages.filter((p) => injected.has(p.path));
  const originals = pages.filter((p) => !injected.has(p.path) && !p.isUtility);
  const prunedOriginals = originals.filter((p) => p.forget.action === "prune");
  const byKind = Object.fromEntries(
    (["off-topic", "thin", "near-duplicate"] as const).map((kind) => {
      const of = crawledInjected.filter((p) => injected.get(p.path)!.kind === kind);
      return [kind, { pages: of.length, flagged: of.filter((p) => p.forget.action === "prune" || p.forget.action === "merge").length }];
    }),
  );
  const mergedIntoSource = crawledInjected.filter((p) => {
    const source = injected.get(p.path)!.source;
    return source !== undefined && p.forget.action === "merge" && p.forget.mergeInto !== undefined && pathOf(scan, p.forget.mergeInto) === source;
  }).length;
  return {
    injected: variant.injected.length,
    crawled: crawledInjected.length,
    flagged: flagged.length,
    precision: flagged.length ? r4(truePositives.length / flagged.length) : 0,
    recall: variant.injected.length ? r4(truePositives.length / variant.injected.length) : 0,
    byKind,
    mergedIntoSource,
    originalNonUtility: originals.length,
    originalPruned: prunedOriginals.length,
    originalPrunedShare: originals.length ? r4(prunedOriginals.length / originals.length) : 0,
    offTopicTopics: result.topics.filter((t) => t.offTopic !== undefined).map((t) => ({ id: t.id, label: t.label, pages: t.pageCount, reason: t.offTopic })),
    falsePositives: flagged.filter((p) => !injected.has(p.path)).map((p) => ({ path: p.path, action: p.forget.action, reasons: p.forget.reasons })),
    missed: crawledInjected.filter((p) => p.forget.action !== "prune" && p.forget.action !== "merge").map((p) => ({ path: p.path, kind: injected.get(p.path)!.kind, action: p.forget.action, reasons: p.forget.reasons })),
  };
}

function subtopicGaps(result: AnalysisResult) {
  const core = new Set(result.topics.filter((t) => t.isCore).map((t) => t.id));
  return result.gaps.filter((g) => GAP_SUBTOPIC.keyphrase.test(g.keyphrase)).map((g) => ({ ...g, isCore: core.has(g.topicId), topic: result.topics[g.topicId]?.label }));
}

function prunedShare(scan: ScannedSite, result: AnalysisResult) {
  const originals = result.pages.filter((p) => !p.isUtility);
  const pruned = originals.filter((p) => p.forget.action === "prune");
  return { pages: originals.length, pruned: pruned.length, share: r4(pruned.length / Math.max(1, originals.length)), paths: pruned.map((p) => ({ path: pathOf(scan, p.url), reasons: p.forget.reasons })) };
}

const summary = (r: AnalysisResult) => ({ authority: r.site.authority, ...r.site.gates });

async function main(): Promise<void> {
  const started = Date.now();
  const docsDir = pythonDocsDir();
  const factory = new VariantFactory(DocSite.fromDir(docsDir), sqliteDocsDir());
  const variants = [
    factory.original(),
    factory.linksRemoved("links-removed", LINKS_REMOVED_SHARE, SEEDS.linksRemoved),
    factory.injected(SEEDS.injected),
    factory.subtopicRemoved(),
    factory.degraded(DEGRADED_LINKS_SHARE, SEEDS.degraded),
  ];
  const scans = new Map<string, ScannedSite>();
  for (const v of variants) {
    log(`${v.name}: serving ${v.pages.size} pages, scanning${reuse ? " (or reusing a kept scan)" : ""}`);
    const scan = await scanSite(v.name, v.key, v.pages, docsDir, reuse);
    scans.set(v.name, scan);
    log(`${v.name}: ${scan.input.pages.length} pages, ${scan.input.links.length} links, encoder ${JSON.stringify({ backend: scan.encoder?.backend, tokensTrained: scan.encoder?.tokensTrained, heldOutPerplexity: scan.encoder?.heldOutPerplexity })}, ${Math.round(scan.seconds)} s`);
  }
  const variant = (name: string) => variants.find((v) => v.name === name)!;
  const original = scans.get("original")!;

  const topics = evaluateTopics(original);
  const originalResult = topics.result;
  const links = evaluateLinks(scans.get("links-removed")!, variant("links-removed"));
  // the same with no cap on suggestions into one page: how much recall the report's readability cap costs
  const linksUncapped = evaluateLinks(scans.get("links-removed")!, variant("links-removed"), { maxSuggestionsPerTarget: Number.MAX_SAFE_INTEGER });
  log(`links: recall@${RECALL_AT} ${links.recall} vs baseline ${links.baselineRecall}`);
  const pruning = evaluatePruning(scans.get("injected")!, variant("injected"));
  log(`pruning: precision ${pruning.precision}, recall ${pruning.recall}`);
  const removedScan = scans.get("subtopic-removed")!;
  const removedResult = analyse(removedScan).result;
  const gaps = { removed: subtopicGaps(removedResult), original: subtopicGaps(originalResult) };
  const degradedResult = analyse(scans.get("degraded")!).result;
  const linksResult = analyse(scans.get("links-removed")!).result;
  const monotonicity = { original: summary(originalResult), degraded: summary(degradedResult), linksRemoved10: summary(linksResult) };
  const originalPruning = prunedShare(original, originalResult);

  const rows: Row[] = [];
  const row = (gate: string, measure: string, value: string, target: string, pass: boolean | null) => rows.push({ gate, measure, value, target, pass });
  row("cores", `NMI hybrid (lstmWeight ${topics.lstmWeight}, k ${topics.sweep.find((x) => x.lstmWeight === topics.lstmWeight)!.k.join("/")}; mean of ${ANALYSIS_SEEDS.length} seeds)`, `${topics.hybrid}`, `>= baseline + ${TARGETS.nmiMargin} (${r4(topics.baseline + TARGETS.nmiMargin)})`, topics.hybrid >= topics.baseline + TARGETS.nmiMargin);
  row("cores", `NMI TF-IDF + k-means baseline (same k, mean of ${BASELINE_SEEDS.length} seeds per k)`, `${topics.baseline}`, "reference", null);
  row("cores", "NMI TF-IDF/LSA only (lstmWeight 0)", `${topics.lexicalOnly}`, `< hybrid (${topics.hybrid})`, topics.hybrid > topics.lexicalOnly);
  row("cores", "NMI LSTM only (lstmWeight 1)", `${topics.lstmOnly}`, `< hybrid (${topics.hybrid})`, topics.hybrid > topics.lstmOnly);
  row("linking", `recall@${RECALL_AT} of ${links.removedLinks} removed links (${links.sources} source pages)`, `${links.recall}`, `>= ${TARGETS.recallRatio}x baseline (${r4(TARGETS.recallRatio * links.baselineRecall)})`, links.recall >= TARGETS.recallRatio * links.baselineRecall);
  row("linking", `recall@${RECALL_AT} TF-IDF nearest neighbours (not yet linked)`, `${links.baselineRecall}`, "reference", null);
  row("linking", `  recall@${RECALL_AT} without the cap of ${DEFAULT_OPTIONS.maxSuggestionsPerTarget} suggestions per target page`, `${linksUncapped.recall}`, "info", null);
  row("linking", "anchors verbatim in the source's main text", `${links.verbatimShare * 100}% of ${links.suggestions}`, "100%", links.verbatimShare === 1);
  row("pruning", `precision of prune/merge (${pruning.flagged} flagged)`, `${pruning.precision}`, `>= ${TARGETS.pruneQuality}`, pruning.precision >= TARGETS.pruneQuality);
  row("pruning", `recall of prune/merge on ${pruning.injected} injected pages`, `${pruning.recall}`, `>= ${TARGETS.pruneQuality}`, pruning.recall >= TARGETS.pruneQuality);
  for (const [kind, k] of Object.entries(pruning.byKind)) row("pruning", `  ${kind}: flagged`, `${k.flagged}/${k.pages}`, "info", null);
  row("pruning", "  near-duplicates and excerpts merged into their source", `${pruning.mergedIntoSource}/${COUNTS.thin + COUNTS.nearDuplicate}`, "info", null);
  row("pruning", `original non-utility pages pruned (injected site, ${pruning.originalNonUtility} pages)`, `${r4(pruning.originalPrunedShare * 100)}% (${pruning.originalPruned})`, `<= ${TARGETS.originalPruneShare * 100}%`, pruning.originalPrunedShare <= TARGETS.originalPruneShare);
  row("pruning", `non-utility pages pruned on the original site (${originalPruning.pages} pages)`, `${r4(originalPruning.share * 100)}% (${originalPruning.pruned})`, `<= ${TARGETS.originalPruneShare * 100}%`, originalPruning.share <= TARGETS.originalPruneShare);
  const gapHit = gaps.removed.find((g) => g.isCore);
  row("expansion", `"${GAP_SUBTOPIC.name}" pages removed: gap of a core`, gapHit ? `"${gapHit.keyphrase}" in core "${gapHit.topic}" (${gapHit.evidence.length} pages as evidence)` : "not a gap", "a gap of its core", gapHit !== undefined);
  row("expansion", `control: "${GAP_SUBTOPIC.name}" a gap on the original site`, gaps.original.length ? gaps.original.map((g) => g.keyphrase).join(", ") : "no", "no", gaps.original.length === 0);
  const m = monotonicity;
  row("monotonicity", "authority: original -> degraded", `${m.original.authority} -> ${m.degraded.authority}`, "lower", m.degraded.authority < m.original.authority);
  row("monotonicity", "output gate (links removed)", `${m.original.output} -> ${m.degraded.output}`, "lower", m.degraded.output < m.original.output);
  row("monotonicity", "forget gate (off-topic pages added)", `${m.original.forget} -> ${m.degraded.forget}`, "lower", m.degraded.forget < m.original.forget);
  row("monotonicity", "core gate (off-topic pages added)", `${m.original.core} -> ${m.degraded.core}`, "lower", m.degraded.core < m.original.core);
  row("monotonicity", "  input gate (no change targets it)", `${m.original.input} -> ${m.degraded.input}`, "info", null);
  row("monotonicity", "authority / output: original -> 10% links removed", `${m.original.authority} -> ${m.linksRemoved10.authority} / ${m.original.output} -> ${m.linksRemoved10.output}`, "lower", m.linksRemoved10.authority < m.original.authority && m.linksRemoved10.output < m.original.output);

  const results = {
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    reusedScans: reuse,
    scans: Object.fromEntries([...scans].map(([name, s]) => [name, { pages: s.input.pages.length, links: s.input.links.length, seconds: Math.round(s.seconds), timings: s.timings, encoder: s.encoder }])),
    table: rows,
    topics: { ...topics, result: undefined },
    links: { ...links, result: undefined, uncappedRecall: linksUncapped.recall },
    pruning,
    originalPruning,
    gaps,
    monotonicity,
  };
  const out = path.resolve(".cache/eval/results.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2));

  console.log(`\nTopicGate evaluation on python3.11-doc (${original.input.pages.length} pages crawled), ${results.seconds} s\n`);
  console.log("| gate | measure | value | target | result |");
  console.log("|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.gate} | ${r.measure} | ${r.value} | ${r.target} | ${r.pass === null ? "" : r.pass ? "PASS" : "FAIL"} |`);
  console.log(`\nlstmWeight sweep (NMI, mean of ${ANALYSIS_SEEDS.length} seeds): ${topics.sweep.map((s) => `${s.lstmWeight}: ${s.nmi}`).join(", ")}`);
  console.log(`Results: ${path.relative(process.cwd(), out)}`);
  const failed = rows.filter((r) => r.pass === false).length;
  console.log(failed ? `${failed} target(s) missed` : "every target met");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
