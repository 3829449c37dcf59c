/** Which pages are held out from training, for early stopping and the reported perplexity. */
import { HELD_OUT_FRACTION } from "./options";
import { createRng, shuffleInPlace } from "./prng";

/** Fewer pages than this cannot spare one for evaluation without starving training. */
const MIN_PAGES_FOR_HOLD_OUT = 3;

export function heldOutIndices(pageCount: number, seed: number): Set<number> {
  if (pageCount < MIN_PAGES_FOR_HOLD_OUT) return new Set();
  const order = shuffleInPlace(Array.from({ length: pageCount }, (_, i) => i), createRng(seed));
  return new Set(order.slice(0, Math.max(1, Math.round(pageCount * HELD_OUT_FRACTION))));
}
