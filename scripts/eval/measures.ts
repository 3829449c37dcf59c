/**
 * What the evaluation measures on one analysed scan: topics against the site's sections, link suggestions against the
 * held-out links, pruning against the injected pages, and the crawl checks (redirects, canonicals to another host).
 */
import { nmi } from "../../lib/analyze";
import type { AnalysisResult } from "../../lib/analyze/types";
import { lsaKmeans, tfidfKmeans, tfidfNeighbours } from "./baselines";
import { pathOf, type VariantTruth } from "./site-scans";
import type { ScannedSite } from "./scan";
import { resolveLabels } from "./sites";

export const RECALL_AT = 10;
/** The baselines' k-means is averaged over these seeds so one lucky or unlucky seeding does not decide. */
const BASELINE_SEEDS = [1, 2, 3];

export const r4 = (x: number) => Math.round(x * 10000) / 10000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The site's section of every original page that the analysis put in a topic. */
function labelled(scan: ScannedSite, truth: VariantTruth, result: AnalysisResult) {
  const labels = resolveLabels(new Map(Object.entries(truth.labels)));
  return result.pages.filter((p) => p.topicId !== null && labels.has(pathOf(scan, p.url))).map((p) => ({ page: p, label: labels.get(pathOf(scan, p.url))! }));
}

export function topicNmi(scan: ScannedSite, truth: VariantTruth, result: AnalysisResult): number {
  const pages = labelled(scan, truth, result);
  return nmi(pages.map((p) => p.page.topicId!), pages.map((p) => p.label));
}

/** NMI of the plain and the stronger lexical baselines on the same pages with the same k, mean over seeds. */
export function baselineNmi(scan: ScannedSite, truth: VariantTruth, result: AnalysisResult): { plain: number; strong: number; k: number } {
  const pages = labelled(scan, truth, result);
  const byUrl = new Map(scan.input.pages.map((p) => [p.url, p]));
  const docs = pages.map((p) => ({ title: byUrl.get(p.page.url)!.title ?? "", text: byUrl.get(p.page.url)!.mainText }));
  const truthLabels = pages.map((p) => p.label);
  const k = new Set(pages.map((p) => p.page.topicId)).size;
  const plain = mean(BASELINE_SEEDS.map((seed) => nmi(tfidfKmeans(docs.map((d) => `${d.title}\n${d.text}`), k, seed), truthLabels)));
  const strong = mean(BASELINE_SEEDS.map((seed) => nmi(lsaKmeans(docs, k, seed), truthLabels)));
  return { plain: r4(plain), strong: r4(strong), k };
}

export interface LinkMeasure {
  heldOut: number;
  sources: number;
  suggestions: number;
  recall: number;
  baselineRecall: number;
  ratio: number | null;
  verbatimShare: number;
}

export function linkMeasures(scan: ScannedSite, truth: VariantTruth, result: AnalysisResult): LinkMeasure {
  const pages = scan.input.pages.filter((p) => p.status === 200);
  const index = new Map(pages.map((p, i) => [pathOf(scan, p.url), i]));
  const held = truth.heldOutLinks.filter((l) => index.has(l.from) && index.has(l.to));
  const suggested = new Map<string, string[]>();
  for (const s of result.linkSuggestions) {
    const from = pathOf(scan, s.fromUrl);
    const list = suggested.get(from) ?? [];
    if (list.length < RECALL_AT) list.push(pathOf(scan, s.toUrl));
    suggested.set(from, list);
  }
  const hits = held.filter((l) => suggested.get(l.from)?.includes(l.to)).length;
  const existing = new Set<number>();
  for (const l of scan.input.links) {
    const a = index.get(pathOf(scan, l.fromUrl));
    const b = index.get(pathOf(scan, l.toUrl));
    if (a !== undefined && b !== undefined) existing.add(a * pages.length + b);
  }
  const sources = [...new Set(held.map((l) => index.get(l.from)!))];
  const neighbours = tfidfNeighbours(
    pages.map((p) => `${p.title ?? ""}\n${p.mainText}`),
    sources,
    (a, b) => existing.has(a * pages.length + b),
    RECALL_AT,
  );
  const baselineHits = held.filter((l) => neighbours.get(index.get(l.from)!)!.includes(index.get(l.to)!)).length;
  const text = new Map(pages.map((p) => [p.url, p.mainText]));
  const verbatim = result.linkSuggestions.filter((s) => text.get(s.fromUrl)?.includes(s.anchor)).length;
  const recall = held.length ? hits / held.length : 0;
  const baselineRecall = held.length ? baselineHits / held.length : 0;
  return {
    heldOut: held.length,
    sources: sources.length,
    suggestions: result.linkSuggestions.length,
    recall: r4(recall),
    baselineRecall: r4(baselineRecall),
    ratio: baselineRecall > 0 ? r4(recall / baselineRecall) : null,
    verbatimShare: result.linkSuggestions.length ? r4(verbatim / result.linkSuggestions.length) : 1,
  };
}

