import { createRng } from "./random";
import { l2normalize, type Vector } from "./vectors";

/** Monomorphic dot product: the hot loop of clustering. */
function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Spherical k-means (Dhillon & Modha 2001) on unit vectors with k-means++ seeding
 * (Arthur & Vassilvitskii 2007), and k chosen by silhouette (Rousseeuw 1987).
 */

export const KMEANS_MAX_ITERATIONS = 50;
// Restarts per k: tiny inputs (hand-made sites, < 100 pages) take the best of 10 seeded runs, where
// one bad seeding misleads the silhouette; larger inputs have enough points per cluster for k-means++
// to seed well, and 2 runs keep 20k-page sites within budget.
export const KMEANS_RESTARTS_SMALL = 10;
export const KMEANS_RESTARTS_LARGE = 2;
export const SMALL_INPUT = 100;
// Exact silhouette is O(s^2); it runs on at most 1,000 evenly sampled pages (exact below that size;
// a sampled estimate above it, not yet measured against the exact value).
export const SILHOUETTE_SAMPLE = 1000;
// k selection runs on at most this many pages; the final clustering uses all of them.
export const SELECTION_SAMPLE = 2000;
// At most this many k values are tried; larger ranges are sampled geometrically.
export const MAX_K_TRIED = 16;
// Upper bound of topics reported on any site; more is unreadable in a report.
export const K_CAP = 40;

export interface Clustering {
  k: number;
  assignments: Int32Array;
  centroids: Vector[];
  /** sum of cosines to own centroid (higher is better) */
  objective: number;
}

function seedCentroids(data: Vector[], k: number, rng: () => number): Vector[] {
  const n = data.length;
  const centroids: Vector[] = [Float64Array.from(data[Math.floor(rng() * n)])];
  const d2 = new Float64Array(n).fill(Infinity);
  while (centroids.length < k) {
    const last = centroids[centroids.length - 1];
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(data[i], last));
      if (d < d2[i]) d2[i] = d;
      total += d2[i];
    }
    let pick = 0;
    if (total <= 0) pick = Math.floor(rng() * n);
    else {
      let r = rng() * total;
      for (pick = 0; pick < n - 1; pick++) {
        r -= d2[pick];
        if (r <= 0) break;
      }
    }
    centroids.push(Float64Array.from(data[pick]));
  }
  return centroids;
}

function runOnce(data: Vector[], k: number, rng: () => number, init?: Vector[]): Clustering {
  const n = data.length;
  const dim = data[0].length;
  let centroids = init ? init.map((c) => Float64Array.from(c)) : seedCentroids(data, k, rng);
  const assignments = new Int32Array(n).fill(-1);
  let objective = 0;
  for (let iter = 0; iter < KMEANS_MAX_ITERATIONS; iter++) {
    let changed = 0;
    objective = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(data[i], centroids[c]);
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      objective += bestSim;
      if (assignments[i] !== best) {
        assignments[i] = best;
        changed++;
      }
    }
    const sums = Array.from({ length: k }, () => new Float64Array(dim));
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const s = sums[assignments[i]];
      const x = data[i];
      for (let t = 0; t < dim; t++) s[t] += x[t];
      counts[assignments[i]]++;
    }
    centroids = sums.map((s, c) => {
      if (counts[c] > 0) return l2normalize(s);
      // Empty cluster: re-seed on the point worst served by its centroid.
      let worst = 0;
      let worstSim = Infinity;
      for (let i = 0; i < n; i++) {
        const sim = dot(data[i], centroids[assignments[i]]);
        if (sim < worstSim) {
          worstSim = sim;
          worst = i;
        }
      }
      return Float64Array.from(data[worst]);
    });
    if (changed === 0) break;
  }
  return { k, assignments, centroids, objective };
}

/** Best of KMEANS_RESTARTS seeded runs of spherical k-means on unit vectors. */
/** Lloyd iterations of spherical k-means from given centroids (no restarts). */
export function refineKmeans(data: Vector[], centroids: Vector[], seed: number): Clustering {
  return runOnce(data, centroids.length, createRng(seed), centroids);
}

export function sphericalKmeans(data: Vector[], k: number, seed: number): Clustering {
  const kk = Math.max(1, Math.min(k, data.length));
  const rng = createRng(seed);
  let best: Clustering | null = null;
  const restarts = data.length <= SMALL_INPUT ? KMEANS_RESTARTS_SMALL : KMEANS_RESTARTS_LARGE;
  for (let r = 0; r < restarts; r++) {
    const c = runOnce(data, kk, rng);
    if (best === null || c.objective > best.objective) best = c;
  }
  return best!;
}

