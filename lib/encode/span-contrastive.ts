/**
 * Span-contrastive objective beside the language model: two spans of the same page should read
 * alike and unlike the spans of the other pages in the batch (InfoNCE with in-batch negatives,
 * van den Oord et al. 2018; the symmetric form of CLIP, Radford et al. 2021). The LM alone
 * spends the hidden state on the next word, so mean-pooled states follow page length and code
 * versus prose more than subject; this loss pulls what a page keeps saying into the pooled state.
 *
 * The gradient reaches the recurrent layer through the same hand-written backward pass as the
 * LM: dLoss/dPooled comes from tf.grad over the small pooled block, spread evenly over the span.
 */
import * as tf from "@tensorflow/tfjs";
import type { LanguageModel, ParamName } from "./model";
import { backward, forwardForTraining, zeroState } from "./recurrent-layer";

/** Temperature of the similarity logits: 0.1 is SimCLR's (Chen et al. 2020) best value for cosine logits. */
export const CONTRASTIVE_TEMPERATURE = 0.1;
/** Pages per contrastive batch (2 spans each): 32 gives 31 negatives per span at half an LM step's cost. */
export const CONTRASTIVE_PAGES = 32;

export interface SpanPairs {
  /** Time-major [steps * 2P]: lane p is page p's first span, lane P + p its second. */
  ids: Int32Array;
  steps: number;
  pages: number;
}

/**
 * Two non-overlapping spans of `steps` tokens from each of up to CONTRASTIVE_PAGES pages long
 * enough to hold them; null when fewer than two such pages exist (no negatives).
 */
export function sampleSpanPairs(pages: readonly Int32Array[], steps: number, rng: () => number, maxPages = CONTRASTIVE_PAGES): SpanPairs | null {
  const eligible: number[] = [];
  pages.forEach((p, i) => {
    if (p.length >= 2 * steps) eligible.push(i);
  });
  if (eligible.length < 2) return null;
  const chosen: number[] = [];
  const pool = [...eligible];
  while (chosen.length < maxPages && pool.length > 0) chosen.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  const lanes = 2 * chosen.length;
  const ids = new Int32Array(steps * lanes);
  chosen.forEach((pageIndex, p) => {
    const page = pages[pageIndex];
    const first = Math.floor(rng() * (page.length - 2 * steps + 1));
    const second = first + steps + Math.floor(rng() * (page.length - first - 2 * steps + 1));
    for (let t = 0; t < steps; t++) {
      ids[t * lanes + p] = page[first + t];
      ids[t * lanes + chosen.length + p] = page[second + t];
    }
  });
  return { ids, steps, pages: chosen.length };
}

/** Symmetric InfoNCE of the [2P, H] pooled block: rows p and P + p are the positives. */
function infoNce(pooled: tf.Tensor2D, pages: number): tf.Scalar {
  const unit = tf.div(pooled, tf.add(tf.norm(pooled, "euclidean", 1, true), 1e-6)) as tf.Tensor2D;
  const a = tf.slice(unit, [0, 0], [pages, -1]);
  const b = tf.slice(unit, [pages, 0], [pages, -1]);
  const logits = tf.div(tf.matMul(a, b, false, true), CONTRASTIVE_TEMPERATURE) as tf.Tensor2D;
  const diagonal = tf.oneHot(tf.range(0, pages, 1, "int32"), pages).toFloat();
  const rows = tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits, 1), diagonal), 1)));
  const cols = tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(tf.transpose(logits), 1), diagonal), 1)));
  return tf.div(tf.add(rows, cols), 2) as tf.Scalar;
}

/**
 * Loss and parameter gradients (scaled by `weight`) of one contrastive batch, from a zero state
 * as pages are encoded. Call inside tf.tidy.
 */
export function contrastiveGradients(model: LanguageModel, pairs: SpanPairs, weight: number): { loss: tf.Scalar; grads: Partial<Record<ParamName, tf.Tensor>> } {
  const lanes = 2 * pairs.pages;
  const ids = tf.tensor1d(pairs.ids, "int32");
  const trace = forwardForTraining(model, ids, pairs.steps, lanes, zeroState(model, lanes));
  // rows are time-major (t * lanes + b): the mean over t is the lane's pooled state
  const pooled = tf.mean(tf.reshape(trace.outputs, [pairs.steps, lanes, model.shape.hiddenUnits]), 0) as tf.Tensor2D;
  const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => infoNce(x as tf.Tensor2D, pairs.pages))(pooled);
  const perStep = tf.mul(grad, weight / pairs.steps) as tf.Tensor2D;
  const dOutputs = tf.tile(perStep, [pairs.steps, 1]) as tf.Tensor2D;
  return { loss: value as tf.Scalar, grads: backward(model, trace, dOutputs, pairs.steps, lanes) };
}
