import { errorResponse } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { DASHBOARD_TABLES, streamTableCsv, type DashboardTable } from "@/lib/api/table-export";
import { sharedRuntime } from "@/lib/runtime";
import { TABLE_SPECS } from "../../../../../components/table-specs";
import { parseTableQuery } from "../../../../../components/table-params";

export const dynamic = "force-dynamic";

/** CSV of a dashboard table with the view's sort, filters and search (`?table=pages&q=...&sort=...`). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const sp = Object.fromEntries(new URL(request.url).searchParams);
    const table = sp.table as DashboardTable;
    if (!DASHBOARD_TABLES.includes(table)) throw new AppError("invalid_input", `table must be one of ${DASHBOARD_TABLES.join(", ")}`);
    const query = parseTableQuery(sp, TABLE_SPECS[table]);
    const db = (await sharedRuntime()).db;
    return new Response(streamTableCsv(db, id, table, query), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${table}-${id}.csv"` },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
