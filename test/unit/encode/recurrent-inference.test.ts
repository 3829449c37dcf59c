/**
 * The encoding pass (input table, batch-major steps, JS cell loop, rational tanh) against the
 * training path's forward pass in tf ops, for both cells.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "@/lib/encode/backend";
import { LanguageModel, PARAM_NAMES, initialParamValues, type CellKind, type ModelShape, type ParamValues } from "@/lib/encode/model";
import { pageVector, poolHiddenStates, splitIntoWindows } from "@/lib/encode/pooling";
import { createRng } from "@/lib/encode/prng";
import { disposeInferenceWeights, inferenceWeights, poolLanes } from "@/lib/encode/recurrent-inference";
import { forwardForTraining, zeroState } from "@/lib/encode/recurrent-layer";

const HIDDEN = 12;
/** Float32 rounding differs between the paths (fused JS loop vs separate tf ops); nothing else may. */
const TOLERANCE = 1e-5;

beforeAll(async () => {
  await initBackend("wasm");
});

function model(cell: CellKind): LanguageModel {
  const shape: ModelShape = { cell, vocabSize: 40, embeddingDim: 6, hiddenUnits: HIDDEN };
  const values = initialParamValues(shape, 5);
  // Weights larger than the 0.1 init (and a GRU recurrent bias) drive the gates into their nonlinear range.
  const scaled = {} as ParamValues;
  for (const name of PARAM_NAMES) scaled[name] = values[name].map((x, i) => x * 6 + 0.1 * Math.sin(i));
  return new LanguageModel(shape, scaled);
}

function randomLanes(lengths: number[], seed: number): Int32Array[] {
  const rng = createRng(seed);
  return lengths.map((n) => Int32Array.from({ length: n }, () => Math.floor(rng() * 40)));
}

/** Sum and max of h over one lane, from the tf-op forward pass training uses. */
function reference(m: LanguageModel, ids: Int32Array): { sum: number[]; max: number[] } {
  const outputs = tf.tidy(() => forwardForTraining(m, tf.tensor1d(ids, "int32"), ids.length, 1, zeroState(m, 1)).outputs.arraySync());
  const sum = new Array<number>(HIDDEN).fill(0);
  const max = new Array<number>(HIDDEN).fill(-Infinity);
  for (const h of outputs) {
    h.forEach((v, j) => {
      sum[j] += v;
      max[j] = Math.max(max[j], v);
    });
  }
  return { sum, max };
}

describe.each(["lstm", "gru"] as const)("poolLanes (%s)", (cell) => {
  it("pools the same hidden states as the training forward pass, lane by lane", () => {
    const m = model(cell);
    const lanes = randomLanes([40, 33, 33, 9, 1], 11);
    const weights = inferenceWeights(m);
    const pooled = poolLanes(weights, lanes);
    disposeInferenceWeights(weights);
    let maxError = 0;
    lanes.forEach((ids, b) => {
      const want = reference(m, ids);
      for (let j = 0; j < HIDDEN; j++) {
        maxError = Math.max(maxError, Math.abs(pooled.sum[b * HIDDEN + j] - want.sum[j]) / ids.length, Math.abs(pooled.max[b * HIDDEN + j] - want.max[j]));
      }
    });
    expect(maxError).toBeLessThan(TOLERANCE);
    // The states really are nonlinear, not near zero.
    expect(Math.max(...pooled.max)).toBeGreaterThan(0.3);
    m.dispose();
  });

  it("gives page vectors that do not depend on the batch size", async () => {
    const m = model(cell);
    const pages = randomLanes([300, 40, 1, 0, 77], 12);
    const windows = splitIntoWindows(pages, 64);
    const one = await poolHiddenStates(m, windows, pages.length, 1, () => {});
    const all = await poolHiddenStates(m, windows, pages.length, 256, () => {});
    for (let p = 0; p < pages.length; p++) {
      const a = pageVector(one[p], HIDDEN);
      const b = pageVector(all[p], HIDDEN);
      for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(TOLERANCE);
    }
    m.dispose();
  });
});

it("refuses lanes that are not sorted longest first", () => {
  const m = model("lstm");
  const weights = inferenceWeights(m);
  expect(() => poolLanes(weights, randomLanes([3, 5], 1))).toThrow(/longest first/);
  disposeInferenceWeights(weights);
  m.dispose();
});
