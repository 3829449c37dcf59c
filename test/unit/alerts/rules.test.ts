import { describe, expect, it } from "vitest";
import { guardedAddress } from "@/lib/alerts/address-check";
import { digestEmail } from "@/lib/alerts/email";
import { evaluateAlerts, type AlertContext, type AlertRules } from "@/lib/alerts/rules";
import { digestWebhookPayload } from "@/lib/alerts/webhook";

const RULES: AlertRules = { authorityDrop: 5, newErrors: true, newOffTopic: true, scanFailed: true, scheduledOnly: true };
const issue = (code: string, severity: "error" | "warning" | "notice", page: string) => ({ code, severity, title: code.replace(/_/g, " "), pageUrl: page, key: page, detail: null });

function ctx(over: Partial<AlertContext> = {}): AlertContext {
  return {
    site: { id: "s1", url: "https://site.test/", name: "site.test" },
    scan: { id: "scan2", status: "done", trigger: "schedule", error: null, finishedAt: "2026-01-02T03:00:00Z" },
    previous: { scanId: "scan1", authority: 70 },
    authority: 62,
    newIssues: [issue("broken_link", "error", "https://site.test/a"), issue("off_topic_page", "warning", "https://site.test/casino"), issue("thin_page", "warning", "https://site.test/b")],
    links: {},
    ...over,
  };
}

describe("alert rules", () => {
  it("puts every rule that fired into one digest: authority drop, new errors, new off-topic pages", () => {
    const d = evaluateAlerts(RULES, ctx())!;
    expect(d.sections.map((s) => s.rule)).toEqual(["authority_drop", "new_errors", "new_off_topic"]);
    expect(d.subject).toBe("TopicGate: site.test: authority fell, new errors, new off-topic pages");
    expect(d.sections[0].headline).toBe("Topical Authority fell from 70.0 to 62.0 (-8.0 points)");
    expect(d.sections[1].items).toEqual(["broken link: https://site.test/a"]);
    expect(d.sections[2].items).toEqual(["https://site.test/casino"]);
  });

  it("stays silent below the drop threshold, on manual scans when only scheduled ones alert, and on a first scan", () => {
    expect(evaluateAlerts({ ...RULES, newErrors: false, newOffTopic: false }, ctx({ authority: 66 }))).toBeNull();
    expect(evaluateAlerts(RULES, ctx({ scan: { ...ctx().scan, trigger: "manual" } }))).toBeNull();
    expect(evaluateAlerts({ ...RULES, scheduledOnly: false }, ctx({ scan: { ...ctx().scan, trigger: "manual" } }))).not.toBeNull();
    expect(evaluateAlerts(RULES, ctx({ previous: null }))).toBeNull();
  });

  it("reports a failed scheduled scan with its error", () => {
    const d = evaluateAlerts(RULES, ctx({ scan: { ...ctx().scan, status: "failed", error: "The site is unreachable" }, authority: null }))!;
    expect(d.sections).toEqual([{ rule: "scan_failed", headline: "The scan failed: The site is unreachable", items: [] }]);
    expect(evaluateAlerts({ ...RULES, scanFailed: false }, ctx({ scan: { ...ctx().scan, status: "failed", error: "x" } }))).toBeNull();
  });

  it("lists at most ten items per section in the email and the Slack message, and counts the rest", () => {
    const many = Array.from({ length: 14 }, (_, i) => issue("broken_link", "error", `https://site.test/p${i}`));
    const d = evaluateAlerts(RULES, ctx({ newIssues: many, links: { report: "https://audit.test/scans/scan2" } }))!;
    const mail = digestEmail(d);
    expect(mail.text).toContain("- broken link: https://site.test/p9\n- and 4 more");
    expect(mail.text).not.toContain("/p10");
    expect(mail.html).toContain("<li>and 4 more</li>");
    expect(mail.text).toContain("report: https://audit.test/scans/scan2");
    expect(digestWebhookPayload(d).text).toMatch(/^\*TopicGate: site\.test: authority fell, new errors\*\n/);
  });

  it("refuses to send mail to a private or loopback mail server unless private hosts are allowed", async () => {
    await expect(guardedAddress("127.0.0.1", false)).rejects.toThrow(/private or loopback/);
    await expect(guardedAddress("localhost", false)).rejects.toThrow(/private or loopback/);
    expect(await guardedAddress("127.0.0.1", true)).toBe("127.0.0.1");
  });
});
