import { describe, expect, it } from "vitest";
import { FEATURES, fitRanking, MIN_POSITIVES, scoreOf } from "../../../lib/analyze/gates/suggestion-ranking";
import { createRng } from "../../../lib/analyze/random";

const at = (name: (typeof FEATURES)[number]) => FEATURES.indexOf(name);

/** Candidates where the site links exactly those whose anchor is the target's name and that are similar. */
function examples(count: number, seed: number) {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const x = Float64Array.from(FEATURES, () => rng());
    x[at("name")] = rng() < 0.3 ? 1 : 0;
    const y = x[at("name")] === 1 && x[at("similarity")] > 0.5 ? 1 : 0;
    return { x, y };
  });
}

describe("suggestion ranking learned from the site's links", () => {
  it("learns which features pick the links the site made, and ranks held-out ones above the rest", () => {
    const model = fitRanking(examples(2000, 1));
    expect(model.learned).toBe(true);
    expect(model.weights[at("name")]).toBeGreaterThan(0);
    expect(model.weights[at("similarity")]).toBeGreaterThan(0);
    const test = examples(500, 2);
    const positives = test.filter((e) => e.y === 1).map((e) => scoreOf(model, e.x));
    const negatives = test.filter((e) => e.y === 0).map((e) => scoreOf(model, e.x));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(positives)).toBeGreaterThan(mean(negatives) + 0.3);
  });

  it("keeps the hand-set ranking when the site has too few links to learn from", () => {
    const few = examples(2000, 3).filter((e, i) => e.y === 0 || i < 40).slice(0, 1500);
    const rare = few.filter((e) => e.y === 1).slice(0, MIN_POSITIVES - 1);
    const model = fitRanking([...few.filter((e) => e.y === 0), ...rare]);
    expect(model.learned).toBe(false);
    expect(model.weights[at("evidence")]).toBe(0.5);
  });
});
