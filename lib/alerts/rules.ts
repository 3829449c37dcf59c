import type { Severity } from "../issues/types";

/**
 * Which scans alert and what they say: one digest per scan, holding every rule that fired, so a bad night sends one
 * message, not one per finding. Pure: the scan's outcome in, the digest (or nothing) out.
 */

export interface AlertRules {
  /** points of authority lost against the previous finished scan that alert; null: off */
  authorityDrop: number | null;
  newErrors: boolean;
  newOffTopic: boolean;
  scanFailed: boolean;
  scheduledOnly: boolean;
}

export interface NewIssue {
  code: string;
  severity: Severity;
  title: string;
  pageUrl: string | null;
  key: string;
  detail: string | null;
}

export interface AlertContext {
  site: { id: string; url: string; name: string };
  scan: { id: string; status: string; trigger: string; error: string | null; finishedAt: string | null };
  /** null when there is no previous finished scan (a first scan is the baseline: nothing is "new") */
  previous: { scanId: string; authority: number | null } | null;
  authority: number | null;
  /** issues this scan found and the previous did not, without the ones people ignored */
  newIssues: NewIssue[];
  /** absolute links into TopicGate, when its public address is configured */
  links: { report?: string; issues?: string; changes?: string };
}

export type AlertRule = "scan_failed" | "authority_drop" | "new_errors" | "new_off_topic";

export interface DigestSection {
  rule: AlertRule;
  headline: string;
  items: string[];
}

export interface AlertDigest {
  subject: string;
  siteUrl: string;
  scanId: string;
  sections: DigestSection[];
  links: AlertContext["links"];
}

/** Items listed per section; the rest are counted ("and N more"). */
export const DIGEST_ITEMS = 10;

const describe = (i: NewIssue) => `${i.title}: ${i.pageUrl ?? i.key}${i.detail ? ` (${i.detail})` : ""}`;

export function evaluateAlerts(rules: AlertRules, ctx: AlertContext): AlertDigest | null {
  if (rules.scheduledOnly && ctx.scan.trigger !== "schedule") return null;
  const sections: DigestSection[] = [];
  if (ctx.scan.status === "failed") {
    if (rules.scanFailed) sections.push({ rule: "scan_failed", headline: `The scan failed: ${ctx.scan.error ?? "no reason recorded"}`, items: [] });
  } else if (ctx.scan.status === "done" && ctx.previous) {
    const before = ctx.previous.authority;
    if (rules.authorityDrop !== null && before !== null && ctx.authority !== null && before - ctx.authority >= rules.authorityDrop) {
      sections.push({ rule: "authority_drop", headline: `Topical Authority fell from ${before.toFixed(1)} to ${ctx.authority.toFixed(1)} (${(ctx.authority - before).toFixed(1)} points)`, items: [] });
    }
    const errors = ctx.newIssues.filter((i) => i.severity === "error");
    if (rules.newErrors && errors.length) sections.push({ rule: "new_errors", headline: `${errors.length} new error(s)`, items: errors.map(describe) });
    const offTopic = ctx.newIssues.filter((i) => i.code === "off_topic_page");
    if (rules.newOffTopic && offTopic.length) sections.push({ rule: "new_off_topic", headline: `${offTopic.length} new off-topic page(s)`, items: offTopic.map((i) => i.pageUrl ?? i.key) });
  }
  if (!sections.length) return null;
  const what = sections.map((s) => (s.rule === "scan_failed" ? "scan failed" : s.rule === "authority_drop" ? "authority fell" : s.rule === "new_errors" ? "new errors" : "new off-topic pages")).join(", ");
  return { subject: `TopicGate: ${ctx.site.name}: ${what}`, siteUrl: ctx.site.url, scanId: ctx.scan.id, sections, links: ctx.links };
}

/** The digest as plain text lines (email body, Slack text): each section with its first items. */
export function digestLines(d: AlertDigest): string[] {
  const lines = [`${d.subject}`, `Site ${d.siteUrl}, scan ${d.scanId}.`];
  for (const s of d.sections) {
    lines.push("", s.headline);
    for (const item of s.items.slice(0, DIGEST_ITEMS)) lines.push(`- ${item}`);
    if (s.items.length > DIGEST_ITEMS) lines.push(`- and ${s.items.length - DIGEST_ITEMS} more`);
  }
  const links = Object.entries(d.links).filter(([, v]) => v);
  if (links.length) lines.push("", ...links.map(([k, v]) => `${k}: ${v}`));
  return lines;
}
