import { suggestionId } from "../issues/suggestions";
import type { ScanReport } from "./scan-report";

export const EXPORT_TABLES = ["pages", "links", "topics", "suggestions", "pruning", "gaps", "issues"] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

type Row = Record<string, string | number | boolean | null>;

/** Columns the pages table has before custom extraction columns. */
const PAGE_COLUMNS = new Set(["url", "status", "title", "wordCount", "depth", "inlinks", "outlinks", "pagerank", "topicId", "topic", "topicSimilarity", "isUtility", "action", "forgetScore", "reasons", "mergeInto", "rendered", "jsAddedWords", "jsAddedLinks"]);

/** Custom extraction values as columns named by their rules (`extract_NAME` when a rule is named like a built-in column). */
export function extractedColumns(values: Record<string, string | null> | undefined): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(values ?? {})) out[PAGE_COLUMNS.has(name) ? `extract_${name}` : name] = value;
  return out;
}

/** The rows of one report table, flat, for CSV and JSON exports. `links` comes from the crawl (see exportLinks). */
export function reportTable(report: ScanReport, table: Exclude<ExportTable, "links">): Row[] {
  const topicLabel = new Map(report.topics.map((t) => [t.id, t.label]));
  switch (table) {
    case "pages":
      return report.pages.map((p) => ({
        url: p.url, status: p.status, title: p.title, wordCount: p.wordCount, depth: p.depth, inlinks: p.inlinks, outlinks: p.outlinks,
        pagerank: round(p.pagerank, 6), topicId: p.topicId, topic: p.topicId === null ? null : (topicLabel.get(p.topicId) ?? null),
        topicSimilarity: round(p.topicSimilarity, 4), isUtility: p.isUtility, action: p.forget.action, forgetScore: round(p.forget.score, 4),
        reasons: p.forget.reasons.join("; "), mergeInto: p.forget.mergeInto ?? null,
        rendered: p.render?.rendered ?? false, jsAddedWords: p.render?.addedWords ?? 0, jsAddedLinks: p.render?.addedLinks ?? 0,
        ...extractedColumns(p.extracted),
      }));
    case "topics":
      return report.topics.map((t) => ({
        id: t.id, label: t.label, keyphrases: t.keyphrases.join("; "), isCore: t.isCore, pillarUrl: t.pillarUrl, pageCount: t.pageCount,
        cohesion: round(t.cohesion, 4), coverage: round(t.coverage, 4), authority: round(t.authority, 2),
      }));
    case "suggestions":
      return report.linkSuggestions.map((s) => ({
        id: s.id ?? suggestionId(s.fromUrl, s.toUrl), status: s.status ?? "pending",
        fromUrl: s.fromUrl, toUrl: s.toUrl, anchor: s.anchor, context: s.context, score: round(s.score, 4), reason: s.reason,
      }));
    case "issues":
      return (report.issues ?? []).flatMap((i) =>
        i.items.map((item) => ({ code: i.code, severity: i.severity, title: i.title, status: i.status, pageUrl: item.pageUrl, key: item.key, detail: item.detail, howToFix: i.howToFix })),
      );
    case "pruning":
      return report.pages
        .filter((p) => p.forget.action !== "keep")
        .map((p) => ({ url: p.url, action: p.forget.action, score: round(p.forget.score, 4), reasons: p.forget.reasons.join("; "), mergeInto: p.forget.mergeInto ?? null }));
    case "gaps":
      return report.gaps.map((g) => ({ topicId: g.topicId, topic: topicLabel.get(g.topicId) ?? null, keyphrase: g.keyphrase, evidence: g.evidence.join(" ") }));
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with ' (CSV injection). */
export function toCsv(rows: Row[], columns?: string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const cell = (v: Row[string]): string => {
    if (v === null || v === undefined) return "";
    let s = String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** The `links` export: every link the crawl stored (the Link table), one row per link. */
export function linkTable(links: { fromUrl: string; toUrl: string; anchor: string; position: string; nofollow: boolean; rel: string | null }[]): Row[] {
  return links.map((l) => ({ fromUrl: l.fromUrl, toUrl: l.toUrl, anchor: l.anchor, position: l.position, nofollow: l.nofollow, rel: l.rel }));
}
