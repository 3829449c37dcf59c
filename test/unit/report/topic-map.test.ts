import { describe, expect, it } from "vitest";
import { topicMapPositions } from "@/lib/report/topic-map";

function clusters(n: number): Float32Array[] {
  // two well-separated groups in 8 dimensions
  return Array.from({ length: n }, (_, i) => Float32Array.from({ length: 8 }, (_, j) => (i % 2 ? 5 : -5) * (j === 0 ? 1 : 0) + Math.sin(i * 7 + j) * 0.3));
}

describe("topicMapPositions", () => {
  it("places every page inside the unit square", () => {
    for (const n of [1, 3, 20]) {
      const pos = topicMapPositions(clusters(n));
      expect(pos).toHaveLength(n);
      for (const p of pos) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(1);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(1);
      }
    }
  });

  it("draws the same map for the same vectors (seeded)", () => {
    expect(topicMapPositions(clusters(20))).toEqual(topicMapPositions(clusters(20)));
  });

  it("keeps separate groups apart (PCA below the UMAP minimum)", () => {
    const pos = topicMapPositions(clusters(6));
    const a = pos.filter((_, i) => i % 2 === 0).map((p) => p.x);
    const b = pos.filter((_, i) => i % 2 === 1).map((p) => p.x);
    expect(Math.max(...a) < Math.min(...b) || Math.max(...b) < Math.min(...a)).toBe(true);
  });
});
