"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

interface ScanState {
  id: string;
  status: string;
  progress: {
    crawl?: { fetched?: number; queued?: number; failed?: number; bytes?: number; pagesPerSecond?: number };
    encode?: { tokens?: number; totalTokens?: number; loss?: number; phase?: string };
    analyze?: { step?: string };
  };
  error?: string | null;
}

const PHASES = [
  { key: "crawling", label: "Crawl" },
  { key: "encoding", label: "Encode" },
  { key: "analyzing", label: "Analyse" },
  { key: "done", label: "Report" },
] as const;
const ORDER = ["queued", "crawling", "encoding", "analyzing", "done"];
const POLL_MS = 1000;

function phaseDetail(key: string, s: ScanState): { text: string; fraction: number | null } {
  const p = s.progress ?? {};
  if (key === "crawling" && p.crawl) {
    const done = p.crawl.fetched ?? 0;
    const total = done + (p.crawl.queued ?? 0);
    return { text: `${done} fetched, ${p.crawl.queued ?? 0} queued, ${p.crawl.failed ?? 0} failed · ${(p.crawl.pagesPerSecond ?? 0).toFixed(1)} pages/s`, fraction: total ? done / total : null };
  }
  if (key === "encoding" && p.encode) {
    const frac = p.encode.totalTokens ? (p.encode.tokens ?? 0) / p.encode.totalTokens : null;
    return { text: `${p.encode.phase ?? "train"}: ${p.encode.tokens ?? 0} / ${p.encode.totalTokens ?? "?"} tokens${p.encode.loss !== undefined ? ` · loss ${p.encode.loss.toFixed(3)}` : ""}`, fraction: frac };
  }
  if (key === "analyzing" && p.analyze) return { text: p.analyze.step ?? "", fraction: null };
  return { text: "", fraction: null };
}

/** Live phase and progress of a scan; refreshes the page when the scan finishes. */
export function ScanLive({ initial }: { initial: ScanState }) {
  const router = useRouter();
  const [scan, setScan] = useState(initial);
  const finished = ["done", "failed", "cancelled"].includes(scan.status);

  useEffect(() => {
    if (finished) return;
    let stop = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/ui/scans/${initial.id}`, { cache: "no-store" });
        if (!response.ok || stop) return;
        const next = (await response.json()) as ScanState;
        setScan(next);
        if (["done", "failed", "cancelled"].includes(next.status)) router.refresh();
      } catch {
        /* the next poll tries again */
      }
    }, POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [finished, initial.id, router]);

  async function cancel() {
    const response = await fetch(`/api/ui/scans/${initial.id}`, { method: "DELETE" });
    if (response.ok) setScan({ ...scan, status: "cancelled" });
  }

  const current = ORDER.indexOf(scan.status);
  return (
    <section className="panel" aria-live="polite">
      <h2>
        Status: <span className={`status ${scan.status}`} data-testid="scan-status">{scan.status}</span>
      </h2>
      <div className="phases">
        {PHASES.map((phase) => {
          const idx = ORDER.indexOf(phase.key);
          const state = current > idx || scan.status === "done" ? "complete" : current === idx ? "active" : "";
          const detail = phaseDetail(phase.key, scan);
          const fraction = state === "complete" ? 1 : detail.fraction;
          return (
            <div key={phase.key} className={`phase ${state}`} data-testid={`phase-${phase.key}`}>
              <strong>{phase.label}</strong>
              <div className="muted">{state === "complete" ? "done" : detail.text || (state === "active" ? "running" : "waiting")}</div>
              <div className="bar" role="progressbar" aria-label={`${phase.label} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((fraction ?? 0) * 100)}>
                <span style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
              </div>
            </div>
          );
        })}
      </div>
      {scan.error && (
        <p role="alert" className="error">
          {scan.error}
        </p>
      )}
      {!finished && (
        <p>
          <button type="button" className="secondary" onClick={cancel}>
            Cancel scan
          </button>
        </p>
      )}
    </section>
  );
}
