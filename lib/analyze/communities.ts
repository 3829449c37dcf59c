import { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import { createRng } from "./random";

/**
 * Link communities: Louvain modularity (Blondel et al. 2008) on the undirected content-link graph,
 * edge weight = number of directions linked (1 or 2), with a seeded rng so reruns agree.
 * Returns the community of each node; isolated nodes get a community of their own.
 */
export function linkCommunities(n: number, edges: [number, number][], seed: number): Int32Array {
  const out = new Int32Array(n);
  const graph = new UndirectedGraph();
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (const [a, b] of edges) {
    if (a === b) continue;
    graph.updateEdge(String(a), String(b), (attr) => ({ ...attr, weight: ((attr.weight as number | undefined) ?? 0) + 1 }));
  }
  if (graph.size === 0) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out;
  }
  const mapping = louvain(graph, { getEdgeWeight: "weight", rng: createRng(seed) });
  // Renumber communities by first appearance so ids are stable and dense.
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = mapping[String(i)];
    let id = ids.get(c);
    if (id === undefined) ids.set(c, (id = ids.size));
    out[i] = id;
  }
  return out;
}
