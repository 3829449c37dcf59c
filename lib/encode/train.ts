/**
 * Trains one next-token language model with truncated BPTT, sampled softmax, Adam and
 * global-norm clipping, bounded by a token budget, a time budget and early stopping on
 * held-out pages.
 */
import * as tf from "@tensorflow/tfjs";
import { AppError } from "@/lib/errors";
import { Adam } from "./adam";
import { LanguageModel, initialParamValues, type ModelShape, type ParamValues } from "./model";
import {
  EARLY_STOP_PATIENCE,
  GRAD_CLIP_NORM,
  LEARNING_RATE,
  MAX_EPOCHS,
  REPORT_EVAL_TOKENS,
  SAMPLED_CANDIDATES,
  SAMPLING_POWER,
  VALIDATION_INTERVAL_TOKENS,
  VALIDATION_TOKENS,
} from "./options";
import { evaluatePerplexity } from "./perplexity";
import { createRng, shuffleInPlace } from "./prng";
import { backward, forwardForTraining, zeroState } from "./recurrent-layer";
import { CandidateSampler, fullSoftmaxGradients, sampledSoftmaxGradients } from "./softmax-loss";
import { contrastiveGradients, sampleSpanPairs } from "./span-contrastive";
import { concatenateWithEos, laneBatches } from "./token-stream";
import { epochExcerpts } from "./training-plan";

/** Batches averaged into one point of the reported loss curve. */
const LOSS_CURVE_WINDOW = 20;

export interface TrainInput {
  shape: ModelShape;
  train: Int32Array[];
  heldOut: Int32Array[];
  /** Training-set counts per vocabulary id (for sampling and the unigram baseline). */
  counts: Float64Array;
  seqLen: number;
  batchSize: number;
  tokenBudget: number;
  /** Tokens of each page read per epoch (an excerpt at a seeded offset); Infinity reads whole pages. */
  pageTokensPerEpoch: number;
  /** Weight of the span-contrastive loss beside the LM loss; 0 trains the LM alone. */
  contrastiveWeight: number;
  /** Absolute deadline (performance.now() ms): a safety stop, reported as stoppedBy "time". */
  deadline: number;
  seed: number;
  initialValues?: ParamValues;
  signal?: AbortSignal;
  onProgress?: (p: { tokens: number; totalTokens: number; loss: number; epoch: number }) => void;
}

export interface TrainResult {
  model: LanguageModel;
  tokensTrained: number;
  epochs: number;
  lossCurve: number[];
  heldOutPerplexity: number | null;
  unigramPerplexity: number | null;
  heldOutTokens: number;
  stoppedBy: "budget" | "time" | "early-stop" | "epochs";
  /** Mean span-contrastive loss over the last loss window (null when the objective is off). */
  contrastiveLoss: number | null;
  validationSeconds: number;
  evaluationSeconds: number;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("cancelled", "encoder run cancelled");
}

