"use client";

import { useState } from "react";

/** Email and password posted as JSON to a sign-in route (login, first-run setup); then the dashboard opens. */
export function CredentialsForm({ action, submit, token, next, newPassword }: { action: string; submit: string; token?: string; next?: string; newPassword?: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setBusy(true);
    try {
      const body = { email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? ""), ...(token ? { token } : {}) };
      const response = await fetch(action, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) {
        const answer = await response.json().catch(() => null);
        return setError(answer?.error?.message ?? `HTTP ${response.status}`);
      }
      // after setup the owner signs in with what they just chose
      if (token) {
        const signedIn = await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: body.email, password: body.password }) });
        if (!signedIn.ok) return window.location.assign("/login");
      }
      window.location.assign(next && next.startsWith("/") && !next.startsWith("//") ? next : "/");
    } catch {
      setError("The server did not answer. Is TopicGate still running?");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel credentials" onSubmit={onSubmit} aria-describedby={error ? "credentials-error" : undefined}>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required maxLength={254} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete={newPassword ? "new-password" : "current-password"} required minLength={newPassword ? 8 : 1} maxLength={256} />
      </label>
      <button type="submit" disabled={busy}>
        {submit}
      </button>
      {error && (
        <p id="credentials-error" role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
