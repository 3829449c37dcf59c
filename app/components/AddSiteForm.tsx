"use client";

import { Cron } from "croner";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Add a site with its crawl settings and an optional recrawl schedule; starts its first scan. */
export function AddSiteForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const url = String(form.get("url") ?? "").trim();
    const cron = String(form.get("cron") ?? "").trim();
    setError(null);
    if (!/^https?:\/\/[^\s/]+/i.test(url)) {
      setError("Enter a full address starting with http:// or https://, for example https://example.com/");
      return;
    }
    if (cron) {
      try {
        new Cron(cron, { paused: true });
      } catch (e) {
        setError(`The recrawl schedule is not a valid cron expression (${(e as Error).message.replace(/^CronPattern: /, "")}). Use five fields: minute hour day month weekday, e.g. 0 6 * * 1.`);
        return;
      }
    }
    const extract: Record<string, string> = {};
    for (const line of String(form.get("extract") ?? "").split("\n").map((l) => l.trim()).filter(Boolean)) {
      const at = line.indexOf("=");
      if (at <= 0) {
        setError(`Extraction rules take one NAME=SELECTOR[@attribute] per line; "${line.slice(0, 60)}" has no name.`);
        return;
      }
      extract[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    setBusy(true);
    try {
      const response = await fetch("/api/ui/sites", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url, maxPages: Number(form.get("maxPages")), maxDepth: Number(form.get("maxDepth")), concurrency: Number(form.get("concurrency")), encoder: form.get("encoder"), render: String(form.get("render") ?? "auto"), ...(Object.keys(extract).length ? { extract } : {}), ...(cron ? { cron } : {}) }),
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
    <form className="add-site" onSubmit={onSubmit} noValidate aria-describedby={error ? "add-site-error" : undefined}>
      <div className="inline">
        <label className="grow">
          Site URL
          <input name="url" type="url" placeholder="https://example.com/" required autoComplete="url" />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Starting…" : "Scan site"}
        </button>
      </div>
      <fieldset className="inline settings">
        <legend>Crawl settings</legend>
        <label>
          Max pages
          <input name="maxPages" type="number" min={1} max={100000} defaultValue={500} />
        </label>
        <label>
          Max depth
          <input name="maxDepth" type="number" min={0} max={100} defaultValue={10} />
        </label>
        <label>
          Concurrency
          <input name="concurrency" type="number" min={1} max={32} defaultValue={4} />
        </label>
        <label>
          Sequence model
          <select name="encoder" defaultValue="lstm">
            <option value="lstm">LSTM</option>
            <option value="gru">GRU</option>
            <option value="none">None (lexical only, fast)</option>
          </select>
        </label>
        <label>
          JavaScript rendering
          <select name="render" defaultValue="auto" aria-describedby="render-help">
            <option value="auto">auto (pages built by scripts)</option>
            <option value="always">always</option>
            <option value="off">off (raw HTML)</option>
          </select>
        </label>
        <p id="render-help" className="muted small help">
          auto renders in headless Chromium the pages whose HTML is an empty application shell; always renders every page.
        </p>
        <label className="grow">
          Extraction rules (optional, one per line)
          <textarea name="extract" rows={2} placeholder={"author=meta[name=author]@content\nprice=.price"} spellCheck={false} aria-describedby="extract-help" />
        </label>
        <p id="extract-help" className="muted small help">
          NAME=CSS selector: the text of the matching elements, or <code>@attribute</code> for an attribute; each rule becomes a column of the pages table.
        </p>
        <label>
          Recrawl schedule (cron, optional)
          <input name="cron" type="text" placeholder="0 6 * * 1" aria-describedby="cron-help" spellCheck={false} />
        </label>
        <p id="cron-help" className="muted small help">
          minute hour day month weekday, e.g. <code>0 6 * * 1</code> = Mondays at 06:00. Each recrawl writes a change report.
        </p>
      </fieldset>
      {error && (
        <p id="add-site-error" role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
