import { getChangeReport } from "../db/change-reports";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import type { ChangeReport } from "../report/change-report";
import { changeReportTable, type ChangeTable } from "../report/change-exports";
import { changeReportHtml, changeReportMarkdown } from "../report/change-summary";
import { tableResponse } from "./table-response";

async function changeReportOr404(db: Db, id: string): Promise<ChangeReport> {
  const row = await getChangeReport(db, id);
  if (!row) throw new AppError("not_found", `Change report ${id} not found`);
  return row.data as ChangeReport;
}

/** A stored change report as JSON, Markdown or HTML (the last two for sending on). */
export async function changeReportResponse(db: Db, id: string, format: "json" | "md" | "html"): Promise<Response> {
  const report = await changeReportOr404(db, id);
  if (format === "md") return new Response(changeReportMarkdown(report), { headers: { "content-type": "text/markdown; charset=utf-8" } });
  if (format === "html") return new Response(changeReportHtml(report), { headers: { "content-type": "text/html; charset=utf-8" } });
  return Response.json({ id, ...report });
}

export async function changeExportResponse(db: Db, id: string, query: { table: ChangeTable; format: "csv" | "json" }): Promise<Response> {
  return tableResponse(changeReportTable(await changeReportOr404(db, id), query.table), query.format, `changes-${id}-${query.table}`);
}
