import { listLinks } from "../db/pages";
import { getScanReport, type ScanRow } from "../db/scans";
import { AppError } from "../errors";
import { EXPORT_TABLES, linkTable, reportTable, type ExportTable } from "../report/exports";
import { reportHtmlDocument } from "../report/html-report";
import { withWorklist } from "../report/live-report";
import { printPdf } from "../report/pdf";
import type { ScanReport } from "../report/scan-report";
import { workbookXlsx } from "../report/xlsx";
import type { Runtime } from "../runtime";
import { doneScan, reportResponse } from "./scans";
import { tableResponse } from "./table-response";
import { loadWorklist } from "./worklist";

type Row = Record<string, string | number | boolean | null>;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A finished scan's report with the statuses of today (what people share, print and export). */
export async function liveReport(rt: Runtime, scan: Pick<ScanRow, "id" | "siteId">): Promise<ScanReport> {
  const report = await getScanReport(rt.db, scan.id);
  if (!report) throw new AppError("not_found", `Scan ${scan.id} has no stored report`);
  return withWorklist(report, await loadWorklist(rt.db, scan, report.pages.map((p) => p.url)));
}

async function tableRows(rt: Runtime, scanId: string, report: ScanReport, table: ExportTable): Promise<Row[]> {
  return table === "links" ? linkTable(await listLinks(rt.db, scanId)) : reportTable(report, table);
}

/** One table as CSV or JSON, or as a one-sheet workbook; no table and xlsx: every table, a sheet each. */
export async function exportResponse(rt: Runtime, id: string, query: { table?: ExportTable; format: "csv" | "json" | "xlsx" }): Promise<Response> {
  const scan = await doneScan(rt, id);
  const report = await liveReport(rt, scan);
  const tables = query.table ? [query.table] : [...EXPORT_TABLES];
  if (query.format !== "xlsx") return tableResponse(await tableRows(rt, id, report, tables[0]), query.format, `${id}-${tables[0]}`);
  const sheets = [];
  for (const name of tables) sheets.push({ name, rows: await tableRows(rt, id, report, name) });
  const body = await workbookXlsx(sheets);
  return new Response(new Uint8Array(body), {
    headers: { "content-type": XLSX_TYPE, "content-disposition": `attachment; filename="${id}-${query.table ?? "report"}.xlsx"` },
  });
}

/** Headers of a report file: no caching by shared caches, and the report's own policy of no network requests. */
const FILE_HEADERS = { "cache-control": "private, no-store", "x-content-type-options": "nosniff" };

/** The report as self-contained HTML or a PDF printed from it. */
export async function reportFileResponse(rt: Runtime, scan: Pick<ScanRow, "id" | "siteId">, format: "html" | "pdf", extraHeaders: Record<string, string> = {}): Promise<Response> {
  const html = reportHtmlDocument(await liveReport(rt, scan));
  if (format === "html") {
    return new Response(html, { headers: { ...FILE_HEADERS, ...extraHeaders, "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:" } });
  }
  const pdf = await printPdf(html, rt.config.chromiumPath);
  return new Response(new Uint8Array(pdf), { headers: { ...FILE_HEADERS, ...extraHeaders, "content-type": "application/pdf", "content-disposition": `inline; filename="topicgate-${scan.id}.pdf"` } });
}

/** GET /scans/{id}/report: the JSON report (stored, with ETag), or ?format=html|pdf made now with today's statuses. */
export async function reportRouteResponse(rt: Runtime, id: string, request: Request, format: "json" | "html" | "pdf"): Promise<Response> {
  if (format === "json") return reportResponse(rt, id, request);
  const scan = await doneScan(rt, id);
  return reportFileResponse(rt, scan, format, format === "html" ? { "content-disposition": `inline; filename="topicgate-${id}.html"` } : {});
}
