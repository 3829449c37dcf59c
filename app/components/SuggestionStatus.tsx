"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

const STATUSES = ["pending", "approved", "rejected", "applied"] as const;

/** A suggestion's status, kept for the site: approve before anyone edits the page; the next crawl marks it applied. */
export function SuggestionStatus({ scanId, suggestionId, status, label }: { scanId: string; suggestionId: string; status: (typeof STATUSES)[number]; label: string }) {
  const router = useRouter();
  const [value, setValue] = useState(status);
  const [error, setError] = useState<string | null>(null);
  async function change(next: (typeof STATUSES)[number]) {
    setValue(next);
    setError(null);
    const r = await fetch(`/api/ui/scans/${scanId}/suggestions/${suggestionId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: next }) }).catch(() => null);
    if (!r?.ok) {
      setValue(status);
      setError(r ? `HTTP ${r.status}` : "The server did not answer.");
    }
    router.refresh();
  }
  return (
    <>
      <select value={value} onChange={(e) => change(e.target.value as (typeof STATUSES)[number])} aria-label={`Status of ${label}`} data-status={value}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
