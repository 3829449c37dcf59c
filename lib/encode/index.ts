/**
 * Public API of the encoder: train a site's language model, turn pages into vectors, save and
 * load the model. See bench/encoder.ts for the measurements behind the defaults.
 */
import { AppError } from "@/lib/errors";
import { initBackend, type EncoderBackend } from "./backend";
import { GATES, LanguageModel, initialParamValues, type CellKind, type ModelShape, type ParamValues } from "./model";
import { MAX_ENCODE_TOKENS_PER_PAGE, REPORT_EVAL_TOKENS, resolveOptions, type EncoderOptions, type ResolvedOptions } from "./options";
import { ENCODE_BATCH, ENCODE_WINDOW, pageVector, poolHiddenStates, sampleWindows, splitIntoWindows } from "./pooling";
import { heldOutIndices } from "./held-out";
import { evaluatePerplexity } from "./perplexity";
import { FORMAT_VERSION, float32Bytes, packModels, unpackModels } from "./serialize";
import { concatenateWithEos } from "./token-stream";
import { throwIfAborted, trainLanguageModel } from "./train";
import { tokenize } from "./tokenizer";
import { EOS_ID, Vocabulary } from "./vocabulary";
import { trainingTokenBudget } from "./training-plan";
import { warmStartValues } from "./warm-start";

export { initBackend };
export type { EncoderBackend, EncoderOptions };

export interface EncoderDoc {
  id: string;
  text: string;
}

export interface EncoderProgress {
  phase: "train" | "encode";
  tokens: number;
  totalTokens: number;
  loss?: number;
  epoch?: number;
}

export interface EncoderStats {
  backend: EncoderBackend;
  vocabSize: number;
  embeddingDim: number;
  hiddenUnits: number;
  bidirectional: boolean;
  seqLen: number;
  tokensTrained: number;
  trainSeconds: number;
  tokensEncoded: number;
  encodeSeconds: number;
  heldOutPerplexity: number | null;
  unigramPerplexity: number | null;
  [extra: string]: unknown;
}

export interface SerializedEncoder {
  config: Record<string, unknown>;
  vocab: string[];
  weights: Uint8Array;
}

/** The TensorFlow.js backend is chosen once per process, by the first call that needs one. */
export interface BackendOption {
  /** Backend to try first (config().tfBackend); the fallback order continues after it. */
  backend?: EncoderBackend;
}

export interface TrainOptions extends EncoderOptions, BackendOption {
  warmStart?: SerializedEncoder;
  onProgress?: (p: EncoderProgress) => void;
  signal?: AbortSignal;
}

export interface EncodeOptions extends BackendOption {
  onProgress?: (p: EncoderProgress) => void;
  signal?: AbortSignal;
}

export class TrainedEncoder {
  constructor(
    readonly vocab: Vocabulary,
    readonly shape: ModelShape,
    /** [forward] or [forward, backward]; the backward model reads pages reversed. */
    readonly models: LanguageModel[],
    readonly seqLen: number,
    readonly stats: EncoderStats,
  ) {}

  get bidirectional(): boolean {
    return this.models.length === 2;
  }

  /** Vector length: [mean | max] of hidden states per direction. */
  get dim(): number {
    return 2 * this.shape.hiddenUnits * this.models.length;
  }

  dispose(): void {
    for (const m of this.models) m.dispose();
  }
}

function reversed(ids: Int32Array): Int32Array {
  return ids.slice().reverse();
}

function countIds(pages: readonly Int32Array[], vocabSize: number): Float64Array {
  const counts = new Float64Array(vocabSize);
  for (const page of pages) {
    for (const id of page) counts[id]++;
    counts[EOS_ID]++;
  }
  return counts;
}

function loadWarmStart(serialized: SerializedEncoder, shape: ModelShape, vocab: Vocabulary, fresh: ParamValues[]): ParamValues[] {
  const previous = shapeFromConfig(serialized);
  const stored = unpackModels(previous.shape, previous.directions, serialized.weights);
  return fresh.map((values, i) => warmStartValues(values, shape, stored[Math.min(i, stored.length - 1)], previous.shape, serialized.vocab, vocab).values);
}

