/**
 * The ranking of link suggestions, learned per site from the site's own links: some of its existing content links are
 * held out, suggestions are made as if they did not exist, and a logistic regression learns which features of a
 * suggestion (how strongly its anchor names the target, how close the pages are, ...) pick the links the site's
 * editors made. A site links by its own habits (names on a wiki, "see section 6.5" in a book, identifiers in an API
 * reference); fitting them beats one weighting for every site.
 */

export const FEATURES = ["similarity", "lexical", "evidence", "established", "name", "heading", "sameTopic", "need", "popularity", "anchors"] as const;
export type FeatureName = (typeof FEATURES)[number];

// The hand-set ranking, used when a site has too few links to learn from: anchor evidence 0.5, similarity 0.3, same
// topic 0.1, the target's need of links 0.1 (measured on the python3.11 docs before the ranking was learned).
export const DEFAULT_WEIGHTS: Partial<Record<FeatureName, number>> = { evidence: 0.5, similarity: 0.3, sameTopic: 0.1, need: 0.1 };
// Share of the site's editorial links held out to learn from (a fifth: enough positives on a 100-page site, while the
// remaining links still carry the anchor statistics).
export const HOLD_OUT_SHARE = 0.2;
// Fewer held-out links found among the candidates than this: too few to learn from, the hand-set ranking is used.
export const MIN_POSITIVES = 20;
// Logistic regression on standardised features: L2 penalty, full-batch gradient steps.
const L2 = 1e-2;
const STEPS = 300;
const LEARNING_RATE = 0.5;
// Positives are rare among the candidates; each weighs as many negatives as there are per positive, up to this.
const MAX_POSITIVE_WEIGHT = 50;

export interface RankingModel {
  /** weight of each feature (in FEATURES order) on its raw scale, and the intercept */
  weights: Float64Array;
  bias: number;
  learned: boolean;
  /** held-out links found among the training candidates, and the candidates */
  positives: number;
  examples: number;
}

export function defaultModel(): RankingModel {
  return { weights: Float64Array.from(FEATURES, (f) => DEFAULT_WEIGHTS[f] ?? 0), bias: 0, learned: false, positives: 0, examples: 0 };
}

/** The model's score of a feature vector: a probability for a learned model, the hand-set sum otherwise. */
export function scoreOf(model: RankingModel, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let k = 0; k < model.weights.length; k++) z += model.weights[k] * x[k];
  return model.learned ? 1 / (1 + Math.exp(-z)) : z;
}

/** Fits the ranking on labelled candidates (1: a held-out link of the site); too few positives give the default. */
export function fitRanking(examples: { x: Float64Array; y: number }[]): RankingModel {
  const positives = examples.filter((e) => e.y === 1).length;
  if (positives < MIN_POSITIVES || positives === examples.length) return { ...defaultModel(), positives, examples: examples.length };
  const d = FEATURES.length;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (const e of examples) for (let k = 0; k < d; k++) mean[k] += e.x[k] / examples.length;
  for (const e of examples) for (let k = 0; k < d; k++) std[k] += (e.x[k] - mean[k]) ** 2 / examples.length;
  for (let k = 0; k < d; k++) std[k] = Math.sqrt(std[k]) || 1;
  const z = examples.map((e) => Float64Array.from(e.x, (v, k) => (v - mean[k]) / std[k]));
  const positiveWeight = Math.min(MAX_POSITIVE_WEIGHT, (examples.length - positives) / positives);
  const sampleWeight = examples.map((e) => (e.y === 1 ? positiveWeight : 1));
  const total = sampleWeight.reduce((a, b) => a + b, 0);
  const w = new Float64Array(d);
  let b = 0;
  const grad = new Float64Array(d);
  for (let step = 0; step < STEPS; step++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < z.length; i++) {
      let s = b;
      for (let k = 0; k < d; k++) s += w[k] * z[i][k];
      const err = (1 / (1 + Math.exp(-s)) - examples[i].y) * sampleWeight[i];
      for (let k = 0; k < d; k++) grad[k] += err * z[i][k];
      gb += err;
    }
    for (let k = 0; k < d; k++) w[k] -= LEARNING_RATE * (grad[k] / total + L2 * w[k]);
    b -= LEARNING_RATE * (gb / total);
  }
  // back to the raw feature scale
  const weights = Float64Array.from(w, (wk, k) => wk / std[k]);
  const bias = b - w.reduce((s, wk, k) => s + (wk * mean[k]) / std[k], 0);
  return { weights, bias, learned: true, positives, examples: examples.length };
}

/** The model's weights by feature name, rounded (reported with the linking summary). */
export function describeModel(model: RankingModel): { learned: boolean; positives: number; weights: Record<string, number> } {
  return {
    learned: model.learned,
    positives: model.positives,
    weights: Object.fromEntries(FEATURES.map((f, k) => [f, Math.round(model.weights[k] * 1000) / 1000])),
  };
}
