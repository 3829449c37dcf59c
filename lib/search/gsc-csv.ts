import { AppError } from "../errors";
import type { CsvTable } from "./csv";
import { parseMetric } from "./numbers";
import { emptyRow, type ParsedSearchData, type SearchRow } from "./types";

/**
 * Search Console's performance export (Export > CSV, or Google Sheets): a key column (Top pages, or Top queries)
 * then Clicks, Impressions, CTR, Position. Headers follow the interface language, so columns are found by the names
 * below (accents and case ignored), and an unknown language still reads by position when the table has that shape.
 */
const WORDS = {
  page: ["top pages", "pages", "page", "url", "urls", "top seiten", "seiten", "pages les plus populaires", "paginas principales", "paginas principais", "pagine piu popolari", "toppaginas", "top paginas", "上位のページ", "ページ", "najpopularniejsze strony", "strony"],
  query: ["top queries", "queries", "query", "haufigste suchanfragen", "suchanfragen", "requetes les plus frequentes", "requetes", "consultas principales", "consultas principais", "consultas", "query piu frequenti", "populairste zoekopdrachten", "zoekopdrachten", "上位のクエリ", "クエリ", "najczestsze zapytania", "zapytania"],
  clicks: ["clicks", "klicks", "clics", "cliques", "clic", "klikken", "klikniecia", "クリック数", "url clicks"],
  impressions: ["impressions", "impressionen", "impresiones", "impressoes", "impressioni", "vertoningen", "wyswietlenia", "表示回数"],
  ctr: ["ctr", "url ctr"],
  position: ["position", "average position", "posicion", "posicao", "posizione", "positie", "pozycja", "掲載順位", "平均掲載順位"],
} as const;

type Column = keyof typeof WORDS;

export function normalizeHeader(h: string): string {
  return h.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

function headerIs(h: string, column: Column): boolean {
  const n = normalizeHeader(h);
  return (WORDS[column] as readonly string[]).some((w) => n === normalizeHeader(w));
}

const isUrl = (s: string) => /^https?:\/\//i.test(s.trim());

export interface GscColumns {
  key: number;
  keyKind: "page" | "query";
  clicks: number;
  impressions: number;
  ctr: number;
  position: number;
}

/** The columns of a Search Console table, by name or (for an unknown language) by the export's fixed layout. */
export function gscColumns(table: CsvTable): GscColumns | null {
  const find = (c: Column) => table.header.findIndex((h) => headerIs(h, c));
  const named = { clicks: find("clicks"), impressions: find("impressions"), ctr: find("ctr"), position: find("position") };
  const sample = table.rows.slice(0, 20);
  if (named.clicks >= 0 && named.impressions >= 0) {
    const page = find("page");
    const query = find("query");
    const key = page >= 0 ? page : query >= 0 ? query : 0;
    const urls = sample.length > 0 && sample.every((r) => isUrl(r[key] ?? ""));
    // a table keyed by something else (Countries, Devices, Dates) is not pages or queries
    if (page < 0 && query < 0 && !urls) return null;
    return { key, keyKind: page >= 0 || (query < 0 && urls) ? "page" : "query", ...named };
  }
  // the layout every Search Console table export has: key, clicks, impressions, CTR, position
  if (table.header.length !== 5 || sample.length === 0) return null;
  const fits = sample.every((r) => parseMetric(r[1], "count") !== null && parseMetric(r[2], "count") !== null && parseMetric(r[3], "rate") !== null && parseMetric(r[4], "decimal") !== null);
  if (!fits || sample.every((r) => /^\d{4}-\d{2}-\d{2}$/.test((r[0] ?? "").trim()))) return null;
  return { key: 0, keyKind: sample.every((r) => isUrl(r[0] ?? "")) ? "page" : "query", clicks: 1, impressions: 2, ctr: 3, position: 4 };
}

/** Reads one Search Console table; `columns` as gscColumns found them. */
export function gscRows(table: CsvTable, columns: GscColumns): SearchRow[] {
  const out: SearchRow[] = [];
  for (const r of table.rows) {
    const key = (r[columns.key] ?? "").trim();
    if (!key) continue;
    const impressions = parseMetric(r[columns.impressions], "count");
    const clicks = parseMetric(r[columns.clicks], "count");
    if (impressions === null && clicks === null) continue;
    out.push({
      ...emptyRow(),
      [columns.keyKind]: key,
      clicks: clicks ?? 0,
      impressions: impressions ?? 0,
      ctr: columns.ctr >= 0 ? parseMetric(r[columns.ctr], "rate") : null,
      position: columns.position >= 0 ? parseMetric(r[columns.position], "decimal") : null,
    });
  }
  return out;
}

/** A Search Console "Pages" or "Queries" export. */
export function parseGscCsv(table: CsvTable): ParsedSearchData {
  const columns = gscColumns(table);
  if (!columns) {
    throw new AppError(
      "invalid_input",
      `Not a Search Console export: expected the columns "Top pages (or Top queries), Clicks, Impressions, CTR, Position", found "${table.header.join(", ")}"`,
    );
  }
  const rows = gscRows(table, columns);
  if (columns.keyKind === "page" && rows.some((r) => r.page && !isUrl(r.page))) {
    throw new AppError("invalid_input", `The page column of the Search Console export holds something other than http(s) URLs (e.g. "${rows.find((r) => r.page && !isUrl(r.page))?.page}")`);
  }
  return { source: "gsc", kind: columns.keyKind, format: columns.keyKind === "page" ? "gsc-pages-csv" : "gsc-queries-csv", startDate: null, endDate: null, rows };
}
