/**
 * Held-out perplexity with the FULL softmax (even though training samples it), and the
 * add-one unigram perplexity over exactly the same target tokens as the baseline.
 */
import * as tf from "@tensorflow/tfjs";
import type { LanguageModel } from "./model";
import { forwardForTraining, zeroState } from "./recurrent-layer";
import { fullSoftmaxNegLogLikelihood } from "./softmax-loss";
import { laneBatches } from "./token-stream";

/** Lanes for evaluation: the same width training uses so matMuls stay efficient. */
const EVAL_LANES = 64;

export interface PerplexityResult {
  model: number;
  unigram: number;
  tokens: number;
}

export function evaluatePerplexity(
  model: LanguageModel,
  stream: Int32Array,
  steps: number,
  maxTokens: number,
  unigramCounts: ArrayLike<number>,
): PerplexityResult | null {
  const limited = stream.subarray(0, Math.min(stream.length, maxTokens + 1));
  if (limited.length < 2) return null;
  let total = 0;
  for (let i = 0; i < unigramCounts.length; i++) total += unigramCounts[i];
  const v = unigramCounts.length;
  let nll = 0;
  let unigramNll = 0;
  let tokens = 0;
  let state = zeroState(model, 0);
  const outputKernelT = tf.transpose(model.params.outputKernel) as tf.Tensor2D;
  let first = true;
  for (const batch of laneBatches(limited, EVAL_LANES, steps)) {
    if (first) {
      for (const s of state) s.dispose();
      state = zeroState(model, batch.lanes);
      first = false;
    }
    const prev = state;
    const result = tf.tidy(() => {
      const ids = tf.tensor1d(batch.inputs, "int32");
      const trace = forwardForTraining(model, ids, batch.steps, batch.lanes, prev);
      const loss = fullSoftmaxNegLogLikelihood(model, trace.outputs, tf.tensor1d(batch.targets, "int32"), outputKernelT);
      return { loss, state: trace.finalState };
    });
    for (const s of prev) s.dispose();
    state = result.state as unknown as tf.Tensor2D[];
    nll += (result.loss.dataSync()[0]);
    result.loss.dispose();
    for (const target of batch.targets) unigramNll -= Math.log((unigramCounts[target] + 1) / (total + v));
    tokens += batch.targets.length;
  }
  for (const s of state) s.dispose();
  outputKernelT.dispose();
  if (tokens === 0) return null;
  return { model: Math.exp(nll / tokens), unigram: Math.exp(unigramNll / tokens), tokens };
}
