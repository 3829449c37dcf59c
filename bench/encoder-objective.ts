/**
 * What the span-contrastive objective adds: the same encoder trained with the LM loss alone and with the LM plus the
 * span-contrastive loss (same token budget, same seed), for LSTM and GRU cells, on python3.11-doc labelled by folder.
 * Prints topic NMI of the encoder's vectors alone (whitened as the analysis uses them, k = number of folders),
 * held-out perplexity and seconds. Usage: npm run bench:objective [-- --seeds 1,2,3 --cells lstm,gru]
 */
import { config } from "@/lib/config";
import { encodeDocuments, initBackend, trainEncoder, type EncoderOptions } from "@/lib/encode";
import { sphericalKmeans } from "@/lib/analyze/kmeans";
import { nmi } from "@/lib/analyze/nmi";
import { buildLstmVectors } from "@/lib/analyze/vectors";
import { loadCorpus } from "./lib/python-doc-corpus";

function arg(name: string, fallback: string): string[] {
  const i = process.argv.indexOf(name);
  return (i >= 0 ? process.argv[i + 1] : fallback).split(",");
}

async function main() {
  const backend = await initBackend(config().tfBackend);
  const pages = loadCorpus();
  const names = [...new Set(pages.map((p) => p.label))];
  const labels = pages.map((p) => names.indexOf(p.label));
  const docs = pages.map((p) => ({ id: p.id, text: p.text }));
  const seeds = arg("--seeds", "1").map(Number);
  const cells = arg("--cells", "lstm") as ("lstm" | "gru")[];
  const weights = arg("--weights", "0,0.5").map(Number);
  console.log(`backend ${backend}; ${pages.length} pages, ${names.length} folders`);
  console.log("cell | contrastive weight | seed | NMI (encoder alone) | held-out ppl (unigram) | train s | encode s | tokens");
  for (const cell of cells) {
    for (const contrastiveWeight of weights) {
      for (const seed of seeds) {
        const options: EncoderOptions = { cell, contrastiveWeight, seed, timeBudgetMs: 600_000 };
        const encoder = await trainEncoder(docs, options);
        const { vectors, encodeSeconds } = await encodeDocuments(encoder, docs);
        const whitened = buildLstmVectors(vectors) ?? [];
        const score = nmi(sphericalKmeans(whitened, names.length, 7).assignments, labels);
        const s = encoder.stats;
        console.log(
          `${cell} | ${contrastiveWeight} | ${seed} | ${score.toFixed(3)} | ${s.heldOutPerplexity?.toFixed(0)} (${s.unigramPerplexity?.toFixed(0)}) | ${s.trainSeconds.toFixed(1)} | ${encodeSeconds.toFixed(1)} | ${s.tokensTrained}`,
        );
        encoder.dispose();
      }
    }
  }
}

void main();
