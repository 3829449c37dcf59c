import { UMAP } from "umap-js";
import { createRng } from "../random";

/**
 * 2-D positions of pages for the topic map, from their page vectors: UMAP (seeded, so a scan always draws the same
 * map) for sites it handles in seconds, the first two principal components above that or when there are too few
 * pages for a neighbourhood graph. Coordinates are scaled to 0-1 on each axis.
 */

/** Below this many pages UMAP has no meaningful neighbourhood graph (nNeighbors must stay below n). */
const UMAP_MIN_POINTS = 8;
/** umap-js takes ~20 s for 5,000 points of 64 dimensions on one core (measured here); beyond, PCA keeps the scan fast. */
const UMAP_MAX_POINTS = 5000;
const UMAP_NEIGHBORS = 15;
const SEED = 42;

export interface MapPosition {
  x: number;
  y: number;
}

export function topicMapPositions(vectors: Float32Array[]): MapPosition[] {
  const n = vectors.length;
  if (n === 0) return [];
  if (n === 1) return [{ x: 0.5, y: 0.5 }];
  const data = vectors.map((v) => Array.from(v));
  const raw = n >= UMAP_MIN_POINTS && n <= UMAP_MAX_POINTS ? umap(data) : pca2(data);
  return normalise(raw);
}

function umap(data: number[][]): number[][] {
  const model = new UMAP({ nComponents: 2, nNeighbors: Math.min(UMAP_NEIGHBORS, data.length - 1), minDist: 0.1, random: createRng(SEED) });
  return model.fit(data);
}

/** First two principal components by power iteration with deflation (deterministic start vector). */
export function pca2(data: number[][]): number[][] {
  const n = data.length;
  const d = data[0]?.length ?? 0;
  const mean = new Float64Array(d);
  for (const row of data) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  const centred = data.map((row) => row.map((v, j) => v - mean[j]));
  const components: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let v = new Float64Array(d).map((_, j) => 1 / Math.sqrt(d) + (j % (c + 2)) * 1e-3);
    for (let iter = 0; iter < 60; iter++) {
      const next = new Float64Array(d);
      for (const row of centred) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += row[j] * v[j];
        for (let j = 0; j < d; j++) next[j] += dot * row[j];
      }
      for (const prev of components) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += next[j] * prev[j];
        for (let j = 0; j < d; j++) next[j] -= dot * prev[j];
      }
      const norm = Math.hypot(...next) || 1;
      v = next.map((x) => x / norm);
    }
    components.push(v);
  }
  return centred.map((row) => components.map((comp) => row.reduce((s, x, j) => s + x * comp[j], 0)));
}

function normalise(points: number[][]): MapPosition[] {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [x, y] of points) {
    if (Number.isFinite(x)) [minX, maxX] = [Math.min(minX, x), Math.max(maxX, x)];
    if (Number.isFinite(y)) [minY, maxY] = [Math.min(minY, y), Math.max(maxY, y)];
  }
  const sx = maxX - minX || 1;
  const sy = maxY - minY || 1;
  return points.map(([x, y]) => ({ x: Number.isFinite(x) ? (x - minX) / sx : 0.5, y: Number.isFinite(y) ? (y - minY) / sy : 0.5 }));
}
