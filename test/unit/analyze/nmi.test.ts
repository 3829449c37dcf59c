import { describe, expect, it } from "vitest";
import { nmi } from "../../../lib/analyze/nmi";

describe("nmi", () => {
  it("is 1 for identical labelings and for the same partition under other names", () => {
    expect(nmi([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBeCloseTo(1, 12);
    expect(nmi([0, 0, 1, 1, 2], ["b", "b", "c", "c", "a"])).toBeCloseTo(1, 12);
  });

  it("is 0 for independent labelings", () => {
    expect(nmi([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
  });

  it("matches the arithmetic-normalised value computed by hand (scikit-learn gives 0.5158)", () => {
    expect(nmi([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.5158037429793888, 10);
  });

  it("is symmetric", () => {
    const a = [0, 1, 1, 2, 2, 2, 0, 1];
    const b = [1, 1, 0, 0, 2, 2, 2, 1];
    expect(nmi(a, b)).toBeCloseTo(nmi(b, a), 12);
  });

  it("rejects labelings of different lengths", () => {
    expect(() => nmi([0, 1], [0])).toThrow(RangeError);
  });
});
