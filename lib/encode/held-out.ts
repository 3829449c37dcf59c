/**
 * Which pages are held out from training, for early stopping and the reported perplexity. The choice hangs on each
 * page's URL alone (a hash), so a rescan holds out the same pages and a warm-started model is never scored on pages
 * it trained on; pages added later fall on either side by their own URL.
 */
import { HELD_OUT_FRACTION } from "./options";

/** Fewer pages than this cannot spare one for evaluation without starving training. */
const MIN_PAGES_FOR_HOLD_OUT = 3;
const HASH_BUCKETS = 10_000;

/** FNV-1a, 32 bits: a stable, well-spread hash of a short string. */
export function urlHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function isHeldOut(id: string): boolean {
  return urlHash(id) % HASH_BUCKETS < HELD_OUT_FRACTION * HASH_BUCKETS;
}

export function heldOutIndices(ids: readonly string[]): Set<number> {
  if (ids.length < MIN_PAGES_FOR_HOLD_OUT) return new Set();
  const held = new Set<number>();
  ids.forEach((id, i) => {
    if (isHeldOut(id)) held.add(i);
  });
  if (held.size === 0 || held.size * 2 > ids.length) {
    held.clear();
    // a small site whose URLs all hash outside the held-out share still needs one page for early stopping
    let lowest = 0;
    ids.forEach((id, i) => {
      if (urlHash(id) % HASH_BUCKETS < urlHash(ids[lowest]) % HASH_BUCKETS) lowest = i;
    });
    held.add(lowest);
  }
  return held;
}
