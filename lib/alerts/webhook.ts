import { Agent, request } from "undici";
import { guardedLookup, isPrivateLiteralHost } from "../crawl/address-guard";
import { AppError } from "../errors";
import { digestLines, type AlertDigest } from "./rules";

/** The digest as a Slack-style incoming-webhook message: `{ text }` in Slack's mrkdwn, read by Slack, Mattermost and others. */
export function digestWebhookPayload(d: AlertDigest): { text: string } {
  const [subject, ...rest] = digestLines(d);
  return { text: [`*${subject}*`, ...rest.map((l) => (l.startsWith("- ") ? `• ${l.slice(2)}` : l))].join("\n") };
}

/** POSTs the digest; throws (so the queue retries) unless the receiver answers 2xx. The target passes the address guard at connect time. */
export async function postDigestWebhook(url: string, d: AlertDigest, opts: { allowPrivate: boolean; timeoutMs: number; userAgent: string }): Promise<number> {
  // a literal IP never reaches the lookup hook: judge it here
  if (!opts.allowPrivate && isPrivateLiteralHost(new URL(url).hostname)) throw new AppError("private_address", `Refusing to post to a private or loopback address: ${url}`);
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(opts.allowPrivate) }, headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs });
  try {
    const res = await request(url, {
      method: "POST",
      dispatcher,
      body: JSON.stringify(digestWebhookPayload(d)),
      headers: { "content-type": "application/json", "user-agent": opts.userAgent },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    await res.body.dump();
    if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`the receiver answered HTTP ${res.statusCode}`);
    return res.statusCode;
  } finally {
    await dispatcher.close();
  }
}
