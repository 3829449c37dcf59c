import { AppError } from "../errors";
import { guardedAddress } from "./address-check";
import { digestLines, type AlertDigest } from "./rules";

export interface SmtpSettings {
  /** smtp://user:password@host:587 or smtps://user:password@host:465 */
  url: string;
  from: string;
  allowPrivate: boolean;
  timeoutMs: number;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** The digest as an email: a plain-text body and the same in simple HTML. */
export function digestEmail(d: AlertDigest): { subject: string; text: string; html: string } {
  const lines = digestLines(d);
  const html = lines
    .slice(1)
    .map((l) => (l.startsWith("- ") ? `<li>${escapeHtml(l.slice(2))}</li>` : l ? `<p>${escapeHtml(l)}</p>` : ""))
    .join("\n")
    .replace(/(<li>[\s\S]*?<\/li>\n?)+/g, (items) => `<ul>${items}</ul>`);
  return { subject: d.subject, text: lines.slice(1).join("\n") + "\n", html: `<!doctype html><html><body style="font-family:sans-serif">${html}</body></html>` };
}

/** Sends the digest to the recipients through the configured SMTP server (nodemailer), at an address the guard allows. */
export async function sendDigestEmail(smtp: SmtpSettings, to: string[], d: AlertDigest): Promise<void> {
  const url = new URL(smtp.url);
  const host = url.hostname;
  const address = await guardedAddress(host, smtp.allowPrivate);
  const secure = url.protocol === "smtps:";
  // loaded when mail is sent: every worker and CLI start would pay for it otherwise
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({
    host: address,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    // the certificate names the host, not the address we connect to
    tls: { servername: host },
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
  });
  try {
    const mail = digestEmail(d);
    const info = await transport.sendMail({ from: smtp.from, to, subject: mail.subject, text: mail.text, html: mail.html });
    if (info.rejected.length) throw new AppError("unreachable", `The mail server refused ${info.rejected.join(", ")}`);
  } finally {
    transport.close();
  }
}
