/**
 * Encoder benchmark on the python3.11-doc site (530 pages, ~1.5M tokens), all on one backend:
 * naive tfjs-layers LM vs ours (tokens/s), perplexity vs unigram, whole-site time, int8 cost,
 * LSTM vs GRU, uni- vs bidirectional (k-means NMI against folder labels).
 *
 *   npx tsx bench/encoder.ts            full run (~8 min on wasm, 2 cores)
 *   npx tsx bench/encoder.ts --quick    skips GRU and bidirectional
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { config } from "@/lib/config";
import {
  encodeDocuments,
  evaluateHeldOut,
  initBackend,
  loadEncoder,
  serializeEncoder,
  trainEncoder,
  type EncoderDoc,
  type EncoderOptions,
  type TrainedEncoder,
} from "@/lib/encode";
import { tokenize } from "@/lib/encode/tokenizer";
import { concatenateWithEos } from "@/lib/encode/token-stream";
import { clusterNmi } from "./lib/cluster-metrics";
import { measureNaive } from "./lib/naive-model";
import { loadCorpus, type LabelledPage } from "./lib/python-doc-corpus";

const OUT_DIR = path.resolve(".cache/bench");
/** The issue asks for 20-30 s per naive measurement: long enough for a stable rate. */
const NAIVE_BUDGET_MS = 20_000;
/** Naive batches: the environment notes measured the baseline at batch 32. */
const NAIVE_BATCH = 32;
/** Whole-site target from the issue: train + encode under two minutes on wasm. */
const SITE_TARGET_SECONDS = 120;

/** Interleaved inference comparison: the site in 10 slices of ~150k tokens (1-2 s of encoding each). */
const INTERLEAVE_ROUNDS = 10;

const quick = process.argv.includes("--quick");

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / (Math.sqrt(aa * bb) || 1);
}

function naiveBatches(encoder: TrainedEncoder, pages: LabelledPage[], seqLen: number, count: number) {
  const stream = concatenateWithEos(pages.slice(0, 60).map((p) => encoder.vocab.encode(tokenize(p.text))));
  const batches = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    const inputs = new Int32Array(NAIVE_BATCH * seqLen);
    const targets = new Int32Array(NAIVE_BATCH * seqLen);
    for (let i = 0; i < inputs.length; i++, at = (at + 1) % (stream.length - 1)) {
      inputs[i] = stream[at];
      targets[i] = stream[at + 1];
    }
    batches.push({ inputs, targets });
  }
  return batches;
}

interface Rate {
  tokens: number;
  seconds: number;
}

const rate = (r: Rate) => r.tokens / r.seconds;

/**
 * Ours against the naive states-only model of bench/lib/naive-model.ts (Embedding -> LSTM with
 * returnSequences, model.predict), in alternating slices of equal duration: other processes on
 * the machine shift rates from minute to minute, and slices let that load fall on both alike.
 */
async function interleavedInference(encoder: TrainedEncoder, docs: EncoderDoc[], inputs: Int32Array[], seqLen: number) {
  const { vocabSize, embeddingDim, hiddenUnits } = encoder.shape;
  const input = tf.input({ shape: [seqLen], dtype: "int32" });
  const embedded = tf.layers.embedding({ inputDim: vocabSize, outputDim: embeddingDim, inputLength: seqLen }).apply(input);
  const naiveModel = tf.model({ inputs: input, outputs: tf.layers.lstm({ units: hiddenUnits, returnSequences: true }).apply(embedded) as tf.SymbolicTensor });
  const xs = inputs.map((ids) => tf.tensor2d(ids, [NAIVE_BATCH, seqLen], "int32"));
  const naiveFor = async (seconds: number): Promise<Rate> => {
    let tokens = 0;
    const start = performance.now();
    while (performance.now() - start < seconds * 1000) {
      const out = naiveModel.predict(xs[tokens % xs.length]) as tf.Tensor;
      await out.data();
      out.dispose();
      tokens += NAIVE_BATCH * seqLen;
    }
    return { tokens, seconds: (performance.now() - start) / 1000 };
  };
  await naiveFor(1); // warm-up
  const ours: Rate = { tokens: 0, seconds: 0 };
  const naive: Rate = { tokens: 0, seconds: 0 };
  const slice = Math.ceil(docs.length / INTERLEAVE_ROUNDS);
  for (let round = 0; round < INTERLEAVE_ROUNDS; round++) {
    const r = await encodeDocuments(encoder, docs.slice(round * slice, (round + 1) * slice));
    ours.tokens += r.tokensEncoded;
    ours.seconds += r.encodeSeconds;
    const n = await naiveFor(r.encodeSeconds);
    naive.tokens += n.tokens;
    naive.seconds += n.seconds;
  }
  tf.dispose(xs);
  naiveModel.dispose();
  return { ours: rate(ours), naive: rate(naive) };
}

