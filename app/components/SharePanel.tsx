"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { CopyButton } from "./CopyButton";

interface ShareRow {
  id: string;
  path: string;
  expiresAt: string;
  revokedAt: string | null;
  lastOpenedAt: string | null;
}

const day = (iso: string) => iso.slice(0, 16).replace("T", " ");

/** Downloads of the report (HTML, PDF, XLSX) and read-only share links with an expiry, each revocable. */
export function SharePanel({ scanId, shares, publicUrl }: { scanId: string; shares: ShareRow[]; publicUrl: string | null }) {
  const router = useRouter();
  const [origin, setOrigin] = useState(publicUrl ?? "");
  const [days, setDays] = useState(7);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setOrigin(publicUrl ?? window.location.origin), [publicUrl]);
  const files = `/api/ui/scans/${scanId}/files`;

  async function create() {
    setError(null);
    const r = await fetch(`/api/ui/scans/${scanId}/shares`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ expiresInDays: days }) }).catch(() => null);
    if (!r?.ok) setError(r ? ((await r.json().catch(() => null))?.error?.message ?? `HTTP ${r.status}`) : "The server did not answer.");
    router.refresh();
  }
  async function revoke(id: string) {
    if (!window.confirm("Revoke this link? Anyone who has it will no longer open the report.")) return;
    const r = await fetch(`/api/ui/shares/${id}`, { method: "DELETE" }).catch(() => null);
    if (!r?.ok) setError(r ? `HTTP ${r.status}` : "The server did not answer.");
    router.refresh();
  }
  const now = Date.now();
  return (
    <section className="panel" aria-labelledby="share-h" data-testid="share-panel">
      <h2 id="share-h">Share and download</h2>
      <p className="inline table-controls">
        <a className="button-link" href={`${files}?format=html`} download>
          Report (HTML, one file)
        </a>
        <a className="button-link" href={`${files}?format=pdf`} download>
          Report (PDF)
        </a>
        <a className="button-link" href={`${files}?format=xlsx`} download>
          Every table (XLSX)
        </a>
      </p>
      <div className="inline table-controls">
        <label>
          Read-only link valid for (days)
          <input type="number" min={1} max={90} value={days} onChange={(e) => setDays(Number(e.target.value))} />
        </label>
        <button type="button" onClick={create}>
          Create share link
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {shares.length > 0 && (
        <ul className="share-list" data-testid="share-links">
          {shares.map((s) => {
            const state = s.revokedAt ? `revoked ${day(s.revokedAt)}` : Date.parse(s.expiresAt) <= now ? "expired" : `until ${day(s.expiresAt)} UTC`;
            const live = !s.revokedAt && Date.parse(s.expiresAt) > now;
            return (
              <li key={s.id}>
                {live ? <a href={s.path}>{origin + s.path}</a> : <span className="muted">{origin + s.path}</span>} <span className="muted">{state}{s.lastOpenedAt ? `, last opened ${day(s.lastOpenedAt)}` : ""}</span>{" "}
                {live && (
                  <>
                    <CopyButton text={origin + s.path} label="Copy the share link" />
                    <button type="button" className="small-button" onClick={() => revoke(s.id)}>
                      Revoke
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
