/**
 * One time step of the LSTM and GRU cells, forward and hand-written backward, in tf ops.
 *
 * Tensors are feature-major, [features, batch]: gate blocks are then contiguous row ranges,
 * and wasm slices contiguous ranges with a memcpy while a column slice of a [64, 512] tensor
 * costs ~0.8 ms (measured), more than the step's matMul.
 *
 * Why by hand: tf autodiff of `h x U` produces `dz x U^T` with transposeB, which the wasm
 * backend runs at 1.9 GFLOP/s; the recurrent layer passes the product in and does the
 * transposes itself. tanh is written as 2*sigmoid(2x)-1 because wasm's tanh kernel is scalar
 * (18 ns/element measured) while sigmoid is vectorised (1 ns/element).
 */
import * as tf from "@tensorflow/tfjs";
import type { CellKind } from "./model";

type T2 = tf.Tensor2D;

/** State tensors, each [hidden, batch]: LSTM [h, c], GRU [h]. h is always first. */
export type CellState = T2[];

export interface StepCache {
  tensors: T2[];
}

export interface StepGradients {
  /** Gradient w.r.t. the input projection x*W + b of this step. */
  dInputProjection: T2;
  /** Gradient w.r.t. the recurrent product h_prev*U (+ recurrent bias). */
  dRecurrentProjection: T2;
  /** Gradients to the previous state that bypass U; null where there is none. */
  dState: (T2 | null)[];
}

export interface RecurrentCell {
  kind: CellKind;
  stateSize: number;
  step(inputProjection: T2, recurrentProjection: T2, state: CellState, hidden: number): { state: CellState; cache: StepCache };
  backward(cache: StepCache, dState: T2[], hidden: number): StepGradients;
}

function rows(x: T2, block: number, count: number, hidden: number): T2 {
  return tf.slice(x, [block * hidden, 0], [count * hidden, x.shape[1]]);
}

function tanhViaSigmoid(x: tf.Tensor): T2 {
  return tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1) as T2;
}

/** LSTM with gate blocks i, f, o, g; g = tanh(z/2) computed as 2*sigmoid(z)-1 so one sigmoid covers all gates. */
export const lstmCell: RecurrentCell = {
  kind: "lstm",
  stateSize: 2,
  step(xp, hp, [, c], hidden) {
    const s = tf.sigmoid(tf.add(xp, hp)) as T2;
    const i = rows(s, 0, 1, hidden);
    const f = rows(s, 1, 1, hidden);
    const o = rows(s, 2, 1, hidden);
    const g = tf.sub(tf.mul(rows(s, 3, 1, hidden), 2), 1) as T2;
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, g)) as T2;
    const tc = tanhViaSigmoid(cNext);
    const hNext = tf.mul(o, tc) as T2;
    return { state: [hNext, cNext], cache: { tensors: [s, i, f, o, g, c, tc] } };
  },
  backward(cache, [dh, dcIn]) {
    const [s, i, f, o, g, cPrev, tc] = cache.tensors;
    const dO = tf.mul(dh, tc);
    const dTc = tf.mul(dh, o);
    const dc = tf.add(dcIn, tf.mul(dTc, tf.sub(1, tf.square(tc))));
    const dI = tf.mul(dc, g);
    const dF = tf.mul(dc, cPrev);
    const dG = tf.mul(tf.mul(dc, i), 2);
    const dcPrev = tf.mul(dc, f) as T2;
    const dz = tf.mul(tf.concat([dI, dF, dO, dG], 0), tf.mul(s, tf.sub(1, s))) as T2;
    return { dInputProjection: dz, dRecurrentProjection: dz, dState: [null, dcPrev] };
  },
};

/** GRU in the reset-after form (as cuDNN and Keras): n = tanh(x_n + r * (h*U_n + b_n)). */
export const gruCell: RecurrentCell = {
  kind: "gru",
  stateSize: 1,
  step(xp, hp, [h], hidden) {
    const s = tf.sigmoid(tf.add(rows(xp, 0, 2, hidden), rows(hp, 0, 2, hidden))) as T2;
    const r = rows(s, 0, 1, hidden);
    const u = rows(s, 1, 1, hidden);
    const hpN = rows(hp, 2, 1, hidden);
    const n = tanhViaSigmoid(tf.add(rows(xp, 2, 1, hidden), tf.mul(r, hpN)));
    const hNext = tf.add(n, tf.mul(u, tf.sub(h, n))) as T2;
    return { state: [hNext], cache: { tensors: [s, r, u, hpN, n, h] } };
  },
  backward(cache, [dh]) {
    const [s, r, u, hpN, n, h] = cache.tensors;
    const dN = tf.mul(dh, tf.sub(1, u));
    const dU = tf.mul(dh, tf.sub(h, n));
    const dhDirect = tf.mul(dh, u) as T2;
    const dAn = tf.mul(dN, tf.sub(1, tf.square(n)));
    const dR = tf.mul(dAn, hpN);
    const dHpN = tf.mul(dAn, r);
    const dS = tf.mul(tf.concat([dR, dU], 0), tf.mul(s, tf.sub(1, s)));
    return {
      dInputProjection: tf.concat([dS, dAn], 0) as T2,
      dRecurrentProjection: tf.concat([dS, dHpN], 0) as T2,
      dState: [dhDirect],
    };
  },
};

export const CELLS: Record<CellKind, RecurrentCell> = { lstm: lstmCell, gru: gruCell };
