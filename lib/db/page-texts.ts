import type { PageTextUpdate } from "../crawl/store";
import type { Db } from "./client";
import { portableJson } from "./raw-sql";

/** Block hashes of every HTML page (for counting blocks repeated across the site), in id order, a batch at a time. */
export async function listPageBlockHashes(db: Db, scanId: string, afterId: number, take: number): Promise<{ id: number; extra: unknown }[]> {
  return db.page.findMany({
    where: { scanId, mainText: { not: null }, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, extra: true },
  });
}

/** Main text and extra fields of the given pages. */
export async function listPageTexts(db: Db, ids: number[]): Promise<{ id: number; mainText: string | null; extra: unknown }[]> {
  return db.page.findMany({ where: { id: { in: ids } }, select: { id: true, mainText: true, extra: true } });
}

/**
 * Rewrites the text of many pages in one statement, the rows travelling as one JSON parameter (one update per page
 * cost more than the crawl's own commits on python3.11-doc). `->` yields JSON on both backends, which PostgreSQL
 * assigns to jsonb.
 */
export async function updatePageTexts(db: Db, updates: PageTextUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const rows = Object.fromEntries(updates.map(({ id, ...u }) => [id, u]));
  await db.$executeRaw`UPDATE "Page" SET "mainText" = j.value ->> 'mainText', "wordCount" = CAST(j.value ->> 'wordCount' AS INTEGER),
      "contentHash" = j.value ->> 'contentHash', "simhash" = j.value ->> 'simhash', "extra" = j.value -> 'extra'
    FROM json_each(${portableJson(rows)}) AS j WHERE "Page"."id" = CAST(j.key AS INTEGER)`;
}

