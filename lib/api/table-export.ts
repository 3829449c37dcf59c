import type { Db } from "../db/client";
import { pagesTable, type PageSort } from "../db/page-views";
import { gapsTable, suggestionsTable, type GapSort, type SuggestionSort } from "../db/recommendation-views";
import type { TableQuery } from "../db/table-query";
import { listTopics, topicsTable, type TopicSort } from "../db/topic-views";
import { fieldNames } from "../db/page-fields";
import { extractedColumns } from "../report/exports";
import { streamCsv, type CsvRow, type DashboardTable } from "../report/table-export";

export { DASHBOARD_TABLES, type DashboardTable } from "../report/table-export";

type Row = CsvRow;

async function batch(db: Db, scanId: string, table: DashboardTable, q: TableQuery, labels: Map<number, string>, names: string[]): Promise<{ rows: Row[]; total: number }> {
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
          ...extractedColumns(Object.fromEntries(names.map((n) => [n, p.fields[n] ?? null]))),
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
  let labels: Map<number, string> | null = null;
  let names: string[] | null = null;
  return streamCsv(async (page, pageSize) => {
    labels ??= new Map((await listTopics(db, scanId)).map((t) => [t.topicKey, t.label]));
    names ??= table === "pages" || table === "pruning" ? await fieldNames(db, scanId) : [];
    return batch(db, scanId, table, { ...q, page, pageSize }, labels, names);
  });
}
