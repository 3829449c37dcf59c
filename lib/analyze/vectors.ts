import { truncatedSvd } from "./svd";
import type { TfidfMatrix } from "./tfidf";

/** Page vectors: LSA of TF-IDF (lexical), the encoder's LSTM vectors, and their weighted concatenation. */

export type Vector = Float64Array;

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = norm(a);
  const nb = norm(b);
  return na === 0 || nb === 0 ? 0 : dot(a, b) / (na * nb);
}

/** L2-normalised copy; the zero vector stays zero. */
export function l2normalize(a: ArrayLike<number>): Vector {
  const out = Float64Array.from(a as ArrayLike<number>);
  const n = norm(out);
  if (n > 0) for (let i = 0; i < out.length; i++) out[i] /= n;
  return out;
}

/** Lexical variant: TF-IDF reduced to `dimensions` by truncated SVD (LSA), rows L2-normalised. */
export function buildLexicalVectors(tfidf: TfidfMatrix, dimensions: number, seed: number): Vector[] {
  if (tfidf.rows.length === 0) return [];
  const { coordinates } = truncatedSvd(tfidf.rows, tfidf.columns.length, dimensions, seed);
  return coordinates.map(l2normalize);
}

/** LSTM variant: encoder vectors L2-normalised; pages without one get a zero vector. Null if no page has one. */
export function buildLstmVectors(vectors: (Float32Array | null)[]): Vector[] | null {
  const dim = vectors.find((v) => v !== null)?.length ?? 0;
  if (dim === 0) return null;
  // Centre first: LSTM hidden states share a large common component that makes every cosine ~1.
  const mean = new Float64Array(dim);
  let count = 0;
  for (const v of vectors) {
    if (v === null || v.length !== dim) continue;
    for (let i = 0; i < dim; i++) mean[i] += v[i];
    count++;
  }
  for (let i = 0; i < dim; i++) mean[i] /= count;
  return vectors.map((v) => {
    const out = new Float64Array(dim);
    if (v === null || v.length !== dim) return out;
    for (let i = 0; i < dim; i++) out[i] = v[i] - mean[i];
    return l2normalize(out);
  });
}

/**
 * Hybrid: [sqrt(w) * lstm, sqrt(1 - w) * lexical], so the cosine of two hybrid vectors is
 * w * cos(lstm) + (1 - w) * cos(lexical) when both blocks are unit length. A page without an LSTM
 * vector keeps its lexical block alone, renormalised.
 */
export function buildHybridVectors(lexical: Vector[], lstm: Vector[] | null, lstmWeight: number): Vector[] {
  if (lstm === null || lstmWeight <= 0) return lexical;
  const a = Math.sqrt(lstmWeight);
  const b = Math.sqrt(1 - lstmWeight);
  return lexical.map((lex, i) => {
    const l = lstm[i];
    const out = new Float64Array(l.length + lex.length);
    for (let t = 0; t < l.length; t++) out[t] = a * l[t];
    for (let t = 0; t < lex.length; t++) out[l.length + t] = b * lex[t];
    return l2normalize(out);
  });
}
