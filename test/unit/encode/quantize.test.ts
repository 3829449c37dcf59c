import { describe, expect, it } from "vitest";
import { initialParamValues, PARAM_NAMES, type ModelShape } from "@/lib/encode/model";
import { createRng } from "@/lib/encode/prng";
import { dequantizeRows, quantizeRows } from "@/lib/encode/quantize";
import { float32Bytes, packModels, unpackModels } from "@/lib/encode/serialize";

describe("int8 per-row quantisation", () => {
  it("round-trips every value within half a quantisation step of its row", () => {
    const rng = createRng(3);
    const rowLength = 16;
    // Rows with very different norms: per-row scales must keep small rows precise.
    const values = Float32Array.from({ length: 8 * rowLength }, (_, i) => (rng() - 0.5) * 10 ** (Math.floor(i / rowLength) - 4));
    const q = quantizeRows(values, rowLength);
    const back = dequantizeRows(q, rowLength);
    for (let i = 0; i < values.length; i++) {
      const step = q.scales[Math.floor(i / rowLength)];
      expect(Math.abs(back[i] - values[i])).toBeLessThanOrEqual(step / 2 + 1e-12);
    }
  });

  it("keeps an all-zero row exactly zero", () => {
    const q = quantizeRows(new Float32Array(8), 4);
    expect(Array.from(dequantizeRows(q, 4))).toEqual(new Array(8).fill(0));
  });

  it("packs models into about a quarter of their float32 size and unpacks them", () => {
    const shape: ModelShape = { cell: "lstm", vocabSize: 50, embeddingDim: 8, hiddenUnits: 12 };
    const models = [initialParamValues(shape, 1), initialParamValues(shape, 2)];
    const bytes = packModels(shape, models);
    expect(bytes.length).toBeLessThan(float32Bytes(shape, 2) * 0.4);
    const back = unpackModels(shape, 2, bytes);
    for (let m = 0; m < 2; m++) {
      for (const name of PARAM_NAMES) {
        const a = models[m][name];
        const b = back[m][name];
        expect(b.length).toBe(a.length);
        let maxErr = 0;
        for (let i = 0; i < a.length; i++) maxErr = Math.max(maxErr, Math.abs(a[i] - b[i]));
        // init range is 0.1, so one int8 step is at most 0.1/127.
        expect(maxErr).toBeLessThanOrEqual(0.1 / 127 / 2 + 1e-6);
      }
    }
  });

  it("rejects a weights blob of the wrong length", () => {
    const shape: ModelShape = { cell: "gru", vocabSize: 10, embeddingDim: 4, hiddenUnits: 4 };
    const bytes = packModels(shape, [initialParamValues(shape, 1)]);
    expect(() => unpackModels(shape, 1, bytes.subarray(0, bytes.length - 1))).toThrow();
  });
});
