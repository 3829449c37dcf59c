/**
 * Binary layout of a trained encoder: for each model, for each parameter in PARAM_NAMES order,
 * its per-row float32 scales (little-endian) followed by its int8 values. Shapes follow from the
 * config, so the binary carries no header; the config records a format version.
 */
import { AppError } from "@/lib/errors";
import { PARAM_NAMES, paramShape, type ModelShape, type ParamValues } from "./model";
import { dequantizeRows, quantizeRows } from "./quantize";

export const FORMAT_VERSION = 1;

function rowLength(shape: number[]): number {
  return shape.length === 1 ? shape[0] : shape.slice(1).reduce((a, b) => a * b, 1);
}

export function packModels(shape: ModelShape, models: ParamValues[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const values of models) {
    for (const name of PARAM_NAMES) {
      const q = quantizeRows(values[name], rowLength(paramShape(shape, name)));
      const scales = new Uint8Array(q.scales.length * 4);
      const view = new DataView(scales.buffer);
      q.scales.forEach((s, i) => view.setFloat32(i * 4, s, true));
      parts.push(scales, new Uint8Array(q.values.buffer, q.values.byteOffset, q.values.byteLength));
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function unpackModels(shape: ModelShape, count: number, bytes: Uint8Array): ParamValues[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const models: ParamValues[] = [];
  for (let m = 0; m < count; m++) {
    const values = {} as ParamValues;
    for (const name of PARAM_NAMES) {
      const dims = paramShape(shape, name);
      const size = dims.reduce((a, b) => a * b, 1);
      const row = rowLength(dims);
      const scales = new Float32Array(size / row);
      for (let i = 0; i < scales.length; i++) scales[i] = view.getFloat32(at + i * 4, true);
      at += scales.length * 4;
      const q = new Int8Array(bytes.buffer, bytes.byteOffset + at, size).slice();
      at += size;
      values[name] = dequantizeRows({ values: q, scales }, row);
    }
    models.push(values);
  }
  if (at !== bytes.length) throw new AppError("invalid_input", `encoder weights: expected ${at} bytes, got ${bytes.length}`);
  return models;
}

/** Bytes the same weights take as float32, for the size comparison in stats. */
export function float32Bytes(shape: ModelShape, count: number): number {
  return count * PARAM_NAMES.reduce((n, name) => n + paramShape(shape, name).reduce((a, b) => a * b, 1) * 4, 0);
}
