import type { Db } from "../db/client";
import { pagesTable, type PageSort } from "../db/page-views";
import { gapsTable, suggestionsTable, type GapSort, type SuggestionSort } from "../db/recommendation-views";
import type { TableQuery } from "../db/table-query";
import { listTopics, topicsTable, type TopicSort } from "../db/topic-views";
import { toCsv } from "./exports";

type Row = Record<string, string | number | boolean | null>;

/** Rows fetched per database round trip while streaming an export: memory stays flat for a 100,000-page scan. */
const EXPORT_BATCH = 1000;

export const DASHBOARD_TABLES = ["pages", "topics", "gaps", "pruning", "suggestions"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

async function batch(db: Db, scanId: string, table: DashboardTable, q: TableQuery, labels: Map<number, string>): Promise<{ rows: Row[]; total: number }> {
  const topic = (k: number | null) => (k === null ? null : (labels.get(k) ?? null));
  switch (table) {
    case "pages":
    case "pruning": {
      const r = await pagesTable(db, scanId, { ...q, filters: table === "pruning" ? { ...q.filters, pruning: "1" } : q.filters } as TableQuery<PageSort>);
      return {
        total: r.total,
        rows: r.rows.map((p) => ({
          url: p.url, status: p.status, title: p.title, wordCount: p.wordCount, depth: p.depth, inlinks: p.inlinks, outlinks: p.outlinks,
          pagerank: p.pagerank, topic: topic(p.topicKey), topicSimilarity: p.topicSimilarity, action: p.forgetAction, forgetScore: p.forgetScore,
          reasons: p.forgetReasons.join("; "), mergeInto: p.mergeInto, clicks: p.clicks, impressions: p.impressions, ctr: p.ctr, position: p.position,
          sessions: p.sessions, engagementRate: p.engagementRate,
        })),
      };
    }
    case "topics": {
      const r = await topicsTable(db, scanId, q as TableQuery<TopicSort>);
      return { total: r.total, rows: r.rows.map((t) => ({ id: t.topicKey, label: t.label, keyphrases: t.keyphrases.join("; "), isCore: t.isCore, pillarUrl: t.pillarUrl, pageCount: t.pageCount, cohesion: t.cohesion, coverage: t.coverage, authority: t.authority })) };
    }
    case "gaps": {
      const r = await gapsTable(db, scanId, q as TableQuery<GapSort>);
      return { total: r.total, rows: r.rows.map((g) => ({ topicId: g.topicId, topic: topic(g.topicId), keyphrase: g.keyphrase, evidence: g.evidence.join(" ") })) };
    }
    case "suggestions": {
      const r = await suggestionsTable(db, scanId, q as TableQuery<SuggestionSort>);
      return { total: r.total, rows: r.rows.map((s) => ({ fromUrl: s.fromUrl, toUrl: s.toUrl, anchor: s.anchor, context: s.context, score: s.score, reason: s.reason })) };
    }
  }
}

/** The CSV of a dashboard table as currently sorted, filtered and searched, streamed batch by batch. */
export function streamTableCsv(db: Db, scanId: string, table: DashboardTable, q: TableQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let page = 1;
  let labels: Map<number, string> | null = null;
  return new ReadableStream({
    async pull(controller) {
      labels ??= new Map((await listTopics(db, scanId)).map((t) => [t.topicKey, t.label]));
      const { rows, total } = await batch(db, scanId, table, { ...q, page, pageSize: EXPORT_BATCH }, labels);
      let csv = rows.length || page === 1 ? toCsv(rows) : "";
      if (page > 1) csv = csv.slice(csv.indexOf("\r\n") + 2); // the header goes out once
      if (csv) controller.enqueue(encoder.encode(csv));
      if (page * EXPORT_BATCH >= total || rows.length === 0) controller.close();
      page++;
    },
  });
}
