"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export function AddSiteForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const url = String(form.get("url") ?? "").trim();
    const maxPages = Number(form.get("maxPages"));
    const maxDepth = Number(form.get("maxDepth"));
    setError(null);
    if (!/^https?:\/\/[^\s/]+/i.test(url)) {
      setError("Enter a full address starting with http:// or https://, for example https://example.com/");
      return;
    }
    setBusy(true);
    try {
      const response = await fetch("/api/ui/scans", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url, maxPages, maxDepth }),
      });
      const body = await response.json();
      if (!response.ok) {
        setError(body?.error?.message ?? `The scan could not be started (HTTP ${response.status})`);
        return;
      }
      router.push(`/scans/${body.id}`);
    } catch {
      setError("The server did not answer. Is TopicGate still running?");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline" onSubmit={onSubmit} noValidate aria-describedby={error ? "add-site-error" : undefined}>
      <label>
        Site URL
        <input name="url" type="url" placeholder="https://example.com/" required autoComplete="url" />
      </label>
      <label>
        Max pages
        <input name="maxPages" type="number" min={1} max={100000} defaultValue={500} />
      </label>
      <label>
        Max depth
        <input name="maxDepth" type="number" min={0} max={100} defaultValue={10} />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Starting…" : "Scan site"}
      </button>
      {error && (
        <p id="add-site-error" role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
