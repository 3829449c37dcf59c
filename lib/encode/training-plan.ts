/**
 * How much a site's encoder trains, decided from the corpus before training starts, so that the
 * same pages always give the same model: every page contributes an excerpt per epoch, for a
 * fixed number of epochs, under a cap. Wall time is only a safety stop.
 */
import { MAX_TRAIN_TOKENS, MIN_TRAIN_TOKENS, TRAIN_EPOCHS } from "./options";

/** Each page's excerpt for one epoch: `perPage` tokens from a seeded offset, or the whole page. */
export function epochExcerpts(pages: readonly Int32Array[], perPage: number, rng: () => number): Int32Array[] {
  return pages.map((page) => {
    if (page.length <= perPage) return page;
    const start = Math.floor(rng() * (page.length - perPage + 1));
    return page.subarray(start, start + perPage);
  });
}

/** Tokens one epoch reads (excerpts plus the <eos> after each page). */
export function epochTokens(pages: readonly Int32Array[], perPage: number): number {
  return pages.reduce((n, p) => n + Math.min(p.length, perPage) + 1, 0);
}

/**
 * The token budget of a site: `epochs` passes over its excerpts, at least MIN_TRAIN_TOKENS (a tiny
 * site still gets a usable model) and at most `cap`.
 */
export function trainingTokenBudget(pages: readonly Int32Array[], perPage: number, cap = MAX_TRAIN_TOKENS, epochs = TRAIN_EPOCHS): number {
  const proportional = epochs * epochTokens(pages, perPage);
  return Math.min(cap, Math.max(Math.min(MIN_TRAIN_TOKENS, cap), proportional));
}