export interface PruningMeasure {
  injected: number;
  flagged: number;
  precision: number;
  recall: number;
  byKind: Record<string, { pages: number; flagged: number }>;
  originals: number;
  originalsFlagged: number;
  originalsFlaggedShare: number;
  /** merges into a page that itself merges or is pruned, or that lead back to their page */
  chains: number;
  falsePositives: { path: string; action: string; reasons: string[] }[];
  missed: { path: string; kind: string; action: string; reasons: string[] }[];
}

const removed = (a: string) => a === "prune" || a === "merge";
/** An injected copy whose main text came out identical is reported as the same page at a second URL (duplicate_url). */
const foldedCopy = (p: { forget: { reasons: string[] } }) => p.forget.reasons.some((r) => r.startsWith("the same content as"));

export function pruningMeasures(scan: ScannedSite, truth: VariantTruth, result: AnalysisResult): PruningMeasure {
  const injected = new Map(truth.injected.map((p) => [p.path, p]));
  const pages = result.pages.map((p) => ({ ...p, path: pathOf(scan, p.url) }));
  const flagged = pages.filter((p) => removed(p.forget.action) || (injected.get(p.path)?.kind === "near-duplicate" && foldedCopy(p)));
  const tp = flagged.filter((p) => injected.has(p.path));
  const crawledInjected = pages.filter((p) => injected.has(p.path));
  // the site's own content pages: not utility, not folded into another URL or canonicalised away
  const originals = pages.filter((p) => !injected.has(p.path) && !p.isUtility && p.topicId !== null);
  const originalsFlagged = originals.filter((p) => removed(p.forget.action));
  const action = new Map(result.pages.map((p) => [p.url, p.forget]));
  const chains = result.pages.filter((p) => p.forget.mergeInto !== undefined && (action.get(p.forget.mergeInto)?.action ?? "keep") !== "keep" && action.get(p.forget.mergeInto)?.action !== "update").length;
  const byKind: PruningMeasure["byKind"] = {};
  for (const kind of ["off-topic", "thin", "near-duplicate"]) {
    const of = crawledInjected.filter((p) => injected.get(p.path)!.kind === kind);
    byKind[kind] = { pages: of.length, flagged: of.filter((p) => flagged.includes(p)).length };
  }
  return {
    injected: truth.injected.length,
    flagged: flagged.length,
    precision: flagged.length ? r4(tp.length / flagged.length) : 0,
    recall: truth.injected.length ? r4(tp.length / truth.injected.length) : 0,
    byKind,
    originals: originals.length,
    originalsFlagged: originalsFlagged.length,
    originalsFlaggedShare: originals.length ? r4(originalsFlagged.length / originals.length) : 0,
    chains,
    falsePositives: flagged.filter((p) => !injected.has(p.path)).map((p) => ({ path: p.path, action: p.forget.action, reasons: p.forget.reasons })),
    missed: crawledInjected.filter((p) => !flagged.includes(p)).map((p) => ({ path: p.path, kind: injected.get(p.path)!.kind, action: p.forget.action, reasons: p.forget.reasons })),
  };
}

/** Spearman correlation of two rankings given as values per key (keys present in both). */
function spearman(a: Map<string, number>, b: Map<string, number>): number {
  const keys = [...a.keys()].filter((k) => b.has(k));
  const rank = (m: Map<string, number>) => {
    const sorted = [...keys].sort((x, y) => m.get(x)! - m.get(y)!);
    return new Map(sorted.map((k, i) => [k, i]));
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = keys.length;
  if (n < 2) return 1;
  const d2 = keys.reduce((s, k) => s + (ra.get(k)! - rb.get(k)!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

export interface CrawlComparison {
  authority: [number, number];
  authorityDelta: number;
  contentLinks: [number, number];
  orphans: [number, number];
  topics: [number, number];
  pagerankSpearman: number;
  findings: string[];
}

/** The same site audited two ways (`b` the variant): link graph, authority and the variant's site issues. */
export function compareAudits(a: { scan: ScannedSite; result: AnalysisResult }, b: { scan: ScannedSite; result: AnalysisResult; cleanUrls: boolean }): CrawlComparison {
  const pr = (x: { scan: ScannedSite; result: AnalysisResult }, clean: boolean) => new Map(x.result.pages.map((p) => [pathOf(x.scan, p.url, clean), p.pagerank]));
  return {
    authority: [a.result.site.authority, b.result.site.authority],
    authorityDelta: r4(Math.abs(a.result.site.authority - b.result.site.authority)),
    contentLinks: [a.result.site.linking.contentLinks, b.result.site.linking.contentLinks],
    orphans: [a.result.pages.filter((p) => p.isOrphan).length, b.result.pages.filter((p) => p.isOrphan).length],
    topics: [a.result.topics.length, b.result.topics.length],
    pagerankSpearman: r4(spearman(pr(a, false), pr(b, b.cleanUrls))),
    findings: b.result.findings.map((f) => `${f.code} (${f.pageUrls.length} pages)`),
  };
}
