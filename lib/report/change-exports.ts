import type { ChangeReport } from "./change-report";

export const CHANGE_TABLES = ["pages", "statuses", "topics", "moves", "links", "scores", "search", "issues"] as const;
export type ChangeTable = (typeof CHANGE_TABLES)[number];

type Row = Record<string, string | number | boolean | null>;

/** The rows of one change-report table, flat, for CSV and JSON exports. */
export function changeReportTable(r: ChangeReport, table: ChangeTable): Row[] {
  switch (table) {
    case "pages":
      return [
        ...r.pagesAdded.map((url) => ({ url, change: "added" })),
        ...r.pagesRemoved.map((url) => ({ url, change: "removed" })),
        ...r.pagesChanged.map((url) => ({ url, change: "changed" })),
        ...r.newOffTopic.map((url) => ({ url, change: "new off-topic" })),
        ...r.newOrphans.map((url) => ({ url, change: "new orphan" })),
      ];
    case "statuses":
      return r.statusChanges.map((c) => ({ url: c.url, from: c.from, to: c.to }));
    case "topics": {
      const d = r.topicDrift;
      const ids = (xs: { topicId: number }[]) => xs.map((x) => x.topicId).join(" ");
      const labels = (xs: { label: string }[]) => xs.map((x) => x.label).join("; ");
      return [
        ...d.matched.map((m) => ({ event: "matched", previousTopicIds: String(m.previousTopicId), previousLabels: m.previousLabel, topicIds: String(m.topicId), labels: m.label })),
        ...d.appeared.map((t) => ({ event: "appeared", previousTopicIds: "", previousLabels: "", topicIds: String(t.topicId), labels: t.label })),
        ...d.vanished.map((t) => ({ event: "vanished", previousTopicIds: String(t.topicId), previousLabels: t.label, topicIds: "", labels: "" })),
        ...d.split.map((s) => ({ event: "split", previousTopicIds: String(s.previousTopicId), previousLabels: s.previousLabel, topicIds: ids(s.into), labels: labels(s.into) })),
        ...d.merged.map((m) => ({ event: "merged", previousTopicIds: ids(m.from), previousLabels: labels(m.from), topicIds: String(m.topicId), labels: m.label })),
      ];
    }
    case "moves":
      return r.topicDrift.movedPages.map((m) => ({ url: m.url, fromTopicId: m.fromTopicId, fromTopic: m.fromLabel, toTopicId: m.toTopicId, toTopic: m.toLabel }));
    case "links":
      return [...r.linksLost.map((l) => ({ ...l, change: "lost" })), ...r.linksGained.map((l) => ({ ...l, change: "gained" }))];
    case "issues":
      return [
        ...(r.issuesNew ?? []).map((i) => ({ change: "new", code: i.code, severity: i.severity, title: i.title, pageUrl: i.pageUrl, key: i.key, detail: i.detail })),
        ...(r.issuesResolved ?? []).map((i) => ({ change: "resolved", code: i.code, severity: i.severity, title: i.title, pageUrl: i.pageUrl, key: i.key, detail: i.detail })),
      ];
    case "scores":
      return Object.entries(r.scoreDeltas).map(([score, d]) => ({ score, previous: d.previous, current: d.current, delta: d.delta }));
    case "search":
      return (r.searchDeltas?.pages ?? []).map((p) => ({
        url: p.url, previousClicks: p.clicks.previous, clicks: p.clicks.current, clicksDelta: p.clicks.delta,
        previousImpressions: p.impressions.previous, impressions: p.impressions.current, impressionsDelta: p.impressions.delta,
      }));
  }
}
