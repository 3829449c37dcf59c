/**
 * Weights of one recurrent language model (embedding -> LSTM/GRU -> softmax over the vocabulary).
 *
 * Layouts are chosen for the wasm backend, where matMul with transposeA/transposeB runs 10-100x
 * slower than a plain matMul (measured: 1.9 vs 18 GFLOP/s): every product in the forward pass is
 * a plain `a x b`, and the backward pass transposes explicitly.
 */
import * as tf from "@tensorflow/tfjs";
import { createRng, uniformArray } from "./prng";

export type CellKind = "lstm" | "gru";

/** Gate blocks per cell: LSTM i,f,o,g; GRU r,z,n. */
export const GATES: Record<CellKind, number> = { lstm: 4, gru: 3 };
/** Uniform(-0.1, 0.1) init from Zaremba et al. 2014 (medium LSTM LM). */
const INIT_RANGE = 0.1;
/** Forget-gate bias 1 (Jozefowicz et al. 2015): lets memory flow early in training. */
const FORGET_BIAS = 1;

export interface ModelShape {
  cell: CellKind;
  vocabSize: number;
  embeddingDim: number;
  hiddenUnits: number;
}

/** Parameter order is also the serialisation order. */
export const PARAM_NAMES = ["embedding", "inputKernel", "bias", "recurrentKernel", "recurrentBias", "outputKernel", "outputBias"] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

export function paramShape(shape: ModelShape, name: ParamName): number[] {
  const { vocabSize: v, embeddingDim: e, hiddenUnits: h } = shape;
  const g = GATES[shape.cell] * h;
  switch (name) {
    case "embedding": return [v, e];
    case "inputKernel": return [e, g];
    case "bias": return [g];
    case "recurrentKernel": return [h, g];
    case "recurrentBias": return [g];
    case "outputKernel": return [v, h];
    case "outputBias": return [v];
  }
}

export type ParamValues = Record<ParamName, Float32Array>;

/**
 * `unigramCounts`, when given, start the output bias at log unigram probabilities (add-one),
 * so the untrained model already predicts as well as the unigram baseline and the sampled
 * softmax only has to learn context; without it rare words' logits start too high.
 */
export function initialParamValues(shape: ModelShape, seed: number, unigramCounts?: ArrayLike<number>): ParamValues {
  const rng = createRng(seed);
  const size = (n: ParamName) => paramShape(shape, n).reduce((a, b) => a * b, 1);
  const bias = new Float32Array(size("bias"));
  // LSTM gate order is i, f, o, g: the second block is the forget gate.
  if (shape.cell === "lstm") bias.fill(FORGET_BIAS, shape.hiddenUnits, 2 * shape.hiddenUnits);
  return {
    embedding: uniformArray(size("embedding"), INIT_RANGE, rng),
    inputKernel: uniformArray(size("inputKernel"), INIT_RANGE, rng),
    bias,
    recurrentKernel: uniformArray(size("recurrentKernel"), INIT_RANGE, rng),
    recurrentBias: new Float32Array(size("recurrentBias")),
    outputKernel: uniformArray(size("outputKernel"), INIT_RANGE, rng),
    outputBias: unigramCounts ? logUnigram(unigramCounts) : new Float32Array(size("outputBias")),
  };
}

function logUnigram(counts: ArrayLike<number>): Float32Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] + 1;
  return Float32Array.from(counts, (c) => Math.log((c + 1) / total));
}

export class LanguageModel {
  readonly shape: ModelShape;
  readonly params: Record<ParamName, tf.Variable>;

  constructor(shape: ModelShape, values: ParamValues) {
    this.shape = shape;
    const params = {} as Record<ParamName, tf.Variable>;
    for (const name of PARAM_NAMES) params[name] = tf.variable(tf.tensor(values[name], paramShape(shape, name)), true);
    this.params = params;
  }

  readValues(): ParamValues {
    const values = {} as ParamValues;
    for (const name of PARAM_NAMES) values[name] = this.params[name].dataSync() as Float32Array;
    return values;
  }

  assignValues(values: ParamValues): void {
    for (const name of PARAM_NAMES) {
      const t = tf.tensor(values[name], paramShape(this.shape, name));
      this.params[name].assign(t);
      t.dispose();
    }
  }

  parameterCount(): number {
    return PARAM_NAMES.reduce((n, name) => n + this.params[name].size, 0);
  }

  dispose(): void {
    for (const name of PARAM_NAMES) this.params[name].dispose();
  }
}
