import { describe, expect, it } from "vitest";
import { clusterWithChosenK, silhouette, sphericalKmeans } from "../../../lib/analyze/kmeans";
import { createRng } from "../../../lib/analyze/random";
import { truncatedSvd } from "../../../lib/analyze/svd";
import type { SparseRow } from "../../../lib/analyze/tfidf";
import { l2normalize } from "../../../lib/analyze/vectors";

const row = (entries: [number, number][]): SparseRow => ({
  idx: Int32Array.from(entries.map((e) => e[0])),
  val: Float64Array.from(entries.map((e) => e[1])),
});

describe("truncatedSvd", () => {
  it("recovers the singular values of a known matrix", () => {
    // rows of diag(3, 2, 1) plus a zero row
    const rows = [row([[0, 3]]), row([[1, 2]]), row([[2, 1]]), row([])];
    const { singularValues, coordinates } = truncatedSvd(rows, 3, 3, 1);
    expect([...singularValues].map((s) => Math.round(s * 1e6) / 1e6)).toEqual([3, 2, 1]);
    // U*S keeps row norms
    expect(Math.hypot(...coordinates[0])).toBeCloseTo(3, 6);
    expect(Math.hypot(...coordinates[3])).toBeCloseTo(0, 6);
  });
});

describe("spherical k-means and silhouette", () => {
  const rng = createRng(7);
  const blob = (axis: number) =>
    Array.from({ length: 10 }, () => {
      const v = Array.from({ length: 6 }, () => (rng() - 0.5) * 0.2);
      v[axis] += 1;
      return l2normalize(v);
    });
  const data = [...blob(0), ...blob(2), ...blob(4)];

  it("chooses k = 3 for three separated blobs and separates them", () => {
    const sel = clusterWithChosenK(data, 2, 8, 42);
    expect(sel.clustering.k).toBe(3);
    const a = sel.clustering.assignments;
    for (let b = 0; b < 3; b++) for (let i = 1; i < 10; i++) expect(a[b * 10 + i]).toBe(a[b * 10]);
    expect(silhouette(data, a, 3)).toBeGreaterThan(0.8);
  });

  it("is deterministic for a seed", () => {
    expect([...sphericalKmeans(data, 4, 5).assignments]).toEqual([...sphericalKmeans(data, 4, 5).assignments]);
  });
});

describe("sampleIndices", () => {
  it("does not alias with a periodic page order (every 10th of 30 interleaved topics)", async () => {
    const { sampleIndices } = await import("../../../lib/analyze/kmeans");
    const sample = sampleIndices(20_000, 2_000, 42);
    expect(new Set(sample).size).toBe(2_000);
    expect(new Set(sample.map((i) => i % 30)).size).toBe(30);
  });
});
