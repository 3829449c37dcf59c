/**
 * Page vectors from hidden states: mean and max over every token of the page.
 *
 * Long pages are cut into windows of at most ENCODE_WINDOW tokens (all windows of a page have
 * near-equal length) that are encoded independently from a zero state; the page's mean is the
 * token-weighted mean over all its windows and its max the element-wise max, so no token is
 * dropped and a page's vector does not depend on how it was batched.
 */
import type { LanguageModel } from "./model";
import { disposeInferenceWeights, inferenceWeights, poolLanes } from "./recurrent-inference";

/** ~7x the training unroll: the LSTM state is trained to carry across segments, so longer is fine. */
export const ENCODE_WINDOW = 256;
/** Windows per batch: h[256,128] x U[128,512] runs at ~27 GFLOP/s on wasm (measured; 512 gained nothing end to end). */
export const ENCODE_BATCH = 256;

export interface Window {
  page: number;
  ids: Int32Array;
}

export function splitIntoWindows(pages: readonly Int32Array[], windowSize: number): Window[] {
  const windows: Window[] = [];
  pages.forEach((ids, page) => {
    if (ids.length === 0) return;
    const count = Math.ceil(ids.length / windowSize);
    const base = Math.floor(ids.length / count);
    const extra = ids.length % count;
    let at = 0;
    for (let w = 0; w < count; w++) {
      const len = base + (w < extra ? 1 : 0);
      windows.push({ page, ids: ids.subarray(at, at + len) });
      at += len;
    }
  });
  return windows;
}

/**
 * Keeps, per page, windows spread evenly over the page up to about `maxTokens` tokens (first, last and evenly
 * between), so a long page costs what a short one does and its vector still reads its whole length.
 */
export function sampleWindows(windows: readonly Window[], maxTokens: number): Window[] {
  const byPage = new Map<number, Window[]>();
  for (const w of windows) {
    const list = byPage.get(w.page);
    if (list) list.push(w);
    else byPage.set(w.page, [w]);
  }
  const kept: Window[] = [];
  for (const list of byPage.values()) {
    const keep = Math.max(1, Math.min(list.length, Math.round(maxTokens / Math.max(1, list[0].ids.length))));
    if (keep >= list.length) {
      kept.push(...list);
      continue;
    }
    for (let k = 0; k < keep; k++) kept.push(list[keep === 1 ? 0 : Math.round((k * (list.length - 1)) / (keep - 1))]);
  }
  return kept;
}

export interface PoolAccumulator {
  sum: Float32Array;
  max: Float32Array;
  count: number;
}

/**
 * Runs the windows through the model, longest first so each batch pads little (bucketing by
 * length), and accumulates sum/max/count per page.
 */
export async function poolHiddenStates(
  model: LanguageModel,
  windows: Window[],
  pageCount: number,
  batchSize: number,
  onBatch: (tokens: number) => Promise<void> | void,
): Promise<PoolAccumulator[]> {
  const hidden = model.shape.hiddenUnits;
  const acc: PoolAccumulator[] = Array.from({ length: pageCount }, () => ({
    sum: new Float32Array(hidden),
    max: new Float32Array(hidden).fill(-Infinity),
    count: 0,
  }));
  const sorted = [...windows].sort((a, b) => b.ids.length - a.ids.length);
  const weights = inferenceWeights(model);
  try {
    for (let start = 0; start < sorted.length; start += batchSize) {
      const group = sorted.slice(start, start + batchSize);
      const pooled = poolLanes(weights, group.map((w) => w.ids));
      group.forEach((w, b) => {
        const a = acc[w.page];
        for (let j = 0; j < hidden; j++) {
          a.sum[j] += pooled.sum[b * hidden + j];
          a.max[j] = Math.max(a.max[j], pooled.max[b * hidden + j]);
        }
        a.count += w.ids.length;
      });
      await onBatch(group.reduce((n, w) => n + w.ids.length, 0));
    }
  } finally {
    disposeInferenceWeights(weights);
  }
  return acc;
}

/** [mean | max]; an empty page gets the zero vector. */
export function pageVector(acc: PoolAccumulator, hidden: number): Float32Array {
  const out = new Float32Array(2 * hidden);
  if (acc.count === 0) return out;
  for (let j = 0; j < hidden; j++) {
    out[j] = acc.sum[j] / acc.count;
    out[hidden + j] = acc.max[j];
  }
  return out;
}
