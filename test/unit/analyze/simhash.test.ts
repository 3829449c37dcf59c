import { describe, expect, it } from "vitest";
import { closeSimhashPairs, hammingDistance } from "../../../lib/analyze/simhash";

describe("simhash", () => {
  it("counts differing bits across both 32-bit halves", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
    expect(hammingDistance("not-hex", "0000000000000000")).toBe(Infinity);
  });

  it("finds every pair within the distance and no pair beyond it", () => {
    const hashes = [
      "0123456789abcdef",
      "0123456789abcdee", // 1 bit from 0
      "1123456789abcdec", // 1 + 2 bits from 0 (3)
      "f0f0f0f0f0f0f0f0", // far
      null,
    ];
    const pairs = closeSimhashPairs(hashes, 3).map(([a, b]) => `${a}-${b}`).sort();
    expect(pairs).toEqual(["0-1", "0-2", "1-2"]);
    expect(closeSimhashPairs(hashes, 1).map(([a, b]) => `${a}-${b}`)).toEqual(["0-1"]);
  });
});
