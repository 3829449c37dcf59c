/** Seeded randomness of the encoder: the same corpus and seed give the same vocabulary, split, weights and draws. */
export { createRng, shuffleInPlace } from "../random";

export function uniformArray(size: number, limit: number, rng: () => number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (rng() * 2 - 1) * limit;
  return out;
}
