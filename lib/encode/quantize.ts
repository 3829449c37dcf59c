/**
 * Symmetric int8 quantisation with one scale per row: q = round(x / s), s = max|row| / 127.
 * Per-row scales matter for the embedding and output matrices, whose rows for frequent and
 * rare words differ in norm by an order of magnitude.
 */
const INT8_MAX = 127;

export interface QuantizedMatrix {
  values: Int8Array;
  scales: Float32Array;
}

export function quantizeRows(values: Float32Array, rowLength: number): QuantizedMatrix {
  const rows = values.length / rowLength;
  const q = new Int8Array(values.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let maxAbs = 0;
    for (let j = 0; j < rowLength; j++) maxAbs = Math.max(maxAbs, Math.abs(values[r * rowLength + j]));
    const scale = maxAbs / INT8_MAX;
    scales[r] = scale;
    if (scale === 0) continue;
    for (let j = 0; j < rowLength; j++) q[r * rowLength + j] = Math.round(values[r * rowLength + j] / scale);
  }
  return { values: q, scales };
}

export function dequantizeRows(matrix: QuantizedMatrix, rowLength: number): Float32Array {
  const out = new Float32Array(matrix.values.length);
  for (let i = 0; i < out.length; i++) out[i] = matrix.values[i] * matrix.scales[Math.floor(i / rowLength)];
  return out;
}
