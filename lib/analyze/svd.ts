import { createRng, gaussian } from "./random";
import type { SparseRow } from "./tfidf";

/**
 * Truncated SVD of a sparse matrix by randomized range finding with power iterations
 * (Halko, Martinsson & Tropp 2011, algorithms 4.4 and 5.1). Our own code because no maintained
 * JS library does sparse randomized SVD; it is ~100 lines over Float64Arrays.
 */

// Oversampling p and power iterations q from Halko et al. section 4: p = 10, q = 2 is enough for text.
export const SVD_OVERSAMPLING = 10;
export const SVD_POWER_ITERATIONS = 2;

/**
 * Orthonormalise the columns of a row-major n x l block by modified Gram-Schmidt (two passes);
 * returns the columns kept (dependent ones are dropped).
 */
function orthonormalise(block: Float64Array, n: number, l: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let c = 0; c < l; c++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = block[i * l + c];
    for (let pass = 0; pass < 2; pass++) {
      for (let o = 0; o < out.length; o++) {
        const q = out[o];
        let d = 0;
        for (let i = 0; i < n; i++) d += col[i] * q[i];
        for (let i = 0; i < n; i++) col[i] -= d * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    if (norm > 1e-10) {
      for (let i = 0; i < n; i++) col[i] /= norm;
      out.push(col);
    }
  }
  return out;
}

/** Columns to a row-major n x l block. */
function toBlock(cols: Float64Array[], n: number): Float64Array {
  const l = cols.length;
  const block = new Float64Array(n * l);
  for (let c = 0; c < l; c++) {
    const col = cols[c];
    for (let i = 0; i < n; i++) block[i * l + c] = col[i];
  }
  return block;
}

/** A * X for sparse A (n x m) and a row-major m x l block; all l products in one sweep of A. */
function mulA(rows: SparseRow[], x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(rows.length * l);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const yBase = i * l;
    for (let t = 0; t < r.idx.length; t++) {
      const v = r.val[t];
      const xBase = r.idx[t] * l;
      for (let c = 0; c < l; c++) y[yBase + c] += v * x[xBase + c];
    }
  }
  return y;
}

/** A^T * Y for sparse A (n x m) and a row-major n x l block. */
function mulAt(rows: SparseRow[], y: Float64Array, m: number, l: number): Float64Array {
  const x = new Float64Array(m * l);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const yBase = i * l;
    for (let t = 0; t < r.idx.length; t++) {
      const v = r.val[t];
      const xBase = r.idx[t] * l;
      for (let c = 0; c < l; c++) x[xBase + c] += v * y[yBase + c];
    }
  }
  return x;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigen(a: Float64Array[], maxSweeps = 60): { values: Float64Array; vectors: Float64Array[] } {
  const n = a.length;
  const m = a.map((r) => Float64Array.from(r));
  const v = Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n);
    r[i] = 1;
    return r;
  });
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p][q]) < 1e-300) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * m[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i][i];
  // vectors[j] = eigenvector j
  const vectors = Array.from({ length: n }, (_, j) => {
    const e = new Float64Array(n);
    for (let k = 0; k < n; k++) e[k] = v[k][j];
    return e;
  });
  return { values, vectors };
}

/**
 * Rank-k document coordinates U_k * S_k of the sparse n x m matrix (one Float64Array per row)
 * and the singular values.
 */
export function truncatedSvd(
  rows: SparseRow[],
  m: number,
  k: number,
  seed: number,
): { coordinates: Float64Array[]; singularValues: Float64Array } {
  const n = rows.length;
  const rank = Math.max(1, Math.min(k, n, m));
  const l = Math.min(rank + SVD_OVERSAMPLING, n, m);
  const rng = createRng(seed);
  // Y = A * Omega, Omega m x l Gaussian
  const omega = new Float64Array(m * l);
  for (let t = 0; t < omega.length; t++) omega[t] = gaussian(rng);
  let q = orthonormalise(mulA(rows, omega, l), n, l);
  // Power iterations orthonormalise only the n-side: the m-side (vocabulary-long) step costs l^2 m
  // and changes nothing measurable in double precision for q = 2 (Halko et al. remark 4.3).
  for (let it = 0; it < SVD_POWER_ITERATIONS; it++) {
    const lq = q.length;
    q = orthonormalise(mulA(rows, mulAt(rows, toBlock(q, n), m, lq), lq), n, lq);
  }
  // B^T = A^T Q (m x lb, row-major), then B B^T (lb x lb) = U_b S^2 U_b^T
  const lb = q.length;
  const bt = mulAt(rows, toBlock(q, n), m, lb);
  const bbt = Array.from({ length: lb }, () => new Float64Array(lb));
  for (let r = 0; r < m; r++) {
    const base = r * lb;
    for (let i = 0; i < lb; i++) {
      const bi = bt[base + i];
      if (bi === 0) continue;
      const row = bbt[i];
      for (let j = i; j < lb; j++) row[j] += bi * bt[base + j];
    }
  }
  for (let i = 0; i < lb; i++) for (let j = 0; j < i; j++) bbt[i][j] = bbt[j][i];
  const { values, vectors } = symmetricEigen(bbt);
  const order = [...values.keys()].sort((x, y) => values[y] - values[x]).slice(0, Math.min(rank, lb));
  const singularValues = Float64Array.from(order.map((o) => Math.sqrt(Math.max(0, values[o]))));
  // A ~ Q U_b S V^T, so document coordinates U S = Q U_b S
  const coordinates = Array.from({ length: n }, () => new Float64Array(order.length));
  order.forEach((o, c) => {
    const ub = vectors[o];
    const s = singularValues[c];
    for (let j = 0; j < lb; j++) {
      const w = ub[j] * s;
      if (w === 0) continue;
      const qj = q[j];
      for (let i = 0; i < n; i++) coordinates[i][c] += qj[i] * w;
    }
  });
  return { coordinates, singularValues };
}
