"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { LineChart } from "./charts";

interface Progress {
  crawl?: { fetched?: number; queued?: number; failed?: number; bytes?: number; pagesPerSecond?: number; elapsedMs?: number; done?: boolean };
  encode?: { tokens?: number; totalTokens?: number; loss?: number; phase?: string; epoch?: number; lossHistory?: number[]; done?: boolean };
  analyze?: { step?: string };
  updatedAt?: string;
}

export interface ScanState {
  id: string;
  status: string;
  progress: Progress;
  error?: string | null;
  maxPages?: number;
  errors?: { url: string; error: string }[];
}

const PHASES = [
  { key: "crawling", label: "Crawl" },
  { key: "encoding", label: "Encode" },
  { key: "analyzing", label: "Analyse" },
  { key: "done", label: "Report" },
] as const;
const ORDER = ["queued", "crawling", "encoding", "analyzing", "done"];
const FINISHED = ["done", "failed", "cancelled"];
const POLL_MS = 1000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

interface Detail {
  counts: string;
  rate: string;
  left: string;
  fraction: number | null;
}

function crawlDetail(s: ScanState): Detail | null {
  const c = s.progress?.crawl;
  if (!c) return null;
  const fetched = c.fetched ?? 0;
  const cap = s.maxPages ?? Infinity;
  const target = Math.max(fetched, Math.min(cap, fetched + (c.queued ?? 0)));
  const rate = c.pagesPerSecond ?? 0;
  return {
    counts: `${fetched} fetched · ${c.queued ?? 0} queued · ${c.failed ?? 0} failed`,
    rate: `${rate.toFixed(1)} pages/s`,
    left: rate > 0 ? `about ${duration((target - fetched) / rate)} left` : "estimating time left",
    fraction: target ? fetched / target : null,
  };
}

/** Token rate from the two latest polls of the same encoder phase. */
function encodeDetail(s: ScanState, rate: number | null): Detail | null {
  const e = s.progress?.encode;
  if (!e) return null;
  const tokens = e.tokens ?? 0;
  const total = e.totalTokens ?? 0;
  return {
    counts: `${e.phase === "encode" ? "encoding pages" : `training${e.epoch !== undefined ? `, epoch ${e.epoch + 1}` : ""}`}: ${Math.round(tokens).toLocaleString("en")} / ${Math.round(total).toLocaleString("en")} tokens${e.loss !== undefined ? ` · loss ${e.loss.toFixed(3)}` : ""}`,
    rate: rate ? `${Math.round(rate).toLocaleString("en")} tokens/s` : "measuring rate",
    left: rate ? `about ${duration((total - tokens) / rate)} left in this step` : "estimating time left",
    fraction: total ? Math.min(1, tokens / total) : null,
  };
}

/** Live phases of a scan: progress bars, counts, rate, time left, the training loss and crawl errors; refreshes the page when the scan ends. */
export function ScanLive({ initial }: { initial: ScanState }) {
  const router = useRouter();
  const [scan, setScan] = useState(initial);
  const [tokenRate, setTokenRate] = useState<number | null>(null);
  const [losses, setLosses] = useState<number[]>(initial.progress?.encode?.lossHistory ?? []);
  const last = useRef<{ t: number; tokens: number; phase?: string } | null>(null);
  const finished = FINISHED.includes(scan.status);

  useEffect(() => {
    if (finished) return;
    let stop = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/ui/scans/${initial.id}`, { cache: "no-store" });
        if (!response.ok || stop) return;
        const next = (await response.json()) as ScanState;
        const e = next.progress?.encode;
        if (e) {
          const now = Date.now();
          const prev = last.current;
          if (prev && prev.phase === e.phase && (e.tokens ?? 0) > prev.tokens) setTokenRate((((e.tokens ?? 0) - prev.tokens) * 1000) / (now - prev.t));
          last.current = { t: now, tokens: e.tokens ?? 0, phase: e.phase };
          // the server keeps the curve; a client that only saw single values still draws what it saw
          setLosses((old) => (e.lossHistory?.length ? e.lossHistory : e.loss !== undefined && e.loss !== old[old.length - 1] ? [...old, e.loss] : old));
        }
        setScan((old) => ({ ...old, ...next, maxPages: next.maxPages ?? old.maxPages }));
        if (FINISHED.includes(next.status)) router.refresh();
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
  const details: Record<string, Detail | null> = {
    crawling: crawlDetail(scan),
    encoding: encodeDetail(scan, tokenRate),
    analyzing: scan.progress?.analyze ? { counts: scan.progress.analyze.step ?? "", rate: "", left: "", fraction: null } : null,
    done: null,
  };
  return (
    <section className={`panel scan-live${finished ? " compact" : ""}`} aria-labelledby="scan-status-h">
      <h2 id="scan-status-h">
        Status: <span className={`status ${scan.status}`} data-testid="scan-status" aria-live="polite">{scan.status}</span>
      </h2>
      {!finished || scan.status !== "done" ? (
        <>
          <div className="phases">
            {PHASES.map((phase) => {
              const idx = ORDER.indexOf(phase.key);
              const state = current > idx || scan.status === "done" ? "complete" : current === idx ? "active" : "";
              const d = details[phase.key];
              const fraction = state === "complete" ? 1 : state === "active" ? (d?.fraction ?? null) : 0;
              return (
                <div key={phase.key} className={`phase ${state}`} data-testid={`phase-${phase.key}`}>
                  <strong>{phase.label}</strong>
                  <div className="phase-counts">{state === "complete" ? "done" : d?.counts || (state === "active" ? "running" : "waiting")}</div>
                  <div className="muted phase-rate">{state === "active" && d ? [d.rate, d.left].filter(Boolean).join(" · ") : " "}</div>
                  <div
                    className={`bar${fraction === null ? " indeterminate" : ""}`}
                    role="progressbar"
                    aria-label={`${phase.label} progress`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
                  >
                    <span style={{ width: fraction === null ? undefined : `${Math.round(fraction * 100)}%` }} />
                  </div>
                </div>
              );
            })}
          </div>
          <div className="live-grid">
            <div className="loss-box" data-testid="loss-chart-box">
              <h3>Training loss</h3>
              {losses.length ? (
                <LineChart series={[{ name: "training loss (cross-entropy, nats/token)", values: losses, color: "#1f5fbf" }]} xLabel="progress report" yLabel="loss" title="Training loss as it falls" height={200} testId="loss-chart" />
              ) : (
                <p className="muted placeholder">The loss curve appears when the encoder starts training, after the crawl.</p>
              )}
            </div>
            <div className="errors-box">
              <h3>Fetch errors</h3>
              {scan.errors?.length ? (
                <ul className="errors" data-testid="crawl-errors">
                  {scan.errors.map((e) => (
                    <li key={e.url}>
                      <code>{e.url}</code>: {e.error}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No fetch error so far.</p>
              )}
            </div>
          </div>
        </>
      ) : null}
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
