/**
 * End to end on a tiny synthetic site: training beats the unigram model, vectors separate
 * topics, save/load reproduces vectors, warm start and cancellation work.
 */
import { beforeAll, describe, expect, it } from "vitest";
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
import { MAX_ENCODE_TOKENS_PER_PAGE } from "@/lib/encode/options";
import { ENCODE_WINDOW } from "@/lib/encode/pooling";
import { createRng } from "@/lib/encode/prng";

/** Two topics with their own words and a shared grammar: predictable, so an LM must beat unigram. */
function syntheticSite(pages: number, seed: number): EncoderDoc[] {
  const rng = createRng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  const topics = [
    { nouns: ["socket", "server", "client", "port", "packet"], verbs: ["opens", "sends", "binds", "closes"] },
    { nouns: ["list", "tuple", "dict", "set", "string"], verbs: ["sorts", "copies", "joins", "splits"] },
  ];
  return Array.from({ length: pages }, (_, p) => {
    const topic = topics[p % 2];
    const words: string[] = [];
    const sentences = 30 + Math.floor(rng() * 60);
    for (let s = 0; s < sentences; s++) {
      words.push("the", pick(topic.nouns), pick(topic.verbs), "a", pick(topic.nouns), "with", "asyncio.gather", "then", "returns.");
    }
    return { id: `page-${p}`, text: words.join(" ") };
  });
}

// epochs high enough that tokenBudget (the cap on the budget derived from the corpus) is the budget; the language model
// alone (the span-contrastive objective has its own test)
const SMALL: EncoderOptions = { embeddingDim: 16, hiddenUnits: 24, minCount: 1, batchSize: 16, seqLen: 20, tokenBudget: 30_000, epochs: 20, contrastiveWeight: 0, timeBudgetMs: 20_000, seed: 7 };

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

let docs: EncoderDoc[];
let encoder: TrainedEncoder;
let vectors: Float32Array[];
const progress: number[] = [];

beforeAll(async () => {
  await initBackend();
  docs = syntheticSite(24, 1);
  encoder = await trainEncoder(docs, { ...SMALL, onProgress: (p) => progress.push(p.tokens) });
  vectors = (await encodeDocuments(encoder, docs)).vectors;
});