async function run(pages: LabelledPage[], options: EncoderOptions) {
  const docs = pages.map((p) => ({ id: p.id, text: p.text }));
  let lastLog = performance.now();
  const started = lastLog;
  const encoder = await trainEncoder(docs, {
    ...options,
    onProgress: (p) => {
      if (performance.now() - lastLog >= 10_000) {
        lastLog = performance.now();
        const secs = (lastLog - started) / 1000;
        console.log(`  ${secs.toFixed(0)} s: ${p.tokens} tokens (${(p.tokens / secs).toFixed(0)}/s), loss ${p.loss?.toFixed(3)}, epoch ${p.epoch}`);
      }
    },
  });
  console.log(`  trained in ${encoder.stats.trainSeconds.toFixed(1)} s`);
  const encoded = await encodeDocuments(encoder, docs);
  const s = encoder.stats;
  return {
    encoder,
    vectors: encoded.vectors,
    trainTokensPerSecond: s.tokensTrained / s.trainSeconds,
    encodeTokensPerSecond: encoded.tokensEncoded / encoded.encodeSeconds,
    encoded,
    siteSeconds: s.trainSeconds + encoded.encodeSeconds,
  };
}

function nmi(vectors: Float32Array[], pages: LabelledPage[]): number {
  const names = [...new Set(pages.map((p) => p.label))];
  const labels = pages.map((p) => names.indexOf(p.label));
  return clusterNmi(vectors, labels, 7);
}

function fmt(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined ? "n/a" : n.toFixed(digits);
}

