/**
 * The link graph as the dashboard draws it: one node per analysed page, one edge per distinct content link
 * (source, target), compact so 10,000 pages and their links travel as one small JSON document.
 */

/**
 * Above this many distinct links the dashboard's overview draws the pages alone, and links only for the chosen topic
 * or on request. Measured in headless Chromium with software WebGL (SwiftShader, no GPU): sigma draws every node and
 * link as one instance, at about 10 µs each per frame, so 30,000 links add about 0.4 s to every frame and 5,000 about
 * 50 ms (bench:dashboard shows the whole view).
 */
export const OVERVIEW_LINK_LIMIT = 5_000;

export interface GraphPayload {
  /** url, title, topic key (-1 none), PageRank, content inlinks, utility (1/0), x, y (0-1) */
  nodes: [string, string, number, number, number, number, number, number][];
  /** index pairs into nodes, each distinct content link once */
  edges: [number, number][];
  contentLinks: number;
}

export function linkGraphPayload(
  nodes: { url: string; title: string | null; topicKey: number | null; pagerank: number; inlinks: number; isUtility: boolean; x: number | null; y: number | null }[],
  links: { fromUrl: string; toUrl: string }[],
): GraphPayload {
  const index = new Map(nodes.map((n, i) => [n.url, i]));
  const seen = new Set<number>();
  const edges: [number, number][] = [];
  const n = nodes.length;
  for (const l of links) {
    const a = index.get(l.fromUrl);
    const b = index.get(l.toUrl);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([a, b]);
  }
  return {
    contentLinks: links.length,
    edges,
    nodes: nodes.map((p, i) => {
      // pages without a map position go on a circle around the map so they stay visible
      const angle = (2 * Math.PI * i) / Math.max(1, n);
      const x = p.x ?? 0.5 + 0.6 * Math.cos(angle);
      const y = p.y ?? 0.5 + 0.6 * Math.sin(angle);
      return [p.url, p.title ?? "", p.topicKey ?? -1, p.pagerank, p.inlinks, p.isUtility ? 1 : 0, round(x), round(y)];
    }),
  };
}

function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
