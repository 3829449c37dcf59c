import { DEFAULT_WORKSPACE_ID } from "../../../lib/db/workspaces";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as importRoute from "@/app/api/v1/sites/[id]/search-data/route";
import { createApiKey } from "@/lib/api/api-keys";
import { quickWinsList } from "@/lib/db/recommendation-views";
import type { ScanReport } from "@/lib/report/scan-report";
import type { Runtime } from "@/lib/runtime";
import { SMALL_SITE } from "../../fixtures/small-site";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { scanToReport, testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";

const note = (title: string, body: string) =>
  SMALL_SITE["/garden/roses"].replace(/Pruning roses/g, title).replace(/<main><h1>[^<]*<\/h1>.*<\/main>/s, `<main><h1>${title}</h1><p>${body}</p></main>`);

/**
 * Search data in the decisions, end to end: a real site on 127.0.0.1 scanned into a real SQLite database, a Search
 * Console export imported through the API, and the next scan's decisions: pages with clicks are never pruned, two pages
 * splitting a query's clicks are cannibals with that query, a query without a page is a gap.
 */
describe("decisions with search data", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;
  let key: string;
  const U = (p: string) => new URL(p, site.url).href;

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = await testRuntime(t.file, { TOPICGATE_ENCODER_TIME_BUDGET_MS: "3000", TOPICGATE_RATE_LIMIT_PER_MINUTE: "1000" });
    (globalThis as { __topicgateRuntime?: Promise<Runtime> }).__topicgateRuntime = Promise.resolve(rt);
    site = await serveSite({
      ...SMALL_SITE,
      // two thin pages nothing links to, found through the sitemap: pruned without search data
      "/garden/old-note": note("Watering note", "Water the garden beds early in the morning so the soil holds the moisture through the day."),
      "/garden/seed-swap": note("Seed swap", "Our seed swap of tomato and rose seeds took place in spring at the garden centre."),
    });
    site.routes.set("/sitemap.xml", {
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${["/", "/garden/old-note", "/garden/seed-swap"].map((p) => `<url><loc>${U(p)}</loc></url>`).join("")}</urlset>`,
    });
    key = (await createApiKey(rt.db, "search-decisions", DEFAULT_WORKSPACE_ID)).key;
  });
  afterAll(async () => {
    delete (globalThis as { __topicgateRuntime?: Promise<Runtime> }).__topicgateRuntime;
    await site.close();
    await rt.close();
    await t.close();
  });

  const scan = () => scanToReport(rt, site.url);
  const post = async (siteId: string, body: string, query = "") => {
    const res = await importRoute.POST(new Request(`http://localhost/api/v1/sites/${siteId}/search-data${query}`, { method: "POST", body, headers: { host: "localhost", authorization: `Bearer ${key}` } }), {
      params: Promise.resolve({ id: siteId }),
    });
    expect(res.status).toBe(201);
  };

  it("never prunes pages with clicks, reports query cannibals with the query, and lists queries without a page as gaps", { timeout: 600_000 }, async () => {
    const first = await scan();
    const forget = (r: ScanReport, p: string) => r.pages.find((x) => x.url === U(p))?.forget;
    expect(first.report.searchData).toMatchObject({ used: false, usedByDecisions: false, statement: expect.stringMatching(/made without search data/) });
    expect(forget(first.report, "/garden/old-note"), JSON.stringify(first.report.pages.find((x) => x.url === U("/garden/old-note")))).toMatchObject({ action: "prune" });
    expect(forget(first.report, "/garden/seed-swap")?.action).toBe("prune");
    expect(forget(first.report, "/garden/compost")?.action).not.toBe("merge");
    expect(first.report.quickWins).toBeUndefined();

    await post(
      first.siteId,
      [
        "Top pages,Clicks,Impressions,CTR,Position",
        `${U("/garden/old-note")},12,300,4%,6.0`,
        `${U("/garden/tomatoes")},45,900,5%,4.2`,
        `${U("/garden/compost")},25,700,3.6%,5.1`,
        `${U("/sky/planets")},8,600,1.3%,12.0`,
      ].join("\n"),
      "?startDate=2026-10-01&endDate=2026-10-28",
    );
    const rows = [
      { keys: ["compost for tomatoes", U("/garden/tomatoes")], clicks: 30, impressions: 500, ctr: 0.06, position: 4.0 },
      { keys: ["compost for tomatoes", U("/garden/compost")], clicks: 20, impressions: 450, ctr: 0.044, position: 5.0 },
      { keys: ["growing tomatoes", U("/garden/tomatoes")], clicks: 15, impressions: 400, ctr: 0.0375, position: 4.5 },
      { keys: ["planets tonight", U("/sky/planets")], clicks: 8, impressions: 600, ctr: 0.013, position: 12.0 },
      { keys: ["balcony tomato pots", U("/balcony-pots")], clicks: 0, impressions: 400, ctr: 0, position: 18.0 },
    ];
    await post(first.siteId, JSON.stringify({ dimensions: ["query", "page"], startDate: "2026-10-01", endDate: "2026-10-28", rows }));

    const second = await scan();
    const r = second.report;
    expect(r.searchData).toMatchObject({ used: true, usedByDecisions: true, statement: expect.stringMatching(/The decisions use it/) });
    // pages with clicks are never pruned; the one that would have been is updated with its numbers as the reason
    const clicked = r.pages.filter((p) => (p.search?.clicks ?? 0) > 0);
    expect(clicked.map((p) => p.url).sort()).toEqual([U("/garden/compost"), U("/garden/old-note"), U("/garden/tomatoes"), U("/sky/planets")].sort());
    for (const p of clicked) expect(p.forget.action).not.toBe("prune");
    expect(forget(r, "/garden/old-note")?.action).toBe("update");
    expect(forget(r, "/garden/old-note")?.reasons.join(" ")).toContain("search value: 12 clicks, 300 impressions (avg. position 6.0) over 28 days; not pruned");
    // a page without search value is still pruned, and says so
    expect(forget(r, "/garden/seed-swap")).toMatchObject({ action: "prune", reasons: expect.arrayContaining([expect.stringMatching(/^no search value: 0 clicks, 0 impressions/)]) });

    // the two pages splitting "compost for tomatoes" are cannibals, with the query as evidence
    const compost = forget(r, "/garden/compost");
    expect(compost).toMatchObject({ action: "merge", mergeInto: U("/garden/tomatoes") });
    expect(compost?.reasons[0]).toMatch(/^cannibalises .*"compost for tomatoes" \(30 vs 20 clicks, positions 4\.0 and 5\.0\)/);
    const cannibalIssue = r.issues?.find((i) => i.code === "cannibalisation");
    expect(cannibalIssue?.pageUrls).toContain(U("/garden/compost"));

    // a query without a page is a gap; a query at position 12 is a quick win on the page that ranks
    expect(r.gaps).toContainEqual(expect.objectContaining({ keyphrase: "balcony tomato pots", source: "query", evidence: [], query: expect.objectContaining({ impressions: 400, reason: "no-page" }) }));
    expect(r.quickWins).toContainEqual(expect.objectContaining({ query: "planets tonight", url: U("/sky/planets"), position: 12 }));
    expect((await quickWinsList(rt.db, second.id)).map((w) => w.query)).toContain("planets tonight");
  });
});
