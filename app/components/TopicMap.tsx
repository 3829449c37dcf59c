"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { MapPoint } from "@/lib/db/page-views";
import { topicColor } from "./palette";

/** What the map draws of a page. */
export type MapPointView = Omit<MapPoint, "inlinks">;

const W = 720;
const H = 520;
/** room for the largest dot (radius 11 plus its outline) at the edges of the map */
const PAD = 24;

/**
 * Pages placed in 2-D from their vectors (positions computed once per scan), coloured by topic; core topics drawn
 * solid and outlined, other topics faded. Hover shows the page, click opens its detail.
 */
export function TopicMap({ points, topics, base }: { points: MapPointView[]; topics: { topicKey: number; label: string; isCore: boolean; pageCount: number }[]; base: string }) {
  const router = useRouter();
  const [hover, setHover] = useState<MapPointView | null>(null);
  const [focusTopic, setFocusTopic] = useState<number | null>(null);
  const core = new Set(topics.filter((t) => t.isCore).map((t) => t.topicKey));
  const label = new Map(topics.map((t) => [t.topicKey, t.label]));
  const maxPr = points.reduce((m, p) => Math.max(m, p.pagerank), 1e-9);
  const untopical = points.filter((p) => p.topicKey === null).length;
  const open = (p: MapPointView) => router.push(`${base}/pages/detail?url=${encodeURIComponent(p.url)}`);
  // core topics on top so they are never hidden under the rest
  const ordered = [...points].sort((a, b) => Number(a.topicKey !== null && core.has(a.topicKey)) - Number(b.topicKey !== null && core.has(b.topicKey)));
  return (
    <div className="map-layout">
      <div>
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" className="topic-map" data-testid="topic-map" role="img" aria-label={`Topic map of ${points.length} pages in ${topics.length} topics; pages of the same topic sit together. Use the pages table for a list.`}>
          <rect x="0" y="0" width={W} height={H} fill="var(--panel)" />
          {ordered.map((p) => {
            const isCore = p.topicKey !== null && core.has(p.topicKey);
            const dim = focusTopic !== null && p.topicKey !== focusTopic;
            return (
              <circle
                key={p.url}
                data-url={p.url}
                cx={PAD + p.x * (W - 2 * PAD)}
                cy={PAD + (1 - p.y) * (H - 2 * PAD)}
                r={(isCore ? 5 : 4) + 6 * Math.sqrt(p.pagerank / maxPr)}
                fill={topicColor(p.topicKey)}
                fillOpacity={dim ? 0.08 : isCore ? 0.9 : 0.45}
                stroke={isCore && !dim ? "#17202a" : "none"}
                strokeWidth={1.2}
                className="map-point"
                onMouseEnter={() => setHover(p)}
                onMouseLeave={() => setHover(null)}
                onClick={() => open(p)}
              >
                <title>{`${p.title || p.url} (${p.topicKey === null ? "no topic" : label.get(p.topicKey)})`}</title>
              </circle>
            );
          })}
        </svg>
        <p className="hover-card" aria-live="polite" data-testid="map-hover">
          {hover ? (
            <>
              <strong>{hover.title || hover.url}</strong> · {hover.url} · {hover.topicKey === null ? "no topic" : label.get(hover.topicKey)}
            </>
          ) : (
            "Hover a page to see it; click it to open its detail. Dot size follows internal PageRank."
          )}
        </p>
      </div>
      <aside className="graph-side">
        <h3>Topics</h3>
        <p className="muted small">Outlined, solid dots are core topics. Choose a topic to highlight it.</p>
        <ul className="legend-list" data-testid="map-legend">
          {topics.map((t) => (
            <li key={t.topicKey}>
              <button type="button" className="legend-button" aria-pressed={focusTopic === t.topicKey} onClick={() => setFocusTopic(focusTopic === t.topicKey ? null : t.topicKey)}>
                <span className={`dot${t.isCore ? " core-dot" : ""}`} style={{ background: topicColor(t.topicKey) }} aria-hidden="true" />
                {t.label} <span className="muted">({t.pageCount})</span> {t.isCore && <span className="badge core">core</span>}
              </button>
            </li>
          ))}
          {untopical > 0 && (
            <li className="legend-plain">
              <span className="dot" style={{ background: topicColor(null) }} aria-hidden="true" />
              no topic <span className="muted">({untopical})</span>
            </li>
          )}
        </ul>
      </aside>
    </div>
  );
}
