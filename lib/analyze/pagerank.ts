import { DirectedGraph } from "graphology";
import pagerankOf from "graphology-metrics/centrality/pagerank";

// Brin & Page 1998: damping 0.85.
export const PAGERANK_DAMPING = 0.85;
// Per-node L1 tolerance; 1e-10 makes the sum equal 1 to ~1e-9 on 20k pages.
const PAGERANK_TOLERANCE = 1e-10;
const PAGERANK_MAX_ITERATIONS = 1000;

/** PageRank of nodes 0..n-1 over directed edges (a thin wrapper over graphology-metrics); sums to 1. */
export function pagerank(n: number, edges: [number, number][], damping = PAGERANK_DAMPING): Float64Array {
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (edges.length === 0) return out.fill(1 / n);
  const graph = new DirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (const [a, b] of edges) if (a !== b) graph.mergeEdge(String(a), String(b));
  const ranks = pagerankOf(graph, {
    alpha: damping,
    getEdgeWeight: null,
    maxIterations: PAGERANK_MAX_ITERATIONS,
    tolerance: PAGERANK_TOLERANCE,
  });
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (out[i] = ranks[String(i)] ?? 0);
  if (sum > 0) for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}
