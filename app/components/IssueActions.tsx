"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Status = "open" | "ignored" | "resolved";

const ACTIONS: { to: Status; label: string }[] = [
  { to: "ignored", label: "Ignore" },
  { to: "resolved", label: "Mark resolved" },
  { to: "open", label: "Reopen" },
];

/**
 * Status buttons for an issue on one page (pageUrl or key) or, without either, on every page of its code. The status is
 * kept for the site: later scans show it too (a resolved issue found again comes back open).
 */
export function IssueActions({ siteId, code, pageUrl, itemKey, status, label }: { siteId: string; code: string; pageUrl?: string; itemKey?: string; status: Status; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function set(to: Status) {
    setBusy(true);
    setError(null);
    try {
      const r = await fetch(`/api/ui/sites/${siteId}/issues`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code, ...(pageUrl ? { pageUrl } : itemKey ? { key: itemKey } : {}), status: to }),
      });
      if (!r.ok) setError((await r.json().catch(() => null))?.error?.message ?? `HTTP ${r.status}`);
      router.refresh();
    } catch {
      setError("The server did not answer.");
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="issue-actions">
      {ACTIONS.filter((a) => a.to !== status).map((a) => (
        <button key={a.to} type="button" className="small-button" disabled={busy} onClick={() => set(a.to)} aria-label={`${a.label}: ${label}`}>
          {a.label}
        </button>
      ))}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
