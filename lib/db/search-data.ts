import type { ParsedSearchData, SearchOrigin, SearchRow } from "../search/types";
import type { Db } from "./client";
import type { SearchDataSet } from "../search/types";

/** Search data sets and their rows: the imports and connector fetches of a site. */

/** A stored import of search data (one row per file or connector fetch). */
export type SearchDataSetRow = SearchDataSet;

const SET_COLUMNS = { id: true, siteId: true, scanId: true, source: true, kind: true, format: true, origin: true, fileName: true, startDate: true, endDate: true, rowCount: true, createdAt: true } as const;

/** Rows per createMany: keeps bound parameters under SQLite's limit (11 columns a row). */
const ROW_CHUNK = 500;
/** An unfinished set older than this was left by an import that died (imports take seconds, not an hour). */
const STALE_IMPORT_MS = 3_600_000;

/**
 * Stores parsed sets. Rows go in as many short writes (a 100,000-row import holding SQLite's write lock for seconds
 * would make the worker's writes wait past their busy timeout); a set is read only once completedAt is set, in the
 * same transaction that removes the site's previous set of the same source and kind. Data for one scan (the CLI's
 * --search-data) is kept beside the site's without touching it. A failed import removes what it wrote.
 */
export async function insertSearchDataSets(
  db: Db,
  input: { siteId: string; scanId: string | null; origin: SearchOrigin; fileName: string | null; sets: ParsedSearchData[] },
): Promise<{ created: SearchDataSetRow[]; replaced: number }> {
  const written: string[] = [];
  try {
    for (const s of input.sets) {
      const set = await db.searchDataSet.create({
        data: { siteId: input.siteId, scanId: input.scanId, source: s.source, kind: s.kind, format: s.format, origin: input.origin, fileName: input.fileName, startDate: s.startDate, endDate: s.endDate, rowCount: s.rows.length },
        select: { id: true },
      });
      written.push(set.id);
      for (let i = 0; i < s.rows.length; i += ROW_CHUNK) {
        await db.searchDataRow.createMany({ data: s.rows.slice(i, i + ROW_CHUNK).map((r) => ({ ...r, dataSetId: set.id })) });
      }
    }
    return await db.$transaction(async (tx) => {
      let replaced = 0;
      for (const [i, s] of input.sets.entries()) {
        if (input.scanId === null) {
          replaced += (await tx.searchDataSet.deleteMany({ where: { siteId: input.siteId, scanId: null, source: s.source, kind: s.kind, id: { notIn: written }, completedAt: { not: null } } })).count;
          // sets an earlier import left half-written
          await tx.searchDataSet.deleteMany({ where: { siteId: input.siteId, scanId: null, source: s.source, kind: s.kind, id: { notIn: written }, completedAt: null, createdAt: { lt: new Date(Date.now() - STALE_IMPORT_MS) } } });
        }
        await tx.searchDataSet.update({ where: { id: written[i] }, data: { completedAt: new Date() } });
      }
      const created = await tx.searchDataSet.findMany({ where: { id: { in: written } }, orderBy: { createdAt: "asc" }, select: SET_COLUMNS });
      return { created: written.map((id) => created.find((c) => c.id === id) as SearchDataSetRow), replaced };
    });
  } catch (error) {
    await db.searchDataSet.deleteMany({ where: { id: { in: written } } });
    throw error;
  }
}

/** The site's current data sets (not those of single scans), newest first. */
export async function listSiteSearchDataSets(db: Db, siteId: string): Promise<SearchDataSetRow[]> {
  return db.searchDataSet.findMany({ where: { siteId, scanId: null, completedAt: { not: null } }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: SET_COLUMNS });
}

/** The sets a scan uses: its own (from `scan --search-data`) when it has any, else the site's current sets. */
export async function searchDataSetsForScan(db: Db, siteId: string, scanId: string): Promise<SearchDataSetRow[]> {
  const own = await db.searchDataSet.findMany({ where: { siteId, scanId, completedAt: { not: null } }, orderBy: { createdAt: "asc" }, select: SET_COLUMNS });
  return own.length ? own : listSiteSearchDataSets(db, siteId);
}

export async function listSearchRows(db: Db, dataSetId: string): Promise<SearchRow[]> {
  return db.searchDataRow.findMany({
    where: { dataSetId },
    orderBy: { id: "asc" },
    select: { page: true, query: true, clicks: true, impressions: true, ctr: true, position: true, sessions: true, engagedSessions: true, engagementRate: true, engagementSeconds: true },
  });
}

export async function deleteSearchDataSet(db: Db, siteId: string, id: string): Promise<boolean> {
  return (await db.searchDataSet.deleteMany({ where: { id, siteId } })).count === 1;
}

/** The site's latest finished scan (imports report how their rows match its pages). */
export async function latestFinishedScanId(db: Db, siteId: string): Promise<string | null> {
  const row = await db.scan.findFirst({ where: { siteId, status: "done" }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return row?.id ?? null;
}
