import { toCsv } from "./exports";

export type CsvRow = Record<string, string | number | boolean | null>;

/** Rows fetched per database round trip while streaming an export: memory stays flat for a 100,000-page scan. */
export const EXPORT_BATCH = 1000;

export const DASHBOARD_TABLES = ["pages", "topics", "gaps", "pruning", "suggestions"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

/**
 * A CSV streamed batch by batch: `next` gives the rows of the 1-based batch `page` of EXPORT_BATCH rows and the
 * total; the header goes out once.
 */
export function streamCsv(next: (page: number, pageSize: number) => Promise<{ rows: CsvRow[]; total: number }>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let page = 1;
  return new ReadableStream({
    async pull(controller) {
      const { rows, total } = await next(page, EXPORT_BATCH);
      let csv = rows.length || page === 1 ? toCsv(rows) : "";
      if (page > 1) csv = csv.slice(csv.indexOf("\r\n") + 2); // the header goes out once
      if (csv) controller.enqueue(encoder.encode(csv));
      if (page * EXPORT_BATCH >= total || rows.length === 0) controller.close();
      page++;
    },
  });
}
