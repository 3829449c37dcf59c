/**
 * Evaluation on the python3.11 docs: NMI of TopicGate's topics against the docs' top folders,
 * against a plain TF-IDF + spherical k-means baseline with the same k.
 * Run: npx tsx scripts/eval/run.ts [--lstm-weight W]
 */
import { analyzeSite, nmi } from "../../lib/analyze";
import { sphericalKmeans } from "../../lib/analyze/kmeans";
import { isStopword } from "../../lib/analyze/tokenize";
import { l2normalize } from "../../lib/analyze/vectors";
import { loadPythonDocs } from "./python-docs";

/** Baseline: unigram TF-IDF of main text (min_df 2, max_df 0.5, sublinear tf), dense, spherical k-means. */
function baselineAssignments(texts: string[], k: number, seed: number): Int32Array {
  const docs = texts.map((t) => (t.toLowerCase().match(/[\p{L}][\p{L}\p{N}_]+/gu) ?? []).filter((w) => !isStopword(w)));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const vocab = [...df.entries()].filter(([, c]) => c >= 2 && c <= n * 0.5).map(([w]) => w);
  const col = new Map(vocab.map((w, j) => [w, j]));
  const vectors = docs.map((d) => {
    const tf = new Map<number, number>();
    for (const w of d) {
      const j = col.get(w);
      if (j !== undefined) tf.set(j, (tf.get(j) ?? 0) + 1);
    }
    const v = new Float64Array(vocab.length);
    for (const [j, c] of tf) v[j] = (1 + Math.log(c)) * (Math.log((1 + n) / (1 + df.get(vocab[j])!)) + 1);
    return l2normalize(v);
  });
  return sphericalKmeans(vectors, k, seed).assignments;
}

const argWeight = process.argv.indexOf("--lstm-weight");
const lstmWeight = argWeight > 0 ? Number(process.argv[argWeight + 1]) : undefined;

const loadStart = Date.now();
const { input, labels } = loadPythonDocs();
const loadMs = Date.now() - loadStart;
const started = Date.now();
const result = analyzeSite(lstmWeight === undefined ? input : { ...input, options: { lstmWeight } });
const analyzeMs = Date.now() - started;

const clustered = result.pages.filter((p) => p.topicId !== null);
const truth = clustered.map((p) => labels.get(p.url)!);
const ours = nmi(clustered.map((p) => p.topicId!), truth);
const k = result.topics.length;
const textOf = new Map(input.pages.map((p) => [p.url, p.mainText]));
const baseline = nmi(baselineAssignments(clustered.map((p) => textOf.get(p.url)!), k, 42), truth);
const labelCount = new Set(truth).size;
const baselineAtLabels = nmi(baselineAssignments(clustered.map((p) => textOf.get(p.url)!), labelCount, 42), truth);
const oursAtLabels = nmi(
  analyzeSite({ ...input, options: { kMin: labelCount, kMax: labelCount } }).pages.filter((p) => p.topicId !== null).map((p) => p.topicId!),
  truth,
);

const actions: Record<string, number> = {};
for (const p of result.pages) actions[p.forget.action] = (actions[p.forget.action] ?? 0) + 1;
console.log(JSON.stringify({
  pages: input.pages.length,
  links: input.links.length,
  clusteredPages: clustered.length,
  utilityPages: result.pages.filter((p) => p.isUtility).length,
  labels: labelCount,
  loadMs,
  analyzeMs,
  k,
  nmi: { topicgate: Number(ours.toFixed(4)), tfidfKmeansSameK: Number(baseline.toFixed(4)) },
  nmiAtLabelCount: { k: labelCount, topicgate: Number(oursAtLabels.toFixed(4)), tfidfKmeans: Number(baselineAtLabels.toFixed(4)) },
  site: { authority: result.site.authority, gates: result.site.gates, linking: result.site.linking },
  actions,
  gaps: result.gaps.length,
  suggestions: result.linkSuggestions.length,
  ablation: result.ablation,
}, null, 2));
console.log("\nTopics:");
for (const t of result.topics) {
  const members = result.pages.filter((p) => p.topicId === t.id);
  const folders = new Map<string, number>();
  for (const p of members) folders.set(labels.get(p.url)!, (folders.get(labels.get(p.url)!) ?? 0) + 1);
  const top = [...folders.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([f, c]) => `${f}:${c}`).join(" ");
  console.log(`${t.isCore ? "*" : " "} ${String(t.id).padStart(2)} ${String(t.pageCount).padStart(4)}p  ${t.label.padEnd(40)} pillar=${t.pillarUrl?.replace("https://docs.python.test/", "")}  [${top}]`);
}
console.log("\nSample suggestions:");
for (const s of result.linkSuggestions.slice(0, 5)) console.log(`  ${s.fromUrl} -> ${s.toUrl} "${s.anchor}" :: ${s.context.slice(0, 100)}`);
console.log("\nSample prune/merge:");
for (const p of result.pages.filter((p) => p.forget.action === "prune" || p.forget.action === "merge").slice(0, 8)) console.log(`  ${p.url} ${p.forget.action} ${p.forget.mergeInto ?? ""} ${p.forget.reasons.join("; ")}`);
