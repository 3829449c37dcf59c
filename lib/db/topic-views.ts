import type { Prisma } from "../generated/prisma/client";
import type { Db } from "./client";
import { skipTake, type TablePage, type TableQuery } from "./table-query";

export const TOPIC_SORTS = ["label", "pageCount", "cohesion", "coverage", "authority", "isCore"] as const;
export type TopicSort = (typeof TOPIC_SORTS)[number];

export interface TopicRow {
  topicKey: number;
  label: string;
  keyphrases: string[];
  isCore: boolean;
  pillarUrl: string | null;
  pageCount: number;
  cohesion: number;
  coverage: number;
  authority: number;
}

const TOPIC_SELECT = { topicKey: true, label: true, keyphrases: true, isCore: true, pillarUrl: true, pageCount: true, cohesion: true, coverage: true, authority: true } as const;

function toTopicRow(r: Prisma.TopicGetPayload<{ select: typeof TOPIC_SELECT }>): TopicRow {
  return { ...r, keyphrases: (r.keyphrases as string[] | null) ?? [] };
}

/** All topics of a scan (a scan has tens of topics: legends, filters and labels read them whole). */
export async function listTopics(db: Db, scanId: string): Promise<TopicRow[]> {
  const rows = await db.topic.findMany({ where: { scanId }, orderBy: [{ isCore: "desc" }, { pageCount: "desc" }, { topicKey: "asc" }], select: TOPIC_SELECT });
  return rows.map(toTopicRow);
}

/** filters: core ("1" core only, "0" non-core only) */
export async function topicsTable(db: Db, scanId: string, q: TableQuery<TopicSort>): Promise<TablePage<TopicRow>> {
  const where: Prisma.TopicWhereInput = {
    scanId,
    ...(q.filters.core === "1" ? { isCore: true } : q.filters.core === "0" ? { isCore: false } : {}),
    ...(q.q ? { label: { contains: q.q } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.topic.findMany({ where, orderBy: [{ [q.sort]: q.desc ? "desc" : "asc" }, { topicKey: "asc" }], ...skipTake(q), select: TOPIC_SELECT }),
    db.topic.count({ where }),
  ]);
  return { rows: rows.map(toTopicRow), total };
}