/** Cosine distances between all pairs of a sample (computed once, reused for every k). */
export function distanceMatrix(data: Vector[]): Float64Array[] {
  const n = data.length;
  const d = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = 1 - dot(data[i], data[j]);
      d[i][j] = x;
      d[j][i] = x;
    }
  }
  return d;
}

/** Mean silhouette with cosine distance; singleton clusters count 0 (Rousseeuw's convention). */
export function silhouette(data: Vector[] | Float64Array[], assignments: Int32Array, k: number, distances?: Float64Array[]): number {
  const n = assignments.length;
  if (k < 2 || n < 3) return 0;
  const dist = distances ?? distanceMatrix(data as Vector[]);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) sizes[assignments[i]]++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const own = assignments[i];
    if (sizes[own] <= 1) continue;
    sums.fill(0);
    const row = dist[i];
    for (let j = 0; j < n; j++) sums[assignments[j]] += row[j];
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    if (!Number.isFinite(b)) continue;
    const m = Math.max(a, b);
    total += m === 0 ? 0 : (b - a) / m;
  }
  return total / n;
}

/**
 * Seeded random sample of indices, in ascending order. Random rather than evenly spaced: a stride
 * can alias with the crawl order (every 10th page of a site crawled topic by topic is one topic).
 */
export function sampleIndices(n: number, size: number, seed = 1): number[] {
  if (n <= size) return [...Array(n).keys()];
  const rng = createRng(seed);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return [...idx.subarray(0, size)].sort((a, b) => a - b);
}

/** Default upper bound of k: sqrt(n) + 1, above the rule of thumb k ~ sqrt(n/2) (Mardia et al. 1979) so small topics can appear; capped at K_CAP. */
export function defaultKMax(n: number): number {
  return Math.max(2, Math.min(K_CAP, Math.round(Math.sqrt(n)) + 1, n - 1));
}

export function kCandidates(kMin: number, kMax: number): number[] {
  const lo = Math.max(2, kMin);
  if (kMax < lo) return [];
  if (kMax - lo + 1 <= MAX_K_TRIED) return Array.from({ length: kMax - lo + 1 }, (_, i) => lo + i);
  const out = new Set<number>();
  for (let i = 0; i < MAX_K_TRIED; i++) out.add(Math.round(lo * Math.pow(kMax / lo, i / (MAX_K_TRIED - 1))));
  return [...out].sort((a, b) => a - b);
}

export interface KSelection {
  clustering: Clustering;
  silhouette: number;
  silhouetteByK: Record<number, number>;
}

/**
 * Choose k by the best silhouette over [kMin, kMax] on a sample, then cluster every page with it.
 * Fewer than 4 pages form one topic: a silhouette needs two clusters of two.
 */
export function clusterWithChosenK(data: Vector[], kMin: number, kMax: number | null, seed: number): KSelection {
  const n = data.length;
  if (n < 4) {
    const assignments = new Int32Array(n);
    const centroid = l2normalize(data.reduce((acc, v) => acc.map((x, t) => x + v[t]), new Float64Array(data[0]?.length ?? 0)));
    return {
      clustering: { k: n === 0 ? 0 : 1, assignments, centroids: n === 0 ? [] : [centroid], objective: 0 },
      silhouette: 0,
      silhouetteByK: {},
    };
  }
  const upper = Math.min(kMax ?? defaultKMax(n), n - 1);
  const sample = sampleIndices(n, SELECTION_SAMPLE, seed).map((i) => data[i]);
  const silSampleIdx = sampleIndices(sample.length, SILHOUETTE_SAMPLE, seed + 1);
  const distances = distanceMatrix(silSampleIdx.map((i) => sample[i]));
  const silhouetteByK: Record<number, number> = {};
  let bestClustering: Clustering | null = null;
  let bestK = Math.min(Math.max(2, kMin), upper);
  let bestSil = -Infinity;
  for (const k of kCandidates(kMin, upper)) {
    const c = sphericalKmeans(sample, k, seed + k);
    const sil = silhouette([], Int32Array.from(silSampleIdx.map((i) => c.assignments[i])), k, distances);
    silhouetteByK[k] = Math.round(sil * 10000) / 10000;
    // Strictly better only: ties keep the smaller, simpler k.
    if (sil > bestSil + 1e-9) {
      bestSil = sil;
      bestK = k;
      bestClustering = c;
    }
  }
  // All pages: reuse the sample's clustering when the sample is everything, else refine its centroids.
  const clustering =
    bestClustering === null
      ? sphericalKmeans(data, bestK, seed + bestK)
      : sample.length === n
        ? bestClustering
        : refineKmeans(data, bestClustering.centroids, seed + bestK);
  return { clustering, silhouette: bestSil, silhouetteByK };
}
