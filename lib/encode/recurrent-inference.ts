/**
 * Forward-only recurrent pass for encoding: hidden states pooled into per-lane sum and max.
 *
 * Why not the training path (recurrent-layer.ts), measured on wasm (bench/encoder.ts):
 * - the input projection x*W + b depends only on the token id, so it is computed once per
 *   vocabulary word (a [V, G*H] table, costing what projecting V tokens would) and each step
 *   copies rows out of it: a third of the FLOPs per token gone;
 * - the state is batch-major [B, H], so each step is one h x U matMul whose constant U the wasm
 *   backend packs once (27 vs 21 GFLOP/s for the feature-major U^T x h at B=256);
 * - per step a matMul, an add and one vectorised sigmoid over all gates in tf, then one JS loop
 *   that updates the cell and the pooled sum/max, instead of ~20 tf ops each allocating a tensor
 *   and passing over memory; results are read straight from the wasm heap, without garbage;
 * - lanes come sorted longest first, so the lanes still running at step t are a prefix and the
 *   step's matMul shrinks with them: padded positions cost nothing.
 * The matMul and sigmoid stay in TensorFlow.js: wasm SIMD runs them 10x faster than JS loops.
 */
import * as tf from "@tensorflow/tfjs";
import { GATES, type CellKind, type LanguageModel } from "./model";

export interface InferenceWeights {
  cell: CellKind;
  hidden: number;
  /** G*H: one row of the input table, one row of h*U. */
  width: number;
  /** [V, G*H] row-major: embedding * inputKernel + bias for every vocabulary word. */
  inputTable: Float32Array;
  /** [H, G*H] */
  recurrentKernel: tf.Tensor2D;
  /** [G*H], added to h*U (GRU, reset-after); the LSTM folds its only bias into the input table. */
  recurrentBias: tf.Tensor1D | null;
}

export function inferenceWeights(model: LanguageModel): InferenceWeights {
  const p = model.params;
  const table = tf.tidy(() => tf.add(tf.matMul(p.embedding, p.inputKernel), p.bias));
  const inputTable = table.dataSync() as Float32Array;
  table.dispose();
  return {
    cell: model.shape.cell,
    hidden: model.shape.hiddenUnits,
    width: GATES[model.shape.cell] * model.shape.hiddenUnits,
    inputTable,
    recurrentKernel: tf.clone(p.recurrentKernel) as tf.Tensor2D,
    recurrentBias: model.shape.cell === "gru" ? (tf.clone(p.recurrentBias) as tf.Tensor1D) : null,
  };
}

export function disposeInferenceWeights(weights: InferenceWeights): void {
  weights.recurrentKernel.dispose();
  weights.recurrentBias?.dispose();
}

interface HeapBackend {
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
}

/** The tensor's values, without a copy where the backend allows it; valid until the next tf op. */
function readFloats(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as Partial<HeapBackend>;
  if (typeof backend.typedArrayFromHeap === "function") return backend.typedArrayFromHeap(t) as Float32Array;
  return t.dataSync() as Float32Array;
}

/**
 * tanh as Eigen's 13/6-degree rational interpolant (generic_fast_tanh_float): within 6e-8 of
 * tanh after rounding to float32, and 3x faster than Math.exp in V8 here (4.4 vs 14 ns), which
 * made the JS loop of a step 2x faster.
 */
function tanhRational(x: number): number {
  if (x >= 9) return 1;
  if (x <= -9) return -1;
  const x2 = x * x;
  const p = x * ((((((-2.76076847742355e-16 * x2 + 2.00018790482477e-13) * x2 - 8.60467152213735e-11) * x2 + 5.12229709037114e-8) * x2 + 1.48572235717979e-5) * x2 + 6.37261928875436e-4) * x2 + 4.89352455891786e-3);
  const q = ((1.19825839466702e-6 * x2 + 1.18534705686654e-4) * x2 + 2.2684346324390e-3) * x2 + 4.89352518554385e-3;
  return p / q;
}

export interface PooledLanes {
  /** [lanes, H]: sum of h over each lane's tokens. */
  sum: Float32Array;
  /** [lanes, H]: element-wise max of h over each lane's tokens (-Infinity for an empty lane). */
  max: Float32Array;
}

/**
 * Runs `lanes` (token ids, sorted by non-increasing length) from a zero state and pools their
 * hidden states. The gate formulas are those of cells.ts.
 */
export function poolLanes(weights: InferenceWeights, lanes: readonly Int32Array[]): PooledLanes {
  const { hidden: n, width, inputTable } = weights;
  const count = lanes.length;
  for (let b = 1; b < count; b++) {
    if (lanes[b].length > lanes[b - 1].length) throw new Error("poolLanes needs lanes sorted longest first");
  }
  const h = new Float32Array(count * n);
  const c = new Float32Array(count * n);
  const sum = new Float32Array(count * n);
  const max = new Float32Array(count * n).fill(-Infinity);
  const x = new Float32Array(count * width);
  const steps = count === 0 ? 0 : lanes[0].length;
  let active = count;
  for (let t = 0; t < steps; t++) {
    while (lanes[active - 1].length <= t) active--;
    for (let b = 0; b < active; b++) {
      const row = lanes[b][t] * width;
      x.set(inputTable.subarray(row, row + width), b * width);
    }
    const hT = tf.tensor2d(h.subarray(0, active * n), [active, n]);
    const xT = tf.tensor2d(x.subarray(0, active * width), [active, width]);
    const product = tf.matMul(hT, weights.recurrentKernel);
    const hu = weights.recurrentBias ? tf.add(product, weights.recurrentBias) : product;
    const z = tf.add(xT, hu);
    const gatesT = tf.sigmoid(z);
    const gates = readFloats(gatesT);
    if (weights.cell === "lstm") {
      // Gate blocks i, f, o, g, with g = 2*sigmoid(z_g)-1 as in cells.ts.
      for (let b = 0; b < active; b++) {
        const r = b * width;
        for (let j = 0, k = b * n; j < n; j++, k++) {
          const cNext = gates[r + n + j] * c[k] + gates[r + j] * (2 * gates[r + 3 * n + j] - 1);
          c[k] = cNext;
          const hNext = gates[r + 2 * n + j] * tanhRational(cNext);
          h[k] = hNext;
          sum[k] += hNext;
          if (hNext > max[k]) max[k] = hNext;
        }
      }
    } else {
      // Gate blocks r, z, n (reset-after): n = tanh(x_n + r * (h*U_n + b_n)), h' = n + z * (h - n).
      const recurrent = readFloats(hu);
      for (let b = 0; b < active; b++) {
        const r = b * width;
        for (let j = 0, k = b * n; j < n; j++, k++) {
          const candidate = tanhRational(x[r + 2 * n + j] + gates[r + j] * recurrent[r + 2 * n + j]);
          const hNext = candidate + gates[r + n + j] * (h[k] - candidate);
          h[k] = hNext;
          sum[k] += hNext;
          if (hNext > max[k]) max[k] = hNext;
        }
      }
    }
    tf.dispose([hT, xT, product, hu, z, gatesT]);
  }
  return { sum, max };
}
