"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { OVERVIEW_LINK_LIMIT, type GraphPayload } from "@/lib/report/link-graph-view";
import type { default as GraphologyGraph } from "graphology";
import type { default as SigmaRenderer } from "sigma";
import { attachGraphGestures, type GraphGestures } from "./graph-gestures";
import { topicColor } from "./palette";

interface TopicInfo {
  topicKey: number;
  label: string;
  isCore: boolean;
}

type Node = GraphPayload["nodes"][number];
type Filter = { topic: string; orphans: boolean };

const isOrphan = (n: Node) => n[4] === 0 && n[5] === 0;
const nodeShown = (n: Node, f: Filter) => (f.topic === "" || String(n[2]) === f.topic) && (!f.orphans || isOrphan(n));

/** The links drawn for a filter: none among orphans, a topic's own links, every link at the overview when asked. */
function drawnLinks(data: GraphPayload, f: Filter, allLinks: boolean): [number, number][] {
  if (f.orphans) return [];
  if (f.topic !== "") return data.edges.filter(([a, b]) => String(data.nodes[a][2]) === f.topic && String(data.nodes[b][2]) === f.topic);
  return allLinks ? data.edges : [];
}

/**
 * Internal link graph drawn with sigma.js (WebGL) on graphology, loaded in the browser only. Nodes are coloured by
 * topic and sized by internal PageRank; orphans are labelled. Every content link is drawn for sites up to
 * OVERVIEW_LINK_LIMIT links; larger sites draw a topic's links when one is chosen and every link when asked, and move
 * the drawn frame while the user zooms or drags (graph-gestures.ts), so 10,000 pages stay interactive without a GPU.
 */