export async function trainEncoder(docs: EncoderDoc[], options: TrainOptions = {}): Promise<TrainedEncoder> {
  const backend = await initBackend(options.backend);
  const opts: ResolvedOptions = resolveOptions(options);
  const started = performance.now();
  const tokens = docs.map((d) => tokenize(d.text));
  const heldOutIdx = heldOutIndices(docs.map((d) => d.id));
  const trainTokens = tokens.filter((_, i) => !heldOutIdx.has(i));
  const vocab = Vocabulary.build(trainTokens, { minCount: opts.minCount, maxSize: opts.maxVocab });
  const ids = tokens.map((t) => vocab.encode(t));
  const train = ids.filter((_, i) => !heldOutIdx.has(i));
  const heldOut = ids.filter((_, i) => heldOutIdx.has(i));
  if (train.every((p) => p.length === 0)) throw new AppError("invalid_input", "no text to train the encoder on");
  const counts = countIds(train, vocab.size);
  const tokenBudget = trainingTokenBudget(train, opts.pageTokensPerEpoch, opts.tokenBudget, opts.epochs);
  const shape: ModelShape = { cell: opts.cell as CellKind, vocabSize: vocab.size, embeddingDim: opts.embeddingDim, hiddenUnits: opts.hiddenUnits };
  const directions = opts.bidirectional ? 2 : 1;
  let initial = Array.from({ length: directions }, (_, d) => initialParamValues(shape, opts.seed + d, counts));
  if (options.warmStart) initial = loadWarmStart(options.warmStart, shape, vocab, initial);

  const models: LanguageModel[] = [];
  const results: Awaited<ReturnType<typeof trainLanguageModel>>[] = [];
  try {
    for (let d = 0; d < directions; d++) {
      throwIfAborted(options.signal);
      const flip = (pages: Int32Array[]) => (d === 0 ? pages : pages.map(reversed));
      // Each direction gets an equal share of both budgets.
      const r = await trainLanguageModel({
        shape,
        train: flip(train),
        heldOut: flip(heldOut),
        counts,
        seqLen: opts.seqLen,
        batchSize: opts.batchSize,
        tokenBudget: tokenBudget / directions,
        pageTokensPerEpoch: opts.pageTokensPerEpoch,
        contrastiveWeight: opts.contrastiveWeight,
        deadline: started + (opts.timeBudgetMs * (d + 1)) / directions,
        seed: opts.seed + d,
        initialValues: initial[d],
        signal: options.signal,
        onProgress: options.onProgress
          ? (p) => options.onProgress?.({ phase: "train", ...p, tokens: p.tokens + (d * tokenBudget) / directions, totalTokens: p.totalTokens * directions })
          : undefined,
      });
      models.push(r.model);
      results.push(r);
    }
  } catch (error) {
    for (const m of models) m.dispose();
    throw error;
  }
  const forward = results[0];
  const stats: EncoderStats = {
    backend,
    vocabSize: vocab.size,
    embeddingDim: opts.embeddingDim,
    hiddenUnits: opts.hiddenUnits,
    bidirectional: directions === 2,
    seqLen: opts.seqLen,
    tokensTrained: results.reduce((n, r) => n + r.tokensTrained, 0),
    trainSeconds: (performance.now() - started) / 1000,
    tokensEncoded: 0,
    encodeSeconds: 0,
    heldOutPerplexity: forward.heldOutPerplexity,
    unigramPerplexity: forward.unigramPerplexity,
    backwardHeldOutPerplexity: results[1]?.heldOutPerplexity ?? null,
    heldOutTokens: forward.heldOutTokens,
    cell: shape.cell,
    parameters: models.reduce((n, m) => n + m.parameterCount(), 0),
    epochs: forward.epochs,
    stoppedBy: forward.stoppedBy,
    tokenBudget,
    timeBudgetSeconds: opts.timeBudgetMs / 1000,
    // the wall-time stop is a safety net: a run that reached it trained less than its budget and may not repeat
    stoppedByTime: results.some((r) => r.stoppedBy === "time"),
    contrastiveWeight: opts.contrastiveWeight,
    contrastiveLoss: forward.contrastiveLoss,
    epochsPlanned: opts.epochs,
    pageTokensPerEpoch: opts.pageTokensPerEpoch,
    validationSeconds: results.reduce((n, r) => n + r.validationSeconds, 0),
    evaluationSeconds: results.reduce((n, r) => n + r.evaluationSeconds, 0),
    lossCurve: forward.lossCurve,
    trainPages: train.length,
    heldOutPages: heldOut.length,
    warmStarted: options.warmStart !== undefined,
    seed: opts.seed,
    float32Bytes: float32Bytes(shape, directions),
  };
  return new TrainedEncoder(vocab, shape, models, opts.seqLen, stats);
}