async function main() {
  const backend = await initBackend(config().tfBackend);
  const pages = loadCorpus();
  const docs = pages.map((p) => ({ id: p.id, text: p.text }));
  console.log(`backend ${backend}; ${pages.length} pages`);

  console.log("ours: LSTM (default options)");
  const lstm = await run(pages, {});
  // A snapshot: the measurements below encode again with this model, which adds to its stats.
  const s = { ...lstm.encoder.stats };
  console.log(`  ${JSON.stringify({ ...s, lossCurve: undefined })}`);

  console.log(`naive tfjs-layers LM (V=${s.vocabSize}, E=${s.embeddingDim}, H=${s.hiddenUnits}, batch ${NAIVE_BATCH}, T=${s.seqLen}), ${NAIVE_BUDGET_MS / 1000} s per measurement`);
  const batches = naiveBatches(lstm.encoder, pages, s.seqLen, 8);
  const naive = await measureNaive(lstm.encoder.shape, batches, NAIVE_BATCH, s.seqLen, NAIVE_BUDGET_MS);
  console.log(`  ${JSON.stringify(naive)}`);

  // Other load on the machine shifts rates from minute to minute: the whole-site encodes right
  // before and right after the naive measurement bracket it; the interleaved slices go further.
  const serialized = serializeEncoder(lstm.encoder);
  const loaded = await loadEncoder(serialized);
  const int8Encoded = await encodeDocuments(loaded, docs);
  const int8Vectors = int8Encoded.vectors;
  const bracketTokensPerSecond = (lstm.encoded.tokensEncoded + int8Encoded.tokensEncoded) / (lstm.encoded.encodeSeconds + int8Encoded.encodeSeconds);
  console.log(`inference, interleaved: ours and the naive states-only predict in ${INTERLEAVE_ROUNDS} alternating slices`);
  const interleaved = await interleavedInference(lstm.encoder, docs, batches.map((b) => b.inputs), s.seqLen);
  console.log(`  ${JSON.stringify(interleaved)}`);
  const int8Eval = await evaluateHeldOut(loaded, docs);
  const floatEval = await evaluateHeldOut(lstm.encoder, docs);
  const meanCos = lstm.vectors.reduce((a, v, i) => a + cosine(v, int8Vectors[i]), 0) / pages.length;
  const minCos = Math.min(...lstm.vectors.map((v, i) => cosine(v, int8Vectors[i])));
  const configBytes = Buffer.byteLength(JSON.stringify({ config: serialized.config, vocab: serialized.vocab }));
  loaded.dispose();

  const lstmNmi = nmi(lstm.vectors, pages);
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(
    path.join(OUT_DIR, "encoder-vectors.json"),
    JSON.stringify({ dim: lstm.encoder.dim, pages: pages.map((p, i) => ({ id: p.id, label: p.label, vector: Array.from(lstm.vectors[i]) })) }),
  );

  let gru: Awaited<ReturnType<typeof run>> | null = null;
  let bi: Awaited<ReturnType<typeof run>> | null = null;
  if (!quick) {
    console.log("ours: GRU");
    gru = await run(pages, { cell: "gru" });
    console.log("ours: bidirectional LSTM");
    bi = await run(pages, { bidirectional: true });
  }

  const rows: [string, string][] = [
    ["backend", backend],
    ["naive train tokens/s (model.fit)", fmt(naive.trainTokensPerSecond, 0)],
    ["ours  train tokens/s (whole run incl. validation)", fmt(lstm.trainTokensPerSecond, 0)],
    ["train ratio (target >= 5x)", `${fmt(lstm.trainTokensPerSecond / naive.trainTokensPerSecond)}x`],
    ["naive inference tokens/s (model.predict, LM with softmax)", fmt(naive.predictTokensPerSecond, 0)],
    ["naive inference tokens/s (model.predict, LSTM states only)", fmt(naive.hiddenOnlyTokensPerSecond, 0)],
    ["ours  encode tokens/s, whole site: before / after naive = combined", `${fmt(lstm.encodeTokensPerSecond, 0)} / ${fmt(int8Encoded.tokensEncoded / int8Encoded.encodeSeconds, 0)} = ${fmt(bracketTokensPerSecond, 0)}`],
    ["inference ratio vs states-only predict, whole-site encodes around the naive run", `${fmt(bracketTokensPerSecond / naive.hiddenOnlyTokensPerSecond)}x`],
    ["interleaved tokens/s: ours / naive states-only", `${fmt(interleaved.ours, 0)} / ${fmt(interleaved.naive, 0)}`],
    ["inference ratio vs states-only predict, interleaved (target >= 3x)", `${fmt(interleaved.ours / interleaved.naive)}x`],
    ["inference ratio vs LM predict (with softmax), whole site", `${fmt(bracketTokensPerSecond / naive.predictTokensPerSecond)}x`],
    ["held-out perplexity (full softmax)", fmt(s.heldOutPerplexity)],
    ["unigram perplexity (same tokens)", fmt(s.unigramPerplexity)],
    ["perplexity reduction vs unigram (target >= 30%)", `${fmt(100 * (1 - (s.heldOutPerplexity ?? NaN) / (s.unigramPerplexity ?? NaN)))}%`],
    ["tokens trained / epochs / stopped by", `${s.tokensTrained} / ${String(s.epochs)} / ${String(s.stoppedBy)}`],
    [`whole site train + encode seconds (target < ${SITE_TARGET_SECONDS})`, `${fmt(s.trainSeconds)} + ${fmt(lstm.encoded.encodeSeconds)} = ${fmt(lstm.siteSeconds)}`],
    ["model size float32 / int8 weights (+ config & vocab JSON)", `${fmt(Number(s.float32Bytes) / 1024, 0)} KiB / ${fmt(serialized.weights.length / 1024, 0)} KiB (+${fmt(configBytes / 1024, 0)} KiB)`],
    ["int8 perplexity (float -> int8)", `${fmt(floatEval?.heldOutPerplexity, 2)} -> ${fmt(int8Eval?.heldOutPerplexity, 2)}`],
    ["int8 page vectors: mean / min cosine to float", `${fmt(meanCos, 4)} / ${fmt(minCos, 4)}`],
    ["k-means NMI vs folder labels (LSTM, forward)", fmt(lstmNmi, 3)],
  ];
  if (gru) {
    const g = gru.encoder.stats;
    rows.push(
      ["LSTM vs GRU parameters", `${String(s.parameters)} vs ${String(g.parameters)}`],
      ["LSTM vs GRU train tokens/s", `${fmt(lstm.trainTokensPerSecond, 0)} vs ${fmt(gru.trainTokensPerSecond, 0)}`],
      ["LSTM vs GRU encode tokens/s", `${fmt(lstm.encodeTokensPerSecond, 0)} vs ${fmt(gru.encodeTokensPerSecond, 0)}`],
      ["LSTM vs GRU held-out perplexity", `${fmt(s.heldOutPerplexity)} vs ${fmt(g.heldOutPerplexity)}`],
      ["LSTM vs GRU tokens trained", `${s.tokensTrained} vs ${g.tokensTrained}`],
      ["LSTM vs GRU k-means NMI", `${fmt(lstmNmi, 3)} vs ${fmt(nmi(gru.vectors, pages), 3)}`],
    );
  }
  if (bi) {
    rows.push(
      ["bidirectional: site seconds", `${fmt(bi.siteSeconds)} (forward-only ${fmt(lstm.siteSeconds)})`],
      ["bidirectional: forward / backward perplexity", `${fmt(bi.encoder.stats.heldOutPerplexity)} / ${fmt(bi.encoder.stats.backwardHeldOutPerplexity as number)}`],
      ["bidirectional: k-means NMI", `${fmt(nmi(bi.vectors, pages), 3)} (forward-only ${fmt(lstmNmi, 3)})`],
    );
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log("\n" + rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n"));
  writeFileSync(path.join(OUT_DIR, "encoder-report.json"), JSON.stringify({ rows: Object.fromEntries(rows), naive, interleaved, stats: s }, null, 2));
  for (const r of [lstm, gru, bi]) r?.encoder.dispose();
}

void main();
