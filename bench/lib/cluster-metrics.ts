/**
 * A quick topical-quality check for page vectors: spherical k-means (k = number of labels,
 * k-means++ seeding) and the normalised mutual information of clusters vs folder labels.
 * The product's own clustering lives in lib/analyze; this is only a benchmark yardstick.
 */
import { createRng } from "@/lib/encode/prng";

const KMEANS_ITERATIONS = 50;
const KMEANS_RESTARTS = 5;

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n) || 1;
  return v.map((x) => x / n);
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Centre each dimension first: mean+max features share a large common component. */
function centre(vectors: Float32Array[]): Float32Array[] {
  const dim = vectors[0].length;
  const mean = new Float32Array(dim);
  for (const v of vectors) for (let j = 0; j < dim; j++) mean[j] += v[j] / vectors.length;
  return vectors.map((v) => normalise(v.map((x, j) => x - mean[j])));
}

function kmeansOnce(x: Float32Array[], k: number, rng: () => number): { assign: Int32Array; score: number } {
  const centres: Float32Array[] = [x[Math.floor(rng() * x.length)]];
  while (centres.length < k) {
    const d = x.map((v) => Math.max(0, 1 - Math.max(...centres.map((c) => dot(v, c)))) ** 2);
    const total = d.reduce((a, b) => a + b, 0);
    let u = rng() * total;
    let pick = 0;
    while (pick < d.length - 1 && (u -= d[pick]) > 0) pick++;
    centres.push(x[pick]);
  }
  const assign = new Int32Array(x.length);
  let score = 0;
  for (let it = 0; it < KMEANS_ITERATIONS; it++) {
    score = 0;
    x.forEach((v, i) => {
      let best = 0;
      let bestSim = -Infinity;
      centres.forEach((c, j) => {
        const s = dot(v, c);
        if (s > bestSim) [best, bestSim] = [j, s];
      });
      assign[i] = best;
      score += bestSim;
    });
    for (let j = 0; j < k; j++) {
      const sum = new Float32Array(x[0].length);
      x.forEach((v, i) => {
        if (assign[i] === j) for (let d = 0; d < sum.length; d++) sum[d] += v[d];
      });
      if (sum.some((s) => s !== 0)) centres[j] = normalise(sum);
    }
  }
  return { assign, score };
}

export function kmeans(vectors: Float32Array[], k: number, seed: number): Int32Array {
  const x = centre(vectors);
  const rng = createRng(seed);
  let best = kmeansOnce(x, k, rng);
  for (let r = 1; r < KMEANS_RESTARTS; r++) {
    const next = kmeansOnce(x, k, rng);
    if (next.score > best.score) best = next;
  }
  return best.assign;
}

export function normalizedMutualInformation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const joint = new Map<string, number>();
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    joint.set(`${a[i]},${b[i]}`, (joint.get(`${a[i]},${b[i]}`) ?? 0) + 1);
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  const entropy = (m: Map<number, number>) => -[...m.values()].reduce((s, c) => s + (c / n) * Math.log(c / n), 0);
  let mi = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split(",").map(Number);
    mi += (c / n) * Math.log((c * n) / ((ca.get(x) ?? 1) * (cb.get(y) ?? 1)));
  }
  const h = (entropy(ca) + entropy(cb)) / 2;
  return h === 0 ? 0 : mi / h;
}
