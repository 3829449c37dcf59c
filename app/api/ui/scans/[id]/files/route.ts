import { exportResponse, reportFileResponse } from "@/lib/api/report-files";
import { doneScan } from "@/lib/api/scans";
import { ReportFileQuerySchema } from "@/lib/api/schemas";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

/** Dashboard downloads: the report as HTML or PDF, the workbook of every table, the issues as CSV. */
export const GET = uiRoute<{ id: string }>(async ({ rt, params, url }) => {
  const { format } = ReportFileQuerySchema.parse(Object.fromEntries(url.searchParams));
  if (format === "xlsx") return exportResponse(rt, params.id, { format: "xlsx" });
  if (format === "issues-csv") return exportResponse(rt, params.id, { table: "issues", format: "csv" });
  const scan = await doneScan(rt, params.id);
  return reportFileResponse(rt, scan, format, { "content-disposition": `attachment; filename="topicgate-${scan.id}.${format}"` });
});
