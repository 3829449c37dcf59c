import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/v1/sites/[id]/search-data/route";
import { createApiKey } from "@/lib/api/api-keys";
import { getChangeReportByScan } from "@/lib/db/change-reports";
import { pagesTable } from "@/lib/db/page-views";
import type { ChangeReport } from "@/lib/report/change-report";
import type { Runtime } from "@/lib/runtime";
import { SMALL_SITE } from "../../fixtures/small-site";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { scanToReport, testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";
import { DEFAULT_WORKSPACE_ID } from "@/lib/db/workspaces";

/** Small enough that a test can go past it with a few kilobytes. */
const MAX_BYTES = 4096;

/**
 * Search data end to end: imports through the API route (in process, on a real database), three real scans of a local
 * site (without data, with imported data, with newer data), the report's pages[].search and searchData, the pages
 * table's search columns and the change report's deltas.
 */
describe("search data from import to report", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;
  let key: string;
  const U = (p: string) => new URL(p, site.url).href;
  const host = () => new URL(site.url).host;

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = await testRuntime(t.file, { TOPICGATE_SEARCH_DATA_MAX_BYTES: String(MAX_BYTES), TOPICGATE_ENCODER_TIME_BUDGET_MS: "3000", TOPICGATE_RATE_LIMIT_PER_MINUTE: "1000" });
    // route handlers use the process's shared runtime: this test's runtime stands in for it
    (globalThis as { __topicgateRuntime?: Promise<Runtime> }).__topicgateRuntime = Promise.resolve(rt);
    site = await serveSite({
      ...SMALL_SITE,
      "/": SMALL_SITE["/"].replace('<a href="/sky/">watching planets and stars</a>', '<a href="/sky/">watching planets and stars</a>, <a href="/old-tomatoes">our old tomato page</a>'),
      "/old-tomatoes": { status: 301, headers: { location: "/garden/tomatoes" } },
    });
    key = (await createApiKey(rt.db, "search-test", DEFAULT_WORKSPACE_ID)).key;
  });
  afterAll(async () => {
    delete (globalThis as { __topicgateRuntime?: Promise<Runtime> }).__topicgateRuntime;
    await site.close();
    await rt.close();
    await t.close();
  });

  const scan = () => scanToReport(rt, site.url);
  const post = (siteId: string, body: string, query = "", auth: string | null = key) =>
    importRoute.POST(new Request(`http://localhost/api/v1/sites/${siteId}/search-data${query}`, { method: "POST", body, headers: { host: "localhost", ...(auth ? { authorization: `Bearer ${auth}` } : {}) } }), { params: Promise.resolve({ id: siteId }) });

  it("reports pages with their search figures, matched through redirects and URL variants, and the rows that did not match", { timeout: 600_000 }, async () => {
    const first = await scan();
    expect(first.report.searchData).toMatchObject({ used: false, usedByDecisions: false, statement: expect.stringMatching(/made without search data/) });
    expect(first.report.pages.some((p) => "search" in p)).toBe(false);

    // the API: key, site, size cap, bad input
    expect((await post(first.siteId, "x", "", null)).status).toBe(401);
    expect((await post("no-such-site", "Top pages,Clicks\n")).status).toBe(404);
    const tooLarge = await post(first.siteId, "Top pages,Clicks,Impressions,CTR,Position\n" + `https://x/,1,1,1%,1\n`.repeat(300));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: { code: "too_large" } });
    const bad = await post(first.siteId, "name,age\nbob,3\n");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/Not a Search Console export/);
    expect((await post(first.siteId, "Top pages,Clicks\n", "?startDate=yesterday")).status).toBe(400);

    const pagesCsv = [
      "Top pages,Clicks,Impressions,CTR,Position",
      `${U("/garden/tomatoes")},40,800,5%,4.0`,
      `${U("/old-tomatoes")},10,200,5%,6.5`, // redirected to /garden/tomatoes
      `https://${host()}/sky/planets/,25,500,5%,3.0`, // another scheme and a trailing slash
      `${U("/never-crawled")},7,70,10%,9.0`,
      `${U("/garden/roses")},0,300,0%,14.0`,
    ].join("\n");
    const imported = await post(first.siteId, pagesCsv, "?startDate=2026-10-01&endDate=2026-10-28");
    expect(imported.status).toBe(201);
    const result = await imported.json();
    expect(result).toMatchObject({ replaced: 0, dataSets: [{ source: "gsc", kind: "page", format: "gsc-pages-csv", rowCount: 5, startDate: "2026-10-01" }] });
    expect(result.match).toMatchObject({ scanId: first.id, pageRows: 5, matchedRows: 4, pagesMatched: 3, unmatched: { count: 1, examples: [{ url: U("/never-crawled"), reason: "not-crawled", clicks: 7 }] } });

    const queries = { dimensions: ["query", "page"], startDate: "2026-10-01", endDate: "2026-10-28", rows: [
      { keys: ["growing tomatoes", U("/garden/tomatoes")], clicks: 30, impressions: 500, ctr: 0.06, position: 3.5 },
      { keys: ["tomato blight", U("/garden/tomatoes")], clicks: 20, impressions: 500, ctr: 0.04, position: 5.5 },
      { keys: ["planets tonight", U("/sky/planets")], clicks: 25, impressions: 500, ctr: 0.05, position: 3 },
    ] };
    expect((await post(first.siteId, JSON.stringify(queries))).status).toBe(201);
    const list = await importRoute.GET(new Request(`http://localhost/api/v1/sites/${first.siteId}/search-data`, { headers: { host: "localhost", authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id: first.siteId }) });
    expect((await list.json()).items.map((s: { kind: string }) => s.kind).sort()).toEqual(["page", "query-page"]);

    const second = await scan();
    const r = second.report;
    expect(r.searchData).toMatchObject({
      used: true, usedByDecisions: true, startDate: "2026-10-01", endDate: "2026-10-28", days: 28, pageRows: 8, matchedRows: 7, pagesWithData: 3,
      totals: { clicks: 75, impressions: 1800 },
      unmatched: { count: 1, byReason: { "not-crawled": 1 }, examples: [{ url: U("/never-crawled") }] },
    });
    expect(r.searchData?.statement).toMatch(/Search data from Search Console \(2026-10-01 to 2026-10-28\) was used\. 7 of 8 page rows matched 3 crawled pages.*The decisions use it/);
    const page = (p: string) => r.pages.find((x) => x.url === U(p));
    expect(page("/garden/tomatoes")?.search).toMatchObject({ clicks: 50, impressions: 1000, ctr: 0.05, position: 4.5, queries: 2, topQueries: [{ query: "growing tomatoes", clicks: 30 }, { query: "tomato blight", clicks: 20 }] });
    expect(page("/sky/planets")?.search).toMatchObject({ clicks: 25, impressions: 500, position: 3 });
    expect(page("/garden/roses")?.search).toMatchObject({ clicks: 0, impressions: 300, position: 14 });
    expect(page("/contact")?.search).toEqual({ clicks: 0, impressions: 0, ctr: 0, position: null, queries: 0, topQueries: [] });
    expect(await getChangeReportByScan(rt.db, second.id)).toMatchObject({ data: { searchDeltas: null } });

    // the dashboard's pages table sorts and filters on the figures in the database
    const byClicks = await pagesTable(rt.db, second.id, { page: 1, pageSize: 3, sort: "clicks", desc: true, q: "", filters: {} });
    expect(byClicks.rows.map((x) => [x.url, x.clicks])).toEqual([[U("/garden/tomatoes"), 50], [U("/sky/planets"), 25], [byClicks.rows[2].url, 0]]);
    expect((await pagesTable(rt.db, second.id, { page: 1, pageSize: 50, sort: "url", desc: false, q: "", filters: { search: "unclicked" } })).rows.map((x) => x.url)).toEqual([U("/garden/roses")]);
    expect((await pagesTable(rt.db, second.id, { page: 1, pageSize: 50, sort: "url", desc: false, q: "", filters: { search: "quick-win" } })).rows.map((x) => x.url)).toEqual([U("/garden/roses")]);

    // newer data: the change report shows each page's clicks and impressions moving
    const newer = ["Top pages,Clicks,Impressions,CTR,Position", `${U("/garden/tomatoes")},80,1500,5.3%,3.0`, `${U("/sky/planets")},25,500,5%,3.0`, `${U("/garden/roses")},12,600,2%,9.0`].join("\n");
    const replaced = await (await post(first.siteId, newer, "?startDate=2026-11-01&endDate=2026-11-28")).json();
    expect(replaced.replaced).toBe(1);
    const third = await scan();
    const changes = (await getChangeReportByScan(rt.db, third.id))?.data as ChangeReport;
    expect(changes.searchDeltas?.current).toEqual({ startDate: "2026-10-01", endDate: "2026-11-28" });
    expect(changes.searchDeltas?.pages.map((p) => [p.url, p.clicks.delta, p.impressions.delta])).toEqual([[U("/garden/tomatoes"), 30, 500], [U("/garden/roses"), 12, 300]]);
  });
});
