import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "@/lib/encode/backend";

beforeAll(async () => {
  expect(await initBackend("wasm")).toBe("wasm");
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("row-copying GatherV2 on wasm", () => {
  it("gathers rows of a matrix, repeats included, in index order", async () => {
    const x = tf.tensor2d(range(12), [4, 3]);
    expect(await tf.gather(x, tf.tensor1d([3, 0, 3, 1], "int32")).array()).toEqual([[9, 10, 11], [0, 1, 2], [9, 10, 11], [3, 4, 5]]);
  });

  it("gathers from int32 tensors, vectors and with 2-D indices", async () => {
    expect(await tf.gather(tf.tensor1d([5, 6, 7], "int32"), tf.tensor1d([2, 2, 0], "int32")).array()).toEqual([7, 7, 5]);
    const x = tf.tensor3d(range(8), [4, 1, 2]);
    expect(await tf.gather(x, tf.tensor2d([[1, 3]], [1, 2], "int32")).array()).toEqual([[[[2, 3]], [[6, 7]]]]);
  });

  it("falls back to the original kernel along another axis", async () => {
    const x = tf.tensor2d(range(6), [2, 3]);
    expect(await tf.gather(x, tf.tensor1d([2, 0], "int32"), 1).array()).toEqual([[2, 0], [5, 3]]);
  });

  it("rejects an index out of range", () => {
    expect(() => tf.gather(tf.tensor2d(range(4), [2, 2]), tf.tensor1d([2], "int32"))).toThrow(/not in \[0, 1\]/);
  });

  it("stays correct when the output allocation grows the wasm heap", async () => {
    const big = tf.tensor2d(range(1000 * 64), [1000, 64]);
    // 100k rows of 64 floats: a 25 MB output, more than the heap has free.
    const ids = Int32Array.from({ length: 100_000 }, (_, i) => (i * 7) % 1000);
    const rows = await tf.gather(big, tf.tensor1d(ids, "int32")).data();
    for (const i of [0, 1, 54_321, 99_999]) expect(rows[i * 64 + 5]).toBe(ids[i] * 64 + 5);
  });
});
