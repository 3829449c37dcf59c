import { toCsv } from "../report/exports";

type Row = Record<string, string | number | boolean | null>;

/** A table as CSV (a download named after it) or JSON rows. */
export function tableResponse(rows: Row[], format: "csv" | "json", filename: string): Response {
  if (format === "json") return Response.json(rows);
  return new Response(toCsv(rows), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}.csv"` },
  });
}