describe("trainEncoder", () => {
  it("reports the fixed stats fields", () => {
    const s = encoder.stats;
    expect(s.backend).toBe("wasm");
    expect(s.vocabSize).toBe(encoder.vocab.size);
    expect([s.embeddingDim, s.hiddenUnits, s.seqLen, s.bidirectional]).toEqual([16, 24, 20, false]);
    expect(s.tokensTrained).toBeGreaterThan(0);
    expect(s.trainSeconds).toBeGreaterThan(0);
    expect(s.tokensEncoded).toBeGreaterThan(0);
    expect(s.encodeSeconds).toBeGreaterThan(0);
    expect(Array.isArray(s.lossCurve)).toBe(true);
  });

  it("gets held-out perplexity at least 30% below the unigram model", () => {
    const { heldOutPerplexity, unigramPerplexity } = encoder.stats;
    expect(heldOutPerplexity).not.toBeNull();
    expect(unigramPerplexity).not.toBeNull();
    expect(heldOutPerplexity as number).toBeLessThan(0.7 * (unigramPerplexity as number));
  });

  it("stays within its token budget and reports progress as it goes", () => {
    // One batch may overshoot the budget by at most lanes * seqLen tokens.
    expect(encoder.stats.tokensTrained).toBeLessThanOrEqual(30_000 + 16 * 20);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(encoder.stats.tokensTrained);
  });

  it("is deterministic for a given corpus and seed", async () => {
    const again = await trainEncoder(docs, { ...SMALL, tokenBudget: 5_000 });
    const twice = await trainEncoder(docs, { ...SMALL, tokenBudget: 5_000 });
    expect(twice.stats.heldOutPerplexity).toBe(again.stats.heldOutPerplexity);
    expect(twice.vocab.words).toEqual(again.vocab.words);
    again.dispose();
    twice.dispose();
  });

  it("stops at the time budget", async () => {
    const quick = await trainEncoder(docs, { ...SMALL, tokenBudget: 10_000_000, timeBudgetMs: 300 });
    expect(quick.stats.stoppedBy === "time" || quick.stats.stoppedBy === "early-stop").toBe(true);
    expect(quick.stats.trainSeconds).toBeLessThan(10);
    quick.dispose();
  });

  it("is cancelled by an AbortSignal with a coded error", async () => {
    const controller = new AbortController();
    const run = trainEncoder(docs, { ...SMALL, onProgress: (p) => p.tokens > 1_000 && controller.abort() , signal: controller.signal });
    await expect(run).rejects.toMatchObject({ code: "cancelled" });
  });

  it("refuses a corpus without any text", async () => {
    await expect(trainEncoder([{ id: "a", text: "" }, { id: "b", text: "!!" }], SMALL)).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("trains with the span-contrastive objective beside the LM: the LM still beats unigram, same-topic pages stay closer", async () => {
    const both = await trainEncoder(docs, { ...SMALL, contrastiveWeight: 0.5, tokenBudget: 15_000 });
    expect(Number.isFinite(both.stats.contrastiveLoss as number)).toBe(true);
    expect(both.stats.heldOutPerplexity as number).toBeLessThan(both.stats.unigramPerplexity as number);
    const v = (await encodeDocuments(both, docs)).vectors;
    const same = cosine(v[0], v[2]) + cosine(v[1], v[3]);
    const cross = cosine(v[0], v[1]) + cosine(v[2], v[3]);
    expect(same).toBeGreaterThan(cross);
    both.dispose();
  });

  it("trains a GRU of the same hidden size with fewer parameters", async () => {
    const gru = await trainEncoder(docs, { ...SMALL, cell: "gru", tokenBudget: 15_000 });
    expect(gru.stats.cell).toBe("gru");
    expect(gru.stats.parameters as number).toBeLessThan(encoder.stats.parameters as number);
    expect(gru.stats.heldOutPerplexity as number).toBeLessThan(gru.stats.unigramPerplexity as number);
    gru.dispose();
  });
});

describe("encodeDocuments", () => {
  it("gives every page a finite vector of encoder.dim = [mean | max] of hidden states", () => {
    expect(encoder.dim).toBe(2 * 24);
    expect(vectors).toHaveLength(docs.length);
    for (const v of vectors) {
      expect(v.length).toBe(encoder.dim);
      expect(v.every(Number.isFinite)).toBe(true);
    }
  });

  it("puts pages of the same topic closer together than pages of different topics", () => {
    let same = 0, cross = 0, ns = 0, nc = 0;
    for (let i = 0; i < docs.length; i++) {
      for (let j = i + 1; j < docs.length; j++) {
        const c = cosine(vectors[i], vectors[j]);
        if (i % 2 === j % 2) { same += c; ns++; } else { cross += c; nc++; }
      }
    }
    expect(same / ns).toBeGreaterThan(cross / nc);
  });

  it("encodes a page the same way alone or in a batch, and reads a long page from windows spread over it", async () => {
    const alone = (await encodeDocuments(encoder, [docs[3]])).vectors[0];
    expect(cosine(alone, vectors[3])).toBeGreaterThan(0.9999);
    const long = { id: "long", text: Array.from({ length: 6 }, () => docs[0].text).join(" ") };
    const head = { id: "head", text: docs[0].text };
    const r = await encodeDocuments(encoder, [long, head]);
    // the long page costs a bounded number of tokens, not six pages' worth, and still reads like its text
    expect(r.tokensEncoded).toBeLessThan(MAX_ENCODE_TOKENS_PER_PAGE + ENCODE_WINDOW + head.text.split(" ").length * 1.5);
    expect(r.tokensEncoded).toBeGreaterThan(MAX_ENCODE_TOKENS_PER_PAGE / 2);
    expect(cosine(r.vectors[0], r.vectors[1])).toBeGreaterThan(0.9);
  });

  it("gives an empty page the zero vector", async () => {
    const r = await encodeDocuments(encoder, [{ id: "empty", text: "" }]);
    expect(Array.from(r.vectors[0]).every((x) => x === 0)).toBe(true);
  });

  it("produces forward and backward halves when bidirectional", async () => {
    const bi = await trainEncoder(docs, { ...SMALL, bidirectional: true, tokenBudget: 10_000 });
    expect(bi.dim).toBe(4 * 24);
    expect(bi.stats.bidirectional).toBe(true);
    expect((await encodeDocuments(bi, docs.slice(0, 2))).vectors[0].length).toBe(4 * 24);
    bi.dispose();
  });
});

describe("serializeEncoder / loadEncoder", () => {
  it("stores int8 weights at about a quarter of float32 and re-encodes pages with cosine > 0.99", async () => {
    const saved = serializeEncoder(encoder);
    expect(saved.weights).toBeInstanceOf(Uint8Array);
    expect(saved.weights.length).toBeLessThan(0.35 * (encoder.stats.float32Bytes as number));
    const json = JSON.parse(JSON.stringify({ config: saved.config, vocab: saved.vocab }));
    const loaded = await loadEncoder({ ...json, weights: saved.weights });
    expect(loaded.dim).toBe(encoder.dim);
    expect(loaded.stats.heldOutPerplexity).toBe(encoder.stats.heldOutPerplexity);
    const again = (await encodeDocuments(loaded, docs)).vectors;
    for (let i = 0; i < docs.length; i++) expect(cosine(again[i], vectors[i])).toBeGreaterThan(0.99);
    const before = await evaluateHeldOut(encoder, docs);
    const after = await evaluateHeldOut(loaded, docs);
    expect(Math.abs((after?.heldOutPerplexity as number) / (before?.heldOutPerplexity as number) - 1)).toBeLessThan(0.05);
    loaded.dispose();
  });

  it("warm-starts from a saved model of the same site and keeps shared words' embeddings", async () => {
    const saved = serializeEncoder(encoder);
    const grown = [...docs, { id: "new", text: "the socket uses newword twice newword" }];
    const warm = await trainEncoder(grown, { ...SMALL, tokenBudget: 2_000, warmStart: saved });
    expect(warm.stats.warmStarted).toBe(true);
    // Starting from a trained model, a short run is already far below unigram.
    expect(warm.stats.heldOutPerplexity as number).toBeLessThan(0.7 * (warm.stats.unigramPerplexity as number));
    const cold = await trainEncoder(grown, { ...SMALL, tokenBudget: 2_000 });
    expect(warm.stats.heldOutPerplexity as number).toBeLessThan(cold.stats.heldOutPerplexity as number);
    warm.dispose();
    cold.dispose();
  });

  it("rejects a warm start with a different hidden size", async () => {
    const saved = serializeEncoder(encoder);
    await expect(trainEncoder(docs, { ...SMALL, hiddenUnits: 8, warmStart: saved })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
