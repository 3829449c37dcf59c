/** Every random choice of the analysis is reproducible from options.seed (the one seeded generator, lib/random.ts). */
export { createRng } from "../random";

/** Standard normal sample (Box-Muller). */
export function gaussian(rng: () => number): number {
  const u = Math.max(rng(), 1e-12);
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
