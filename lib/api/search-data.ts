import type { z } from "zod";
import type { Db } from "../db/client";
import { deleteSearchDataSet, listSiteSearchDataSets, type SearchDataSetRow } from "../db/search-data";
import { AppError } from "../errors";
import { importSearchData, type SearchImportResult } from "../pipeline/search-import";
import type { Runtime } from "../runtime";
import { readBodyBytes } from "./request-body";
import type { SearchDataImportQuerySchema, SearchDataSetSchema } from "./schemas";
import { siteOr404 } from "./sites";

/** A search data file sent as the request body (CSV, JSON or the Search Console archive), stored for the site. */
export async function importFromRequest(rt: Runtime, siteId: string, request: Request, query: z.infer<typeof SearchDataImportQuerySchema>, origin: "api" | "upload"): Promise<SearchImportResult> {
  await siteOr404(rt.db, siteId);
  const bytes = await readBodyBytes(request, rt.config.searchDataMaxBytes);
  if (bytes.byteLength === 0) throw new AppError("invalid_input", "The request body is empty: send the export file as the body");
  const result = await importSearchData(rt.db, { siteId, bytes, source: query.source, startDate: query.startDate, endDate: query.endDate, origin, fileName: query.fileName ?? null });
  rt.logger.info({ siteId, dataSets: result.dataSets.map((d) => d.id), rows: result.dataSets.reduce((n, d) => n + d.rowCount, 0) }, "search data imported");
  return result;
}

export function searchDataSetView(s: SearchDataSetRow): z.infer<typeof SearchDataSetSchema> {
  return { id: s.id, source: s.source, kind: s.kind, format: s.format, origin: s.origin, fileName: s.fileName, startDate: s.startDate, endDate: s.endDate, rowCount: s.rowCount, createdAt: s.createdAt.toISOString() };
}

export async function listSearchDataSets(db: Db, siteId: string): Promise<SearchDataSetRow[]> {
  await siteOr404(db, siteId);
  return listSiteSearchDataSets(db, siteId);
}

export async function removeSearchDataSet(db: Db, siteId: string, id: string): Promise<void> {
  if (!(await deleteSearchDataSet(db, siteId, id))) throw new AppError("not_found", `Search data set ${id} of site ${siteId} not found`);
}
