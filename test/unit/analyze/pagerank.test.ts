import { describe, expect, it } from "vitest";
import { pagerank } from "../../../lib/analyze/pagerank";

describe("pagerank", () => {
  // hub 0; leaves 1..5 link to the hub; the hub links to leaf 1; leaf 2 also links to leaf 3
  const edges: [number, number][] = [[1, 0], [2, 0], [3, 0], [4, 0], [5, 0], [0, 1], [2, 3]];

  it("sums to 1", () => {
    const pr = pagerank(6, edges);
    expect(pr.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it("favours the hub every leaf links to", () => {
    const pr = pagerank(6, edges);
    for (let i = 1; i < 6; i++) expect(pr[0]).toBeGreaterThan(pr[i]);
    // the leaf the hub links to beats the leaves nobody links to
    expect(pr[1]).toBeGreaterThan(pr[4]);
  });

  it("is uniform without links and still sums to 1 with dangling pages", () => {
    expect([...pagerank(4, [])]).toEqual([0.25, 0.25, 0.25, 0.25]);
    const pr = pagerank(3, [[0, 1]]);
    expect(pr.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(pr[1]).toBeGreaterThan(pr[0]);
  });
});
