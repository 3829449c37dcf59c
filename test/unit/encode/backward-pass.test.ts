/**
 * The hand-written backward pass (cells, recurrent layer, softmax losses) against central finite
 * differences of the forward loss, for both cells and both losses.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "@/lib/encode/backend";
import { LanguageModel, PARAM_NAMES, initialParamValues, type CellKind, type ModelShape, type ParamName, type ParamValues } from "@/lib/encode/model";
import { createRng } from "@/lib/encode/prng";
import { backward, forwardForTraining, zeroState } from "@/lib/encode/recurrent-layer";
import { fullSoftmaxGradients, sampledSoftmaxGradients } from "@/lib/encode/softmax-loss";

const STEPS = 3;
const BATCH = 2;
const EPS = 5e-3;
const COORDS_PER_PARAM = 4;

beforeAll(async () => {
  await initBackend("wasm");
});

function scaled(values: ParamValues, factor: number): ParamValues {
  // Larger weights than the 0.1 init make the gates nonlinear enough to catch sign errors.
  const out = {} as ParamValues;
  for (const name of PARAM_NAMES) out[name] = values[name].map((x, i) => x * factor + 0.05 * Math.sin(i));
  return out;
}

function lossAndGrads(model: LanguageModel, sampled: boolean, withGrads: boolean): { loss: number; grads: Partial<Record<ParamName, Float32Array>> } {
  const ids = tf.tensor1d([2, 5, 7, 1, 3, 3], "int32");
  const targets = tf.tensor1d([5, 7, 1, 3, 3, 8], "int32");
  return tf.tidy(() => {
    // A non-zero carried-in state, as in truncated BPTT.
    const initial = zeroState(model, BATCH).map((s, k) => tf.add(s, 0.3 * (k + 1)) as tf.Tensor2D);
    const trace = forwardForTraining(model, ids, STEPS, BATCH, initial);
    const out = sampled
      ? sampledSoftmaxGradients(model, trace.outputs, targets, {
          ids: tf.tensor1d([8, 0, 5, 9], "int32"),
          logExpected: tf.tensor1d([-1, -2, -0.5, -1.5]),
          logExpectedTable: tf.tensor1d(Array.from({ length: model.shape.vocabSize }, (_, i) => -1 - 0.1 * i)),
        })
      : fullSoftmaxGradients(model, trace.outputs, targets);
    const loss = out.loss.dataSync()[0];
    if (!withGrads) return { loss, grads: {} };
    const g = { ...backward(model, trace, out.dHidden, STEPS, BATCH), outputKernel: out.outputKernel, outputBias: out.outputBias };
    const grads: Partial<Record<ParamName, Float32Array>> = {};
    for (const [k, v] of Object.entries(g)) grads[k as ParamName] = (v as tf.Tensor).dataSync() as Float32Array;
    return { loss, grads };
  });
}

function check(cell: CellKind, sampled: boolean) {
  const shape: ModelShape = { cell, vocabSize: 10, embeddingDim: 3, hiddenUnits: 4 };
  const values = scaled(initialParamValues(shape, 11), 8);
  const model = new LanguageModel(shape, values);
  const { grads } = lossAndGrads(model, sampled, true);
  const rng = createRng(5);
  const params = PARAM_NAMES.filter((n) => cell === "gru" || n !== "recurrentBias");
  let compared = 0;
  for (const name of params) {
    const analytic = grads[name];
    expect(analytic, name).toBeDefined();
    for (let k = 0; k < COORDS_PER_PARAM; k++) {
      const i = Math.floor(rng() * values[name].length);
      const probe = (delta: number) => {
        const v = { ...values, [name]: values[name].slice() };
        v[name][i] += delta;
        model.assignValues(v);
        return lossAndGrads(model, sampled, false).loss;
      };
      const numeric = (probe(EPS) - probe(-EPS)) / (2 * EPS);
      const a = (analytic as Float32Array)[i];
      expect(Math.abs(a - numeric), `${name}[${i}] analytic ${a} numeric ${numeric}`).toBeLessThan(2e-3 + 0.03 * Math.abs(numeric));
      compared++;
    }
  }
  model.assignValues(values);
  model.dispose();
  expect(compared).toBe(params.length * COORDS_PER_PARAM);
}

describe("hand-written gradients match finite differences", () => {
  it("LSTM with the full softmax", () => check("lstm", false));
  it("LSTM with the sampled softmax", () => check("lstm", true));
  it("GRU with the full softmax", () => check("gru", false));
  it("GRU with the sampled softmax", () => check("gru", true));
});
