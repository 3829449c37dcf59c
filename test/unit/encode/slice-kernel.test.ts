import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "@/lib/encode/backend";

beforeAll(async () => {
  expect(await initBackend("wasm")).toBe("wasm");
});

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("heap-view Slice on wasm", () => {
  it("slices one time step out of a [T, F, B] tensor", async () => {
    const x = tf.tensor3d(range(2 * 3 * 4), [2, 3, 4]);
    expect(await tf.slice(x, [1, 0, 0], [1, 3, 4]).data()).toEqual(Float32Array.from(range(12).map((i) => i + 12)));
  });

  it("slices a block of columns out of a matrix", async () => {
    const x = tf.tensor2d(range(12), [3, 4]);
    expect(await tf.slice(x, [1, 1], [2, 2]).array()).toEqual([[5, 6], [9, 10]]);
  });

  it("falls back to the original kernel for non-contiguous rank-3 slices and int32", async () => {
    const x = tf.tensor3d(range(8), [2, 2, 2], "int32");
    expect(await tf.slice(x, [0, 1, 1], [2, 1, 1]).array()).toEqual([[[3]], [[7]]]);
  });

  it("stays correct when the output allocation grows the wasm heap", async () => {
    const big = tf.tensor2d(range(1000 * 64), [1000, 64]);
    const cols = tf.slice(big, [0, 60], [1000, 4]);
    const data = await cols.data();
    expect(data[4 * 999 + 3]).toBe(999 * 64 + 63);
    // Allocate enough to force heap growth, then slice again.
    const filler = tf.zeros([4_000_000]);
    expect((await tf.slice(big, [999, 0], [1, 64]).data())[63]).toBe(999 * 64 + 63);
    filler.dispose();
  });
});
