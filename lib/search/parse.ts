import { AppError } from "../errors";
import { readCsv } from "./csv";
import { isGa4Table, parseGa4Csv } from "./ga4";
import { parseGscCsv, gscColumns } from "./gsc-csv";
import { parseGscJson } from "./gsc-json";
import { parseGscZip } from "./gsc-zip";
import type { ParsedSearchData, SearchSource } from "./types";

export interface ParseOptions {
  /** the site's address: GA4 landing pages are paths on it */
  siteUrl: string;
  /** gsc or ga4 when the caller knows; otherwise read from the file */
  source?: SearchSource;
  /** YYYY-MM-DD: the period, for files that do not carry it (Search Console's CSV tables) */
  startDate?: string;
  endDate?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function parseByShape(bytes: Uint8Array, opts: ParseOptions): ParsedSearchData[] {
  if (isZip(bytes)) {
    if (opts.source === "ga4") throw new AppError("invalid_input", "A GA4 export is read from its CSV file, not an archive");
    return parseGscZip(bytes);
  }
  const text = decodeText(bytes);
  if (text.trimStart().startsWith("{")) {
    if (opts.source === "ga4") throw new AppError("invalid_input", "A GA4 export is read from its CSV file (Share > Download CSV); JSON is the Search Analytics API's response");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new AppError("invalid_input", `The JSON could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    return [parseGscJson(value)];
  }
  const file = readCsv(text);
  if (file.tables.length === 0) throw new AppError("invalid_input", "The file holds no table");
  const ga4 = file.tables.some(isGa4Table);
  if (ga4 && opts.source === "gsc") throw new AppError("invalid_input", "The file is a GA4 landing-page export, not Search Console data");
  if (opts.source === "ga4" || ga4) return [parseGa4Csv(file, opts.siteUrl)];
  const table = file.tables.find((t) => gscColumns(t) !== null) ?? file.tables[0];
  return [parseGscCsv(table)];
}

/**
 * Reads search data in any supported format: the Search Console export (CSV table, or the archive of them), the Search
 * Analytics API response as JSON with its dimensions, or a GA4 landing-page CSV export. A file without rows is an error
 * (an empty import would silently remove the site's previous data).
 */
export function parseSearchData(bytes: Uint8Array, opts: ParseOptions): ParsedSearchData[] {
  for (const d of [opts.startDate, opts.endDate]) if (d !== undefined && !DAY.test(d)) throw new AppError("invalid_input", `Dates are YYYY-MM-DD (got "${d}")`);
  if (opts.startDate && opts.endDate && opts.startDate > opts.endDate) throw new AppError("invalid_input", `startDate ${opts.startDate} is after endDate ${opts.endDate}`);
  const sets = parseByShape(bytes, opts);
  for (const s of sets) {
    if (opts.source && s.source !== opts.source) throw new AppError("invalid_input", `The file is ${s.source === "gsc" ? "Search Console" : "GA4"} data, not ${opts.source}`);
    if (s.rows.length === 0) throw new AppError("invalid_input", `The ${s.format} file has no data rows`);
    s.startDate = opts.startDate ?? s.startDate;
    s.endDate = opts.endDate ?? s.endDate;
  }
  return sets;
}
