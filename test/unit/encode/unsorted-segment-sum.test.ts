import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "@/lib/encode/backend";
import { unsortedSegmentSumValues } from "@/lib/encode/kernels/unsorted-segment-sum";

beforeAll(async () => {
  expect(await initBackend("wasm")).toBe("wasm");
});

describe("UnsortedSegmentSum on wasm", () => {
  it("sums rows into their segments and ignores out-of-range ids", () => {
    const out = new Float32Array(6);
    unsortedSegmentSumValues([1, 2, 3, 4, 5, 6, 7, 8], 2, [2, 0, 2, 7], 3, out);
    expect(Array.from(out)).toEqual([3, 4, 0, 0, 6, 8]);
  });

  it("is what tf.unsortedSegmentSum runs on wasm", async () => {
    const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
    const ids = tf.tensor1d([3, 0, 3, 1, 0], "int32");
    const wasm = await tf.unsortedSegmentSum(x, ids, 4).array();
    expect(wasm).toEqual([[12, 14], [7, 8], [0, 0], [6, 8]]);
  });

  it("makes the gradient of tf.gather (the embedding lookup) match finite differences", () => {
    const rows = 5;
    const dim = 3;
    const table = Float64Array.from({ length: rows * dim }, (_, i) => Math.sin(i + 1));
    const ids = [4, 1, 4, 0, 4];
    const weights = tf.tensor2d(Array.from({ length: ids.length * dim }, (_, i) => Math.cos(i)), [ids.length, dim]);
    // A nonlinear scalar function of the gathered rows, so each gradient entry differs.
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.square(tf.gather(t, tf.tensor1d(ids, "int32"))), weights)) as tf.Scalar;
    const analytic = tf.grad(f)(tf.tensor2d(Float32Array.from(table), [rows, dim])).dataSync();
    const eps = 1e-2;
    for (let i = 0; i < table.length; i++) {
      const plus = table.slice();
      const minus = table.slice();
      plus[i] += eps;
      minus[i] -= eps;
      const numeric =
        (f(tf.tensor2d(Float32Array.from(plus), [rows, dim])).dataSync()[0] - f(tf.tensor2d(Float32Array.from(minus), [rows, dim])).dataSync()[0]) / (2 * eps);
      expect(analytic[i]).toBeCloseTo(numeric, 2);
    }
    // Row 2 is never gathered and row 4 three times: the sum over segments must show that.
    expect(Array.from(analytic.slice(2 * dim, 3 * dim))).toEqual([0, 0, 0]);
  });
});