export async function encodeDocuments(
  encoder: TrainedEncoder,
  docs: EncoderDoc[],
  options: EncodeOptions = {},
): Promise<{ vectors: Float32Array[]; tokensEncoded: number; encodeSeconds: number }> {
  await initBackend(options.backend);
  const started = performance.now();
  const ids = docs.map((d) => encoder.vocab.encode(tokenize(d.text)));
  const totalTokens = ids.reduce((n, p) => n + Math.min(p.length, MAX_ENCODE_TOKENS_PER_PAGE + ENCODE_WINDOW), 0) * encoder.models.length;
  let done = 0;
  const onBatch = async (tokens: number) => {
    done += tokens;
    options.onProgress?.({ phase: "encode", tokens: done, totalTokens });
    await new Promise((r) => setImmediate(r));
    throwIfAborted(options.signal);
  };
  throwIfAborted(options.signal);
  const hidden = encoder.shape.hiddenUnits;
  const perDirection: Float32Array[][] = [];
  for (let d = 0; d < encoder.models.length; d++) {
    const pages = d === 0 ? ids : ids.map(reversed);
    const acc = await poolHiddenStates(encoder.models[d], sampleWindows(splitIntoWindows(pages, ENCODE_WINDOW), MAX_ENCODE_TOKENS_PER_PAGE), docs.length, ENCODE_BATCH, onBatch);
    perDirection.push(acc.map((a) => pageVector(a, hidden)));
  }
  const vectors = docs.map((_, i) => {
    const out = new Float32Array(encoder.dim);
    perDirection.forEach((vs, d) => out.set(vs[i], d * 2 * hidden));
    return out;
  });
  const encodeSeconds = (performance.now() - started) / 1000;
  encoder.stats.tokensEncoded += done;
  encoder.stats.encodeSeconds += encodeSeconds;
  return { vectors, tokensEncoded: done, encodeSeconds };
}

export function serializeEncoder(encoder: TrainedEncoder): SerializedEncoder {
  const weights = packModels(encoder.shape, encoder.models.map((m) => m.readValues()));
  return {
    config: {
      formatVersion: FORMAT_VERSION,
      cell: encoder.shape.cell,
      vocabSize: encoder.shape.vocabSize,
      embeddingDim: encoder.shape.embeddingDim,
      hiddenUnits: encoder.shape.hiddenUnits,
      bidirectional: encoder.bidirectional,
      seqLen: encoder.seqLen,
      quantization: "int8-per-row",
      stats: { ...encoder.stats, int8Bytes: weights.length },
    },
    vocab: [...encoder.vocab.words],
    weights,
  };
}

function shapeFromConfig(serialized: SerializedEncoder): { shape: ModelShape; directions: number } {
  const c = serialized.config;
  if (c.formatVersion !== FORMAT_VERSION) throw new AppError("invalid_input", `unsupported encoder format ${String(c.formatVersion)}`);
  const cell = c.cell === "gru" ? "gru" : "lstm";
  const shape: ModelShape = { cell, vocabSize: Number(c.vocabSize), embeddingDim: Number(c.embeddingDim), hiddenUnits: Number(c.hiddenUnits) };
  if (shape.vocabSize !== serialized.vocab.length || !(GATES[cell] > 0)) throw new AppError("invalid_input", "encoder config does not match its vocabulary");
  return { shape, directions: c.bidirectional ? 2 : 1 };
}

export async function loadEncoder(serialized: SerializedEncoder, options: BackendOption = {}): Promise<TrainedEncoder> {
  const backend = await initBackend(options.backend);
  const { shape, directions } = shapeFromConfig(serialized);
  const values = unpackModels(shape, directions, serialized.weights);
  const models = values.map((v) => new LanguageModel(shape, v));
  const saved = (serialized.config.stats ?? {}) as Partial<EncoderStats>;
  const stats: EncoderStats = {
    heldOutPerplexity: null,
    unigramPerplexity: null,
    tokensTrained: 0,
    trainSeconds: 0,
    ...saved,
    backend,
    vocabSize: shape.vocabSize,
    embeddingDim: shape.embeddingDim,
    hiddenUnits: shape.hiddenUnits,
    bidirectional: directions === 2,
    seqLen: Number(serialized.config.seqLen),
    tokensEncoded: 0,
    encodeSeconds: 0,
  };
  return new TrainedEncoder(new Vocabulary(serialized.vocab), shape, models, Number(serialized.config.seqLen), stats);
}

/**
 * Full-softmax perplexity of the forward model on the pages trainEncoder held out of `docs`
 * (same seed, same split), next to the add-one unigram baseline. Used to price quantisation.
 */
export async function evaluateHeldOut(
  encoder: TrainedEncoder,
  docs: EncoderDoc[],
): Promise<{ heldOutPerplexity: number; unigramPerplexity: number; tokens: number } | null> {
  await initBackend();
  const held = heldOutIndices(docs.map((d) => d.id));
  const ids = docs.map((d) => encoder.vocab.encode(tokenize(d.text)));
  const counts = countIds(ids.filter((_, i) => !held.has(i)), encoder.vocab.size);
  const stream = concatenateWithEos(ids.filter((_, i) => held.has(i)));
  const r = evaluatePerplexity(encoder.models[0], stream, encoder.seqLen, REPORT_EVAL_TOKENS, counts);
  return r === null ? null : { heldOutPerplexity: r.model, unigramPerplexity: r.unigram, tokens: r.tokens };
}