export async function trainLanguageModel(input: TrainInput): Promise<TrainResult> {
  const { shape, seqLen, signal } = input;
  const rng = createRng(input.seed ^ 0x9e3779b9);
  const model = new LanguageModel(shape, input.initialValues ?? initialParamValues(shape, input.seed));
  const adam = new Adam(model, LEARNING_RATE, GRAD_CLIP_NORM);
  const sampler = shape.vocabSize > SAMPLED_CANDIDATES ? new CandidateSampler(input.counts, SAMPLED_CANDIDATES, SAMPLING_POWER) : null;
  const logExpectedTable = sampler ? tf.tensor1d(sampler.logExpectedTable) : null;
  const heldOutStream = concatenateWithEos(input.heldOut);
  const trainTokens = input.train.reduce((n, d) => n + Math.min(d.length, input.pageTokensPerEpoch) + 1, 0);
  const totalTokens = Math.min(input.tokenBudget, trainTokens * MAX_EPOCHS);
  let contrastiveLoss: number | null = null;

  let tokens = 0;
  let epoch = 0;
  let stoppedBy: TrainResult["stoppedBy"] = "epochs";
  let best: { perplexity: number; values: ParamValues } | null = null;
  let checksWithoutGain = 0;
  let nextValidation = VALIDATION_INTERVAL_TOKENS;
  const lossCurve: number[] = [];
  let state: tf.Tensor2D[] | null = null;
  let windowLoss = 0;
  let windowCount = 0;

  /** Returns true when training should stop early. */
  let validationMs = 0;
  const validate = (): boolean => {
    const t0 = performance.now();
    const r = evaluatePerplexity(model, heldOutStream, seqLen, VALIDATION_TOKENS, input.counts);
    validationMs += performance.now() - t0;
    if (r === null) return false;
    if (best === null || r.model < best.perplexity) {
      best = { perplexity: r.model, values: model.readValues() };
      checksWithoutGain = 0;
      return false;
    }
    return ++checksWithoutGain >= EARLY_STOP_PATIENCE;
  };

  try {
    training: for (epoch = 0; epoch < MAX_EPOCHS; epoch++) {
      const order = shuffleInPlace(epochExcerpts(input.train, input.pageTokensPerEpoch, rng), rng);
      const stream = concatenateWithEos(order);
      for (const batch of laneBatches(stream, input.batchSize, seqLen)) {
        throwIfAborted(signal);
        const prev: tf.Tensor2D[] = state ?? zeroState(model, batch.lanes);
        const candidates = sampler?.sample(rng);
        const pairs = input.contrastiveWeight > 0 ? sampleSpanPairs(input.train, seqLen, rng) : null;
        const step = tf.tidy(() => {
          const ids = tf.tensor1d(batch.inputs, "int32");
          const targets = tf.tensor1d(batch.targets, "int32");
          const trace = forwardForTraining(model, ids, batch.steps, batch.lanes, prev);
          const out = candidates && logExpectedTable
            ? sampledSoftmaxGradients(model, trace.outputs, targets, {
                ids: tf.tensor1d(candidates.ids, "int32"),
                logExpected: tf.tensor1d(candidates.logExpected),
                logExpectedTable,
              })
            : fullSoftmaxGradients(model, trace.outputs, targets);
          const grads: Partial<Record<string, tf.Tensor>> = backward(model, trace, out.dHidden, batch.steps, batch.lanes);
          let spanLoss: tf.Scalar | undefined;
          if (pairs) {
            const c = contrastiveGradients(model, pairs, input.contrastiveWeight);
            spanLoss = c.loss;
            for (const [name, g] of Object.entries(c.grads)) grads[name] = grads[name] ? tf.add(grads[name] as tf.Tensor, g) : g;
          }
          return { loss: out.loss, spanLoss, state: trace.finalState, grads: { ...grads, outputKernel: out.outputKernel, outputBias: out.outputBias } };
        });
        for (const s of prev) s.dispose();
        state = step.state as unknown as tf.Tensor2D[];
        adam.apply(step.grads as Record<string, tf.Tensor>);
        for (const g of Object.values(step.grads)) (g as tf.Tensor).dispose();
        const loss = step.loss.dataSync()[0];
        step.loss.dispose();
        if (step.spanLoss) {
          const span = step.spanLoss.dataSync()[0];
          step.spanLoss.dispose();
          contrastiveLoss = contrastiveLoss === null ? span : 0.95 * contrastiveLoss + 0.05 * span;
        }
        tokens += batch.steps * batch.lanes;
        windowLoss += loss;
        if (++windowCount === LOSS_CURVE_WINDOW) {
          lossCurve.push(windowLoss / windowCount);
          windowLoss = 0;
          windowCount = 0;
        }
        input.onProgress?.({ tokens, totalTokens, loss, epoch });
        // Yield to the event loop so AbortSignal listeners and progress consumers can run.
        if (windowCount % 4 === 0) await new Promise((r) => setImmediate(r));
        if (tokens >= nextValidation) {
          nextValidation += VALIDATION_INTERVAL_TOKENS;
          if (validate()) {
            stoppedBy = "early-stop";
            break training;
          }
        }
        if (tokens >= input.tokenBudget) {
          stoppedBy = "budget";
          break training;
        }
        if (performance.now() >= input.deadline) {
          stoppedBy = "time";
          break training;
        }
      }
      if (state) for (const s of state) s.dispose();
      state = null;
      if (validate()) {
        stoppedBy = "early-stop";
        break;
      }
    }
    if (stoppedBy !== "early-stop" && stoppedBy !== "epochs") validate();
    const finalBest = best as { perplexity: number; values: ParamValues } | null;
    if (finalBest !== null) model.assignValues(finalBest.values);
    const evalStart = performance.now();
    const report = evaluatePerplexity(model, heldOutStream, seqLen, REPORT_EVAL_TOKENS, input.counts);
    if (windowCount > 0) lossCurve.push(windowLoss / windowCount);
    return {
      model,
      tokensTrained: tokens,
      epochs: epoch + (stoppedBy === "epochs" ? 0 : 1),
      lossCurve,
      heldOutPerplexity: report?.model ?? null,
      unigramPerplexity: report?.unigram ?? null,
      heldOutTokens: report?.tokens ?? 0,
      stoppedBy,
      contrastiveLoss,
      validationSeconds: validationMs / 1000,
      evaluationSeconds: (performance.now() - evalStart) / 1000,
    };
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    if (state) for (const s of state as tf.Tensor2D[]) s.dispose();
    adam.dispose();
    logExpectedTable?.dispose();
  }
}
