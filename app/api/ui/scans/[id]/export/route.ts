import { uiRoute } from "@/lib/api/ui-route";
import { AppError } from "@/lib/errors";
import { DASHBOARD_TABLES, streamTableCsv, type DashboardTable } from "@/lib/api/table-export";
import { TABLE_SPECS } from "../../../../../components/table-specs";
import { parseTableQuery } from "../../../../../components/table-params";

export const dynamic = "force-dynamic";

/** CSV of a dashboard table with the view's sort, filters and search (`?table=pages&q=...&sort=...`). */
export const GET = uiRoute<{ id: string }>(async ({ rt, params, url }) => {
  const sp = Object.fromEntries(url.searchParams);
  const table = sp.table as DashboardTable;
  if (!DASHBOARD_TABLES.includes(table)) throw new AppError("invalid_input", `table must be one of ${DASHBOARD_TABLES.join(", ")}`);
  const query = parseTableQuery(sp, TABLE_SPECS[table]);
  return new Response(streamTableCsv(rt.db, params.id, table, query), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${table}-${params.id}.csv"` },
  });
});
