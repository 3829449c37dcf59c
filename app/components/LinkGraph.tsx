"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import type { GraphPayload } from "@/lib/report/link-graph-view";
import { topicColor } from "./palette";

interface TopicInfo {
  topicKey: number;
  label: string;
  isCore: boolean;
}

type SigmaInstance = { kill(): void; refresh(): void; setSetting(k: string, v: unknown): void };

/**
 * Internal link graph drawn with sigma.js (WebGL) on graphology, loaded in the browser only: 10,000 pages and their
 * content links stay interactive. Nodes are coloured by topic and sized by internal PageRank; orphans are labelled.
 */
export function LinkGraph({ scanId, base, topics }: { scanId: string; base: string; topics: TopicInfo[] }) {
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const sigma = useRef<SigmaInstance | null>(null);
  const filterRef = useRef<{ topic: string; orphans: boolean }>({ topic: "", orphans: false });
  const [data, setData] = useState<GraphPayload | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [topic, setTopic] = useState("");
  const [orphansOnly, setOrphansOnly] = useState(false);
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

  const orphans = useMemo(() => (data ? data.nodes.map((n, i) => ({ n, i })).filter(({ n }) => n[4] === 0 && n[5] === 0) : []), [data]);

  useEffect(() => {
    if (!data || !container.current) return;
    let killed = false;
    (async () => {
      const [{ default: Graph }, { default: Sigma }] = await Promise.all([import("graphology"), import("sigma")]);
      if (killed || !container.current) return;
      const graph = new Graph({ type: "directed", multi: false });
      const maxPr = Math.max(1e-9, ...data.nodes.map((n) => n[3]));
      data.nodes.forEach((n, i) => {
        const orphan = n[4] === 0 && n[5] === 0;
        graph.addNode(String(i), {
          x: n[6],
          y: 1 - n[7],
          size: 3 + 12 * Math.sqrt(n[3] / maxPr),
          color: topicColor(n[2] < 0 ? null : n[2]),
          label: orphan ? `orphan: ${n[1] || n[0]}` : n[1] || n[0],
          topic: n[2],
          orphan,
        });
      });
      for (const [a, b] of data.edges) graph.addEdge(String(a), String(b), { color: "#c3cad3", size: 0.6 });
      try {
        const renderer = new Sigma(graph, container.current, {
          // sizes in screen pixels: positions are 0-1 map coordinates, so "positions" sizes would cover the whole stage
          settings: { itemSizesReference: "screen", autoRescale: true, labelRenderedSizeThreshold: 9, hideEdgesOnMove: data.edges.length > 20000 },
          nodeReducer: (node) => {
            const f = filterRef.current;
            const hide = (f.topic !== "" && String(graph.getNodeAttribute(node, "topic")) !== f.topic) || (f.orphans && !graph.getNodeAttribute(node, "orphan"));
            if (hide) return { visibility: "hidden" };
            return graph.getNodeAttribute(node, "orphan") ? { labelVisibility: "visible", cursor: "pointer" } : { cursor: "pointer" };
          },
          edgeReducer: (edge) => {
            const f = filterRef.current;
            if (f.orphans) return { visibility: "hidden" };
            if (f.topic === "") return {};
            const [s, t] = graph.extremities(edge);
            const keep = String(graph.getNodeAttribute(s, "topic")) === f.topic && String(graph.getNodeAttribute(t, "topic")) === f.topic;
            return keep ? {} : { visibility: "hidden" };
          },
        });
        renderer.on("enterNode", ({ node }) => setHovered(Number(node)));
        renderer.on("leaveNode", () => setHovered(null));
        renderer.on("clickNode", ({ node }) => router.push(`${base}/pages/detail?url=${encodeURIComponent(data.nodes[Number(node)][0])}`));
        sigma.current = renderer as unknown as SigmaInstance;
        container.current.dataset.ready = "true";
      } catch (e) {
        setError(`Your browser could not draw the graph with WebGL (${(e as Error).message}). The pages table lists the same links.`);
      }
    })();
    return () => {
      killed = true;
      sigma.current?.kill();
      sigma.current = null;
    };
  }, [data, base, router]);

  useEffect(() => {
    filterRef.current = { topic, orphans: orphansOnly };
    sigma.current?.refresh();
  }, [topic, orphansOnly]);

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
          <span className="muted" data-testid="graph-stats">
            {data ? `${data.nodes.length.toLocaleString("en")} pages · ${data.edges.length.toLocaleString("en")} linked pairs from ${data.contentLinks.toLocaleString("en")} content links · ${orphans.length} orphans` : "Loading the graph…"}
          </span>
        </div>
        <div
          ref={container}
          className="graph-canvas"
          data-testid="link-graph"
          role="img"
          aria-label={`Internal link graph: ${data ? `${data.nodes.length} pages coloured by topic, sized by PageRank, ${orphans.length} orphans` : "loading"}. Click a page to open it.`}
        >
          {error && (
            <p role="alert" className="error graph-error">
              {error}
            </p>
          )}
        </div>
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
