import { z } from "zod";
import { exportResponse, reportFileResponse } from "@/lib/api/report-files";
import { doneScan } from "@/lib/api/scans";
import { uiRoute } from "@/lib/api/ui-route";

export const dynamic = "force-dynamic";

const FilesQuerySchema = z.object({ format: z.enum(["html", "pdf", "xlsx", "issues-csv"]) }).strict();

/** Dashboard downloads: the report as HTML or PDF, the workbook of every table, the issues as CSV. */
export const GET = uiRoute<{ id: string }>(async ({ rt, params, url }) => {
  const { format } = FilesQuerySchema.parse(Object.fromEntries(url.searchParams));
  if (format === "xlsx") return exportResponse(rt, params.id, { format: "xlsx" });
  if (format === "issues-csv") return exportResponse(rt, params.id, { table: "issues", format: "csv" });
  const scan = await doneScan(rt, params.id);
  return reportFileResponse(rt, scan, format, { "content-disposition": `attachment; filename="topicgate-${scan.id}.${format}"` });
});
