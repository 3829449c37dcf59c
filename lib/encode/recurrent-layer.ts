/**
 * Embedding + recurrent layer over a time-major block of token ids, forward and backward.
 *
 * The input projection of all T*B positions is ONE matMul (the naive layer does T small ones);
 * per step only U^T*h remains. Inside the recurrence tensors are feature-major [features, B]
 * (see cells.ts); outside, rows are time-major positions [T*B, features] (row t*B+b).
 * Training and perplexity run here; encoding has a faster forward-only pass (recurrent-inference.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { CELLS, type CellState, type StepCache } from "./cells";
import type { LanguageModel, ParamName } from "./model";

type T2 = tf.Tensor2D;
type T3 = tf.Tensor3D;

export function zeroState(model: LanguageModel, batch: number): CellState {
  const cell = CELLS[model.shape.cell];
  return Array.from({ length: cell.stateSize }, () => tf.zeros([model.shape.hiddenUnits, batch]) as T2);
}

/** [T*B, F] time-major rows -> [T, F, B] so that step t is one contiguous block. */
export function rowsToSteps(x: T2, steps: number, batch: number): T3 {
  return tf.transpose(tf.reshape(x, [steps, batch, x.shape[1]]), [0, 2, 1]);
}

/** [T, F, B] -> [T*B, F]. */
export function stepsToRows(x: T3): T2 {
  const [steps, features, batch] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1]), [steps * batch, features]);
}

function stepSlice(x: T3, t: number): T2 {
  const [, features, batch] = x.shape;
  return tf.reshape(tf.slice(x, [t, 0, 0], [1, features, batch]), [features, batch]);
}

interface Projections {
  embedded: T2;
  /** [T, G*H, B] */
  projection: T3;
  recurrentT: T2;
  recurrentBias: T2 | null;
}

function projections(model: LanguageModel, ids: tf.Tensor1D, steps: number, batch: number): Projections {
  const p = model.params;
  const embedded = tf.gather(p.embedding, ids) as T2;
  const rows = tf.add(tf.matMul(embedded, p.inputKernel as T2), p.bias) as T2;
  return {
    embedded,
    projection: rowsToSteps(rows, steps, batch),
    recurrentT: tf.transpose(p.recurrentKernel) as T2,
    // LSTM folds its single bias into the input projection; GRU needs the reset-after bias here.
    recurrentBias: model.shape.cell === "gru" ? (tf.reshape(p.recurrentBias, [-1, 1]) as T2) : null,
  };
}

function recurrentProjection(proj: Projections, h: T2): T2 {
  const product = tf.matMul(proj.recurrentT, h) as T2;
  return proj.recurrentBias ? (tf.add(product, proj.recurrentBias) as T2) : product;
}

export interface ForwardTrace {
  ids: tf.Tensor1D;
  embedded: T2;
  hiddenPrev: T2[];
  caches: StepCache[];
  /** h for every position, time-major rows [T*B, H]. */
  outputs: T2;
  finalState: CellState;
}

/** Forward pass that keeps what the backward pass needs. Call inside tf.tidy. */
export function forwardForTraining(model: LanguageModel, ids: tf.Tensor1D, steps: number, batch: number, initial: CellState): ForwardTrace {
  const cell = CELLS[model.shape.cell];
  const hidden = model.shape.hiddenUnits;
  const proj = projections(model, ids, steps, batch);
  let state = initial;
  const hiddenPrev: T2[] = [];
  const caches: StepCache[] = [];
  const outs: T2[] = [];
  for (let t = 0; t < steps; t++) {
    hiddenPrev.push(state[0]);
    const r = cell.step(stepSlice(proj.projection, t), recurrentProjection(proj, state[0]), state, hidden);
    caches.push(r.cache);
    state = r.state;
    outs.push(state[0]);
  }
  return { ids, embedded: proj.embedded, hiddenPrev, caches, outputs: stepsToRows(tf.stack(outs) as T3), finalState: state };
}

/**
 * Backpropagation through the T steps of one truncated-BPTT segment. The state carried in from
 * the previous segment is treated as a constant (that is what "truncated" means).
 */
export function backward(model: LanguageModel, trace: ForwardTrace, dOutputs: T2, steps: number, batch: number): Partial<Record<ParamName, tf.Tensor>> {
  const cell = CELLS[model.shape.cell];
  const hidden = model.shape.hiddenUnits;
  const p = model.params;
  const dOut = rowsToSteps(dOutputs, steps, batch);
  const dInput: T2[] = new Array(steps);
  const dRecurrent: T2[] = new Array(steps);
  let dState: T2[] = Array.from({ length: cell.stateSize }, () => tf.zeros([hidden, batch]) as T2);
  for (let t = steps - 1; t >= 0; t--) {
    const dh = tf.add(dState[0], stepSlice(dOut, t)) as T2;
    const g = cell.backward(trace.caches[t], [dh, ...dState.slice(1)], hidden);
    dInput[t] = g.dInputProjection;
    dRecurrent[t] = g.dRecurrentProjection;
    // Feature-major makes this a plain U x dz: no transpose at all.
    const viaU = tf.matMul(p.recurrentKernel as T2, g.dRecurrentProjection) as T2;
    dState = g.dState.map((d, k) => (k === 0 ? (d === null ? viaU : (tf.add(d, viaU) as T2)) : (d ?? (tf.zerosLike(dState[k]) as T2))));
  }
  const dProjection = stepsToRows(tf.stack(dInput) as T3);
  const dRecurrentRows = stepsToRows(tf.stack(dRecurrent) as T3);
  const [features] = trace.hiddenPrev[0].shape;
  const hiddenPrevCols = tf.reshape(tf.transpose(tf.stack(trace.hiddenPrev), [1, 0, 2]), [features, steps * batch]) as T2;
  const grads: Partial<Record<ParamName, tf.Tensor>> = {
    inputKernel: tf.matMul(tf.transpose(trace.embedded) as T2, dProjection),
    bias: tf.sum(dProjection, 0),
    recurrentKernel: tf.matMul(hiddenPrevCols, dRecurrentRows),
    embedding: tf.unsortedSegmentSum(tf.matMul(dProjection, tf.transpose(p.inputKernel) as T2), trace.ids, model.shape.vocabSize),
  };
  if (model.shape.cell === "gru") grads.recurrentBias = tf.sum(dRecurrentRows, 0);
  return grads;
}
