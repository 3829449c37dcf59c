"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const when = (iso: string | null) => (iso ? iso.slice(0, 16).replace("T", " ") : "never");

/** Create (the key is shown once), list and revoke API keys. */
export function ApiKeys({ initial }: { initial: KeyRow[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    setError(null);
    if (!name) return setError("Give the key a name, for example the tool that will use it.");
    setBusy(true);
    try {
      const response = await fetch("/api/ui/keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
      const body = await response.json();
      if (!response.ok) return setError(body?.error?.message ?? `The key could not be created (HTTP ${response.status})`);
      setCreated({ name: body.name, key: body.key });
      form.reset();
      router.refresh();
    } catch {
      setError("The server did not answer. Is TopicGate still running?");
    } finally {
      setBusy(false);
    }
  }

  async function revoke(row: KeyRow) {
    if (!window.confirm(`Revoke the key "${row.name}"? Requests with it will be refused.`)) return;
    const response = await fetch(`/api/ui/keys/${row.id}`, { method: "DELETE" });
    if (!response.ok) setError(`The key could not be revoked (HTTP ${response.status})`);
    router.refresh();
  }

  return (
    <>
      <section className="panel">
        <h2>Create a key</h2>
        <form className="inline" onSubmit={create} noValidate>
          <label>
            Name
            <input name="name" placeholder="CI pipeline" maxLength={100} required />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create key"}
          </button>
        </form>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {created && (
          <div role="status" className="panel">
            <p>
              Key <strong>{created.name}</strong> created. Copy it now: it will not be shown again.
            </p>
            <code data-testid="new-key">{created.key}</code>
          </div>
        )}
      </section>
      <section className="panel">
        <h2>Keys</h2>
        {initial.length === 0 ? (
          <p className="muted">No API key yet.</p>
        ) : (
          <table data-testid="keys-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {initial.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{when(k.createdAt)}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>{k.revokedAt ? <span className="status failed">revoked</span> : <span className="status done">active</span>}</td>
                  <td>
                    {!k.revokedAt && (
                      <button type="button" className="secondary" onClick={() => revoke(k)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
