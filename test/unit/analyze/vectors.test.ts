import { describe, expect, it } from "vitest";
import { createRng } from "../../../lib/analyze/random";
import { buildLstmVectors, cosine } from "../../../lib/analyze/vectors";

/**
 * 24 pages of two topics. Dimension 0 is a nuisance with 100x the variance of anything else (long pages against
 * short ones, say) and independent of the topic; dimensions 1-3 carry the topic; the rest is noise.
 */
function lstmVectors(): Float32Array[] {
  const rng = createRng(7);
  return Array.from({ length: 24 }, (_, i) => {
    const v = new Float32Array(8);
    v[0] = (i % 2 === 0 ? 1 : -1) * 10;
    const topic = i < 12 ? 1 : -1;
    for (let d = 1; d <= 3; d++) v[d] = topic * 0.5 + (rng() - 0.5) * 0.1;
    for (let d = 4; d < 8; d++) v[d] = (rng() - 0.5) * 0.1;
    return v;
  });
}

describe("LSTM page vectors", () => {
  it("whitens the LSTM block: a high-variance direction unrelated to the topic no longer decides the cosine", () => {
    const raw = lstmVectors();
    const centred = (() => {
      const mean = raw[0].map((_, d) => raw.reduce((s, v) => s + v[d], 0) / raw.length);
      return raw.map((v) => v.map((x, d) => x - mean[d]));
    })();
    const out = buildLstmVectors(raw)!;
    // pages 0 and 1: same topic, opposite nuisance; pages 0 and 12: other topic, same nuisance
    expect(cosine(centred[0], centred[1])).toBeLessThan(cosine(centred[0], centred[12]));
    expect(cosine(out[0], out[1])).toBeGreaterThan(cosine(centred[0], centred[1]) + 0.5);
    expect(cosine(out[0], out[12])).toBeLessThan(cosine(centred[0], centred[12]) - 0.5);
  });

  it("gives a page without an LSTM vector a zero block and is deterministic", () => {
    const raw: (Float32Array | null)[] = lstmVectors();
    raw[5] = null;
    const a = buildLstmVectors(raw, 3)!;
    const b = buildLstmVectors(raw, 3)!;
    expect([...a[5]].every((x) => x === 0)).toBe(true);
    expect(a.map((v) => [...v])).toEqual(b.map((v) => [...v]));
    expect(buildLstmVectors([null, null])).toBeNull();
  });
});
