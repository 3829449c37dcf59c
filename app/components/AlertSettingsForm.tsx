"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

export interface AlertSettingsValue {
  emails: string[];
  webhookUrl: string | null;
  authorityDrop: number | null;
  newErrors: boolean;
  newOffTopic: boolean;
  scanFailed: boolean;
  scheduledOnly: boolean;
  emailConfigured: boolean;
}

/** A site's alert rules and recipients: one digest per scan by email and to a Slack-style webhook. */
export function AlertSettingsForm({ siteId, initial }: { siteId: string; initial: AlertSettingsValue }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const drop = String(f.get("authorityDrop") ?? "").trim();
    const body = {
      emails: String(f.get("emails") ?? "").split(/[\s,;]+/).filter(Boolean),
      webhookUrl: String(f.get("webhookUrl") ?? "").trim() || null,
      authorityDrop: drop ? Number(drop) : null,
      newErrors: f.get("newErrors") === "on",
      newOffTopic: f.get("newOffTopic") === "on",
      scanFailed: f.get("scanFailed") === "on",
      scheduledOnly: f.get("scheduledOnly") === "on",
    };
    const r = await fetch(`/api/ui/sites/${siteId}/alerts`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    if (r?.ok) setMessage({ ok: true, text: "Saved." });
    else setMessage({ ok: false, text: r ? ((await r.json().catch(() => null))?.error?.message ?? `HTTP ${r.status}`) : "The server did not answer." });
    router.refresh();
  }
  return (
    <form onSubmit={save} className="alert-form" data-testid="alert-form" noValidate>
      <label>
        Email to (comma separated)
        <input name="emails" defaultValue={initial.emails.join(", ")} placeholder="seo@example.com" />
      </label>
      {!initial.emailConfigured && <p className="muted small">The server has no mail server yet (TOPICGATE_SMTP_URL): email alerts wait for one.</p>}
      <label>
        Slack-style webhook URL
        <input name="webhookUrl" type="url" defaultValue={initial.webhookUrl ?? ""} placeholder="https://hooks.slack.com/services/..." />
      </label>
      <label>
        Alert when the authority falls by at least (points; empty: never)
        <input name="authorityDrop" type="number" min={0.1} max={100} step={0.1} defaultValue={initial.authorityDrop ?? ""} />
      </label>
      <label>
        <input type="checkbox" name="newErrors" defaultChecked={initial.newErrors} /> new errors
      </label>
      <label>
        <input type="checkbox" name="newOffTopic" defaultChecked={initial.newOffTopic} /> new off-topic pages
      </label>
      <label>
        <input type="checkbox" name="scanFailed" defaultChecked={initial.scanFailed} /> a scan failed
      </label>
      <label>
        <input type="checkbox" name="scheduledOnly" defaultChecked={initial.scheduledOnly} /> only for scheduled scans
      </label>
      <button type="submit">Save alerts</button>
      {message && (
        <p className={message.ok ? "muted" : "error"} role="status">
          {message.text}
        </p>
      )}
    </form>
  );
}
