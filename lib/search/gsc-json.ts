import { z } from "zod";
import { AppError } from "../errors";
import { emptyRow, type ParsedSearchData, type SearchKind, type SearchRow } from "./types";

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const DIMENSION = z.enum(["query", "page", "country", "device", "date", "searchAppearance", "hour"]);

/** A Search Analytics API response (searchanalytics.query) with the request's dimensions and dates beside it. */
export const GscApiJsonSchema = z.object({
  dimensions: z.array(DIMENSION).min(1, "dimensions must name the request's dimensions, e.g. [\"query\",\"page\"]"),
  startDate: DATE.optional(),
  endDate: DATE.optional(),
  rows: z
    .array(
      z.object({
        keys: z.array(z.string()),
        clicks: z.number().min(0),
        impressions: z.number().min(0),
        ctr: z.number().min(0).max(1).optional(),
        position: z.number().min(0).optional(),
      }),
    )
    .default([]),
  responseAggregationType: z.string().optional(),
});

export type GscApiRow = z.infer<typeof GscApiJsonSchema>["rows"][number];

/**
 * Rows keyed by page and/or query. Other dimensions (date, device, country...) are summed away: clicks and impressions
 * add up, the position is the impression-weighted mean (how Search Console averages positions).
 */
export function collapseGscRows(dimensions: string[], rows: GscApiRow[]): { kind: SearchKind; rows: SearchRow[] } {
  const pageAt = dimensions.indexOf("page");
  const queryAt = dimensions.indexOf("query");
  if (pageAt < 0 && queryAt < 0) throw new AppError("invalid_input", `The search data needs the dimension "page" or "query" (it has ${dimensions.join(", ")})`);
  const kind: SearchKind = pageAt >= 0 && queryAt >= 0 ? "query-page" : pageAt >= 0 ? "page" : "query";
  const groups = new Map<string, { page: string | null; query: string | null; clicks: number; impressions: number; weighted: number; ctr: number | undefined; n: number }>();
  for (const [i, r] of rows.entries()) {
    if (r.keys.length !== dimensions.length) throw new AppError("invalid_input", `rows[${i}].keys has ${r.keys.length} values for ${dimensions.length} dimensions (${dimensions.join(", ")})`);
    const page = pageAt >= 0 ? r.keys[pageAt] : null;
    const query = queryAt >= 0 ? r.keys[queryAt] : null;
    if (page !== null && !/^https?:\/\//i.test(page)) throw new AppError("invalid_input", `rows[${i}]: the page key is not an http(s) URL: "${page}"`);
    const id = `${page ?? ""}\u0000${query ?? ""}`;
    const g = groups.get(id) ?? { page, query, clicks: 0, impressions: 0, weighted: 0, ctr: r.ctr, n: 0 };
    g.clicks += r.clicks;
    g.impressions += r.impressions;
    g.weighted += (r.position ?? 0) * r.impressions;
    g.n += 1;
    groups.set(id, g);
  }
  return {
    kind,
    rows: [...groups.values()].map((g) => ({
      ...emptyRow(),
      page: g.page,
      query: g.query,
      clicks: Math.round(g.clicks),
      impressions: Math.round(g.impressions),
      ctr: g.n === 1 && g.ctr !== undefined ? g.ctr : g.impressions > 0 ? g.clicks / g.impressions : 0,
      position: g.impressions > 0 ? g.weighted / g.impressions : null,
    })),
  };
}

export function parseGscJson(value: unknown): ParsedSearchData {
  const parsed = GscApiJsonSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
    throw new AppError("invalid_input", `Not a Search Analytics response with its dimensions ({ "dimensions", "startDate", "endDate", "rows": [{ "keys", "clicks", "impressions", "ctr", "position" }] }): ${issues}`);
  }
  const d = parsed.data;
  if (d.startDate && d.endDate && d.startDate > d.endDate) throw new AppError("invalid_input", `startDate ${d.startDate} is after endDate ${d.endDate}`);
  const { kind, rows } = collapseGscRows(d.dimensions, d.rows);
  return { source: "gsc", kind, format: "gsc-api-json", startDate: d.startDate ?? null, endDate: d.endDate ?? null, rows };
}