export function LinkGraph({ scanId, base, topics }: { scanId: string; base: string; topics: TopicInfo[] }) {
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<{ renderer: SigmaRenderer; graph: GraphologyGraph; gestures: GraphGestures; hidden: Set<string> } | null>(null);
  const [data, setData] = useState<GraphPayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [topic, setTopic] = useState("");
  const [orphansOnly, setOrphansOnly] = useState(false);
  const [allLinksAsked, setAllLinksAsked] = useState(false);
  const [hovered, setHovered] = useState<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/ui/scans/${scanId}/graph`)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((d: GraphPayload) => !cancelled && setData(d))
      .catch((e: Error) => !cancelled && setError(`The link graph could not be loaded (${e.message}). Reload the page to try again.`));
    return () => {
      cancelled = true;
    };
  }, [scanId]);

  const orphans = useMemo(() => (data ? data.nodes.map((n, i) => ({ n, i })).filter(({ n }) => isOrphan(n)) : []), [data]);
  const large = (data?.edges.length ?? 0) > OVERVIEW_LINK_LIMIT;
  const allLinks = !large || allLinksAsked;
  const filter = useMemo<Filter>(() => ({ topic, orphans: orphansOnly }), [topic, orphansOnly]);
  const links = useMemo(() => (data ? drawnLinks(data, filter, allLinks) : []), [data, filter, allLinks]);

  useEffect(() => {
    if (!data || !container.current) return;
    let killed = false;
    (async () => {
      const [{ default: Graph }, { default: Sigma, DEFAULT_STYLES }, { pathLine }] = await Promise.all([import("graphology"), import("sigma"), import("sigma/rendering")]);
      if (killed || !container.current) return;
      const graph = new Graph({ type: "directed", multi: false });
      const maxPr = data.nodes.reduce((m, n) => Math.max(m, n[3]), 1e-9);
      data.nodes.forEach((n, i) => {
        const orphan = isOrphan(n);
        graph.addNode(String(i), {
          x: n[6],
          y: 1 - n[7],
          size: 3 + 12 * Math.sqrt(n[3] / maxPr),
          color: topicColor(n[2] < 0 ? null : n[2]),
          label: orphan ? `orphan: ${n[1] || n[0]}` : n[1] || n[0],
          orphan,
        });
      });
      const big = data.edges.length > OVERVIEW_LINK_LIMIT;
      try {
        const renderer = new Sigma(graph, container.current, {
          // one straight path: sigma sizes every link's geometry for the most detailed path declared, and the default
          // self-loop path takes 66 vertices where a line takes 4 (pages never link to themselves here)
          primitives: { edges: { paths: [pathLine()] } },
          // styles rather than reducers: reducers make sigma re-evaluate every node and link whenever the view starts
          // or stops moving (about 200 ms at 10,000 pages), styles only the items whose state changed
          styles: {
            nodes: [DEFAULT_STYLES.nodes, { cursor: "pointer" }, { whenData: { orphan: true }, then: { labelVisibility: "visible" } }],
            edges: [DEFAULT_STYLES.edges, { color: "#c3cad3", size: 0.6 }],
          },
          // sizes in screen pixels: positions are 0-1 map coordinates, so "positions" sizes would cover the whole stage
          settings: { itemSizesReference: "screen", autoRescale: true, labelRenderedSizeThreshold: 9 },
        });
        const gestures = attachGraphGestures(renderer, container.current, !big, (moving) => moving && setHovered(null));
        renderer.on("enterNode", ({ node }) => !gestures.previewing() && setHovered(Number(node)));
        renderer.on("leaveNode", () => setHovered(null));
        renderer.on("clickNode", ({ node }) => !gestures.dragged() && router.push(`${base}/pages/detail?url=${encodeURIComponent(data.nodes[Number(node)][0])}`));
        sigma.current = { renderer, graph, gestures, hidden: new Set() };
        setReady(true);
      } catch (e) {
        setError(`Your browser could not draw the graph with WebGL (${(e as Error).message}). The pages table lists the same links.`);
      }
    })();
    return () => {
      killed = true;
      sigma.current?.gestures.detach();
      sigma.current?.renderer.kill();
      sigma.current = null;
      setReady(false);
    };
  }, [data, base, router]);

  useEffect(() => {
    const s = sigma.current;
    if (!ready || !data || !s) return;
    // only the nodes whose visibility changes: each state change makes sigma re-evaluate that node
    const hidden = new Set<string>();
    data.nodes.forEach((n, i) => !nodeShown(n, filter) && hidden.add(String(i)));
    const show = [...s.hidden].filter((k) => !hidden.has(k));
    const hide = [...hidden].filter((k) => !s.hidden.has(k));
    if (show.length) s.renderer.setNodesState(show, { isHidden: false });
    if (hide.length) s.renderer.setNodesState(hide, { isHidden: true });
    s.hidden = hidden;
    if (s.graph.size || links.length) {
      s.graph.clearEdges();
      for (const [a, b] of links) s.graph.addEdge(String(a), String(b));
    }
    if (container.current) container.current.dataset.ready = "true";
  }, [ready, data, filter, links]);

  const h = hovered !== null && data ? data.nodes[hovered] : null;
  return (
    <div className="graph-layout">
      <div>
        <div className="inline table-controls">
          <label>
            Topic
            <select value={topic} onChange={(e) => setTopic(e.target.value)}>
              <option value="">All topics</option>
              {topics.map((t) => (
                <option key={t.topicKey} value={String(t.topicKey)}>
                  {t.label}
                  {t.isCore ? " (core)" : ""}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={orphansOnly} onChange={(e) => setOrphansOnly(e.target.checked)} /> Orphans only
          </label>
          {large && (
            <label className="checkbox">
              <input type="checkbox" checked={allLinksAsked} onChange={(e) => setAllLinksAsked(e.target.checked)} /> Draw every link
            </label>
          )}
          <span className="muted" data-testid="graph-stats">
            {data ? `${data.nodes.length.toLocaleString("en")} pages · ${data.edges.length.toLocaleString("en")} linked pairs from ${data.contentLinks.toLocaleString("en")} content links · ${orphans.length} orphans` : "Loading the graph…"}
          </span>
        </div>
        <div
          ref={container}
          className="graph-canvas"
          data-testid="link-graph"
          data-links-drawn={links.length}
          role="application"
          tabIndex={0}
          aria-label={`Internal link graph: ${data ? `${data.nodes.length} pages coloured by topic, sized by PageRank, ${orphans.length} orphans` : "loading"}. Plus and minus zoom, arrow keys move, 0 resets; click a page to open it.`}
        >
          {error && (
            <p role="alert" className="error graph-error">
              {error}
            </p>
          )}
        </div>
        {large && (
          <p className="muted small" data-testid="graph-lod">
            {links.length
              ? `Drawing ${links.length.toLocaleString("en")} of ${data?.edges.length.toLocaleString("en")} linked pairs; a zoom or drag moves the drawn picture, and the view is drawn again when it pauses.`
              : orphansOnly
                ? "Orphans have no links to draw."
                : `${data?.edges.length.toLocaleString("en")} linked pairs are too many to draw at a glance: choose a topic to see its links, or draw every link.`}
          </p>
        )}
        <p className="hover-card" aria-live="polite" data-testid="graph-hover">
          {h ? (
            <>
              <strong>{h[1] || h[0]}</strong> · {h[0]} · PageRank {h[3].toFixed(4)} · {h[4]} content inlinks
            </>
          ) : (
            "Hover a page to see it; click it to open its detail."
          )}
        </p>
      </div>
      <aside className="graph-side">
        <h3>Legend</h3>
        <ul className="legend-list">
          {topics.map((t) => (
            <li key={t.topicKey}>
              <span className="dot" style={{ background: topicColor(t.topicKey) }} aria-hidden="true" />
              {t.label} {t.isCore && <span className="badge core">core</span>}
            </li>
          ))}
          <li>
            <span className="dot" style={{ background: topicColor(null) }} aria-hidden="true" />
            no topic
          </li>
        </ul>
        <p className="muted small">Bigger dot = more internal PageRank. Edges are content links (navigation and footer links are left out).</p>
        <p className="muted small">Scroll to zoom, drag to move. With the graph focused: + and − zoom, arrow keys move, 0 resets.</p>
        <h3>Orphan pages ({orphans.length})</h3>
        {orphans.length ? (
          <ul className="orphans" data-testid="orphan-list">
            {orphans.slice(0, 50).map(({ n }) => (
              <li key={n[0]}>
                <Link href={`${base}/pages/detail?url=${encodeURIComponent(n[0])}`}>{n[1] || n[0]}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{data ? "None: every content page has a content link pointing to it." : ""}</p>
        )}
      </aside>
    </div>
  );
}
