import { unzipSync } from "fflate";
import { AppError } from "../errors";
import { readCsv, type CsvTable } from "./csv";
import { gscColumns, gscRows, normalizeHeader } from "./gsc-csv";
import type { ParsedSearchData } from "./types";

/** Uncompressed size past which an archive is refused (a Search Console export holds at most a few thousand rows). */
export const MAX_ZIP_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

const QUERY_TABLE = /^(top )?quer|suchanfragen|requetes|consultas|zapytania|zoekopdrachten|クエリ/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period of the export, from its per-day table (Dates.csv): first and last day with a row. */
function dateRange(table: CsvTable): { startDate: string; endDate: string } | null {
  const days = table.rows.map((r) => (r[0] ?? "").trim()).filter((d) => DAY.test(d));
  if (days.length === 0 || days.length < table.rows.length / 2) return null;
  days.sort();
  return { startDate: days[0], endDate: days[days.length - 1] };
}

/**
 * The archive Search Console's "Export > Download CSV" gives: one CSV per tab (Queries, Pages, Countries, Devices,
 * Search appearance, Dates, Filters). The pages and queries tables become two data sets, dated by the Dates table.
 */
export function parseGscZip(bytes: Uint8Array): ParsedSearchData[] {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_ZIP_UNCOMPRESSED_BYTES) throw new AppError("too_large", `The archive unpacks to more than ${MAX_ZIP_UNCOMPRESSED_BYTES} bytes`);
        return /\.csv$/i.test(f.name);
      },
    });
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError("invalid_input", `The archive could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const tables = Object.entries(files).map(([name, data]) => ({ name: name.replace(/^.*\//, ""), table: readCsv(new TextDecoder().decode(data)).tables[0] })).filter((t) => t.table);
  const range = tables.map((t) => dateRange(t.table)).find((r) => r !== null) ?? null;
  const out: ParsedSearchData[] = [];
  for (const { name, table } of tables) {
    const columns = gscColumns(table);
    if (!columns) continue;
    const isQueries = QUERY_TABLE.test(normalizeHeader(table.header[columns.key] ?? "")) || QUERY_TABLE.test(normalizeHeader(name));
    if (columns.keyKind === "page" || isQueries) {
      const kind = columns.keyKind === "page" ? "page" : "query";
      out.push({ source: "gsc", kind, format: "gsc-export-zip", startDate: range?.startDate ?? null, endDate: range?.endDate ?? null, rows: gscRows(table, { ...columns, keyKind: kind }) });
    }
  }
  if (out.length === 0) throw new AppError("invalid_input", `The archive holds no Search Console pages or queries table (files: ${tables.map((t) => t.name).join(", ") || "none"})`);
  return out;
}
