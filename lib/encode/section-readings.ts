/**
 * Per-section readings: the opening tokens of each section (up to MAX_SECTIONS per page, spread over the page) run
 * through the sequence model from a zero state; a reading is the mean of its hidden states. Sampling keeps the cost a
 * fixed number of tokens per page whatever its length.
 */
import { initBackend } from "./backend";
import type { TrainedEncoder } from "./index";
import { ENCODE_BATCH, poolHiddenStates, type Window } from "./pooling";
import type { PageSection } from "./sections";
import { tokenize } from "./tokenizer";

/** Tokens read from the start of each section: ~2 sentences, enough for its subject to show. */
export const SECTION_READ_TOKENS = 64;
/** Sections read per page: 8 x 64 tokens cost about half of encoding the page itself. */
export const MAX_SECTIONS = 8;

export interface SectionReading {
  heading: string;
  /** tokens the section holds (its weight in the page's score) */
  tokens: number;
  /** mean hidden state over the reading; null for a section without known words */
  vector: Float32Array | null;
}

function spread<T>(items: readonly T[], keep: number): T[] {
  if (items.length <= keep) return [...items];
  return Array.from({ length: keep }, (_, k) => items[Math.round((k * (items.length - 1)) / (keep - 1))]);
}

export async function readSections(encoder: TrainedEncoder, pages: readonly PageSection[][]): Promise<SectionReading[][]> {
  await initBackend();
  const model = encoder.models[0];
  const hidden = model.shape.hiddenUnits;
  const chosen = pages.map((sections) => spread(sections, MAX_SECTIONS));
  const windows: Window[] = [];
  const meta: { page: number; heading: string; tokens: number }[] = [];
  chosen.forEach((sections, page) => {
    for (const s of sections) {
      const ids = encoder.vocab.encode(tokenize(s.text));
      windows.push({ page: meta.length, ids: ids.subarray(0, SECTION_READ_TOKENS) });
      meta.push({ page, heading: s.heading, tokens: ids.length });
    }
  });
  const acc = await poolHiddenStates(model, windows, meta.length, ENCODE_BATCH, () => undefined);
  const out: SectionReading[][] = pages.map(() => []);
  meta.forEach((m, i) => {
    const a = acc[i];
    out[m.page].push({ heading: m.heading, tokens: m.tokens, vector: a.count === 0 ? null : a.sum.map((x) => x / a.count).slice(0, hidden) });
  });
  return out;
}
