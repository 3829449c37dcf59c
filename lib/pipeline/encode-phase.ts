/**
 * The encode phase of a scan: the sequence model the scan asked for (LSTM, GRU or none), trained on the site's pages
 * or reused from the site's previous scan when its pages barely changed, then every page encoded. Pages are encoded
 * with the weights as stored (int8), so a later scan that reuses the stored model gives the same vectors.
 */
import type { Logger } from "pino";
import type { Db } from "../db/client";
import { latestEncoderModel, saveEmbeddings, saveEncoderModel, type StoredEncoderModel } from "../db/embeddings";
import { listPageHashes, savePageCoherence, type StoredPage } from "../db/pages";
import type { ScanRow } from "../db/scans";
import { encodeDocuments, loadEncoder, serializeEncoder, trainEncoder, type EncoderBackend, type EncoderStats, type SerializedEncoder, type TrainedEncoder } from "../encode";
import { scoreCoherence } from "../encode/coherence";
import { readSections } from "../encode/section-readings";
import { pageSections } from "../encode/sections";
import { DEFAULT_ENCODER_KIND, type EncoderKind } from "../encode/options";
import type { ProgressRecorder } from "./progress";

/** Training-loss points kept in the progress document for the live chart (enough for a smooth curve, small to write). */
const LOSS_HISTORY_POINTS = 200;

/**
 * A rescan reuses the previous model when fewer than this share of pages were added, removed or changed: retraining
 * on 90% the same text buys nothing measurable and would move every vector (and so topics and scores) for no reason.
 */
export const REUSE_MAX_CHANGED_SHARE = 0.1;

export interface EncodePhaseInput {
  db: Db;
  logger: Logger;
  backend?: EncoderBackend;
  timeBudgetMs: number;
  signal?: AbortSignal;
}

/** Share of pages added, removed or changed (by content hash) between the previous scan and this one. */
export function changedShare(previous: readonly { url: string; contentHash: string | null }[], pages: readonly Pick<StoredPage, "url" | "contentHash">[]): number {
  const before = new Map(previous.map((p) => [p.url, p.contentHash]));
  const now = new Set(pages.map((p) => p.url));
  let changed = 0;
  for (const p of pages) if (!before.has(p.url) || before.get(p.url) !== p.contentHash || p.contentHash === null) changed++;
  for (const url of before.keys()) if (!now.has(url)) changed++;
  return changed / Math.max(1, pages.length, before.size);
}

function storedCell(model: StoredEncoderModel): string {
  return model.config.cell === "gru" ? "gru" : "lstm";
}

export function encoderDocs(pages: readonly StoredPage[]): { id: string; text: string }[] {
  return pages.map((p) => ({ id: p.url, text: [p.title ?? "", p.mainText].join("\n") }));
}

async function modelFor(input: EncodePhaseInput, scan: ScanRow, kind: Exclude<EncoderKind, "none">, pages: StoredPage[], progress: ProgressRecorder): Promise<{ encoder: TrainedEncoder; serialized: SerializedEncoder; reusedFrom: string | null; changed: number | null }> {
  const docs = encoderDocs(pages);
  const stored = await latestEncoderModel(input.db, scan.siteId, scan.id);
  const previous = stored && storedCell(stored) === kind ? stored : null;
  const changed = previous ? changedShare(await listPageHashes(input.db, previous.scanId), pages) : null;
  if (previous && changed !== null && changed < REUSE_MAX_CHANGED_SHARE) {
    input.logger.info({ from: previous.scanId, changed }, "encoder reused: the site barely changed");
    return { encoder: await loadEncoder(previous, { backend: input.backend }), serialized: previous, reusedFrom: previous.scanId, changed };
  }
  // the dashboard draws the training loss as it falls; kept in the progress document so a reload keeps the curve
  const lossHistory: number[] = [];
  const trained = await trainEncoder(docs, {
    backend: input.backend,
    cell: kind,
    timeBudgetMs: input.timeBudgetMs,
    warmStart: previous ? { config: previous.config, vocab: previous.vocab, weights: previous.weights } : undefined,
    onProgress: (p) => {
      if (p.loss !== undefined && Number.isFinite(p.loss) && p.loss !== lossHistory[lossHistory.length - 1]) lossHistory.push(p.loss);
      if (lossHistory.length > LOSS_HISTORY_POINTS) lossHistory.splice(0, lossHistory.length - LOSS_HISTORY_POINTS);
      void progress.update("encode", { ...p, lossHistory: [...lossHistory] });
    },
    signal: input.signal,
  });
  try {
    // encode with the int8 weights that are stored, so a rescan that reuses them reproduces these vectors exactly
    const serialized = serializeEncoder(trained);
    return { encoder: await loadEncoder(serialized, { backend: input.backend }), serialized, reusedFrom: null, changed };
  } finally {
    trained.dispose();
  }
}

/** Runs the phase and stores its page vectors, the model and each page's coherence; returns the encoder figures. */
export async function runEncodePhase(input: EncodePhaseInput, scan: ScanRow, pages: StoredPage[], progress: ProgressRecorder): Promise<Record<string, unknown>> {
  const kind = scan.options.encoder ?? DEFAULT_ENCODER_KIND;
  if (kind === "none") {
    await saveEmbeddings(input.db, scan.id, []);
    await savePageCoherence(input.db, pages.map((p) => ({ pageId: p.id, coherence: null })));
    await progress.update("encode", { done: true, skipped: true }, true);
    return { kind, backend: null, note: "lexical vectors only: no sequence model was trained" };
  }
  const { encoder, serialized, reusedFrom, changed } = await modelFor(input, scan, kind, pages, progress);
  try {
    const docs = encoderDocs(pages);
    const { vectors, tokensEncoded, encodeSeconds } = await encodeDocuments(encoder, docs, {
      backend: input.backend,
      onProgress: (p) => void progress.update("encode", { ...(progress.current.encode as object), ...p }),
      signal: input.signal,
    });
    const fitStarted = performance.now();
    const coherence = scoreCoherence(await readSections(encoder, pages.map((p) => pageSections(p.headings, p.mainText))));
    await savePageCoherence(input.db, pages.map((p, i) => ({ pageId: p.id, coherence: coherence[i] })));
    const stats: EncoderStats = {
      ...encoder.stats,
      kind,
      tokensEncoded,
      encodeSeconds,
      coherenceSeconds: (performance.now() - fitStarted) / 1000,
      reusedModelOf: reusedFrom,
      changedShare: changed,
      ...(reusedFrom ? { trainSeconds: 0 } : {}),
    };
    await saveEmbeddings(input.db, scan.id, pages.map((p, i) => ({ pageId: p.id, vector: vectors[i] })));
    await saveEncoderModel(input.db, {
      scanId: scan.id,
      siteId: scan.siteId,
      backend: String(stats.backend),
      config: serialized.config,
      vocab: serialized.vocab,
      weights: serialized.weights,
      stats: stats as Record<string, unknown>,
    });
    await progress.update("encode", { ...(progress.current.encode as object), done: true }, true);
    return stats as Record<string, unknown>;
  } finally {
    encoder.dispose();
  }
}
