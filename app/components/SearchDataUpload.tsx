"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

interface ImportAnswer {
  dataSets: { source: string; kind: string; rowCount: number; startDate: string | null; endDate: string | null }[];
  match: { matchedRows: number; pageRows: number; pagesMatched: number; unmatched: { count: number; examples: { url: string; reason: string }[] } } | null;
}

/** Upload a Search Console export (CSV or .zip), Search Analytics API JSON, or a GA4 landing-page CSV for a site. */
export function SearchDataUpload({ siteId, maxBytes }: { siteId: string; maxBytes: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    setError(null);
    setDone(null);
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose an export file first.");
      return;
    }
    if (file.size > maxBytes) {
      setError(`The file is larger than the ${Math.round(maxBytes / 1048576)} MB this server accepts.`);
      return;
    }
    const params = new URLSearchParams({ fileName: file.name.slice(0, 200) });
    for (const k of ["source", "startDate", "endDate"]) if (form.get(k)) params.set(k, String(form.get(k)));
    setBusy(true);
    try {
      const response = await fetch(`/api/ui/sites/${siteId}/search-data?${params}`, { method: "POST", body: file, headers: { "content-type": file.type || "application/octet-stream" } });
      const body = await response.json();
      if (!response.ok) {
        setError(body?.error?.message ?? `The file could not be imported (HTTP ${response.status})`);
        return;
      }
      const r = body as ImportAnswer;
      const sets = r.dataSets.map((d) => `${d.rowCount} ${d.source === "gsc" ? "Search Console" : "GA4"} rows (${d.kind})`).join(" and ");
      const match = r.match ? ` ${r.match.matchedRows} of ${r.match.pageRows} page rows match ${r.match.pagesMatched} pages of the latest scan; ${r.match.unmatched.count} do not.` : " The next scan matches them to its pages.";
      setDone(`Imported ${sets}.${match}`);
      router.refresh();
    } catch {
      setError("The server did not answer. Is TopicGate still running?");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? "search-upload-error" : done ? "search-upload-done" : undefined} data-testid="search-upload">
      <div className="inline">
        <label className="grow">
          Export file
          <input name="file" type="file" accept=".csv,.json,.zip,text/csv,application/json,application/zip" />
        </label>
        <label>
          Source
          <select name="source" defaultValue="">
            <option value="">Read from the file</option>
            <option value="gsc">Search Console</option>
            <option value="ga4">GA4</option>
          </select>
        </label>
      </div>
      <fieldset className="inline settings">
        <legend>Period (for Search Console CSV tables, which do not carry it)</legend>
        <label>
          First day
          <input name="startDate" type="date" />
        </label>
        <label>
          Last day
          <input name="endDate" type="date" />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Importing…" : "Import search data"}
        </button>
      </fieldset>
      {error && <p id="search-upload-error" className="error" role="alert">{error}</p>}
      {done && <p id="search-upload-done" role="status">{done}</p>}
    </form>
  );
}
