import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { claimSearchConsoleRefresh, listDueSearchConsoles, upsertSearchConsole } from "@/lib/db/search-console";
import { insertSearchDataSets, listSearchRows, listSiteSearchDataSets, searchDataSetsForScan } from "@/lib/db/search-data";
import { upsertSite } from "@/lib/db/sites";
import { parseSearchData } from "@/lib/search/parse";
import { twoPostgresServers } from "@/test/support/postgres";

/** Search data storage on PostgreSQL (scale-out): imports replace by source and kind, scan-only data stays apart, refresh claims are exclusive. */
let a: Db;
let b: Db;
let servers: Awaited<ReturnType<typeof twoPostgresServers>>;
beforeAll(async () => {
  servers = await twoPostgresServers("tg_search");
  ({ a, b } = servers);
});
afterAll(() => servers?.close());

const csv = (clicks: number) => new TextEncoder().encode(`Top pages,Clicks,Impressions,CTR,Position\nhttps://pg.example/a,${clicks},100,1%,3.5\nhttps://pg.example/b,0,10,0%,30\n`);

describe("search data on PostgreSQL", () => {
  it("stores rows, replaces a site's set of the same source and kind, and keeps a scan's own data apart", async () => {
    const site = await upsertSite(a, "https://pg.example/");
    const sets = parseSearchData(csv(5), { siteUrl: site.url, startDate: "2026-10-01", endDate: "2026-10-28" });
    await insertSearchDataSets(a, { siteId: site.id, scanId: null, origin: "api", fileName: "Pages.csv", sets });
    const again = await insertSearchDataSets(b, { siteId: site.id, scanId: null, origin: "api", fileName: "Pages.csv", sets: parseSearchData(csv(9), { siteUrl: site.url }) });
    expect(again.replaced).toBe(1);
    const current = await listSiteSearchDataSets(a, site.id);
    expect(current.map((s) => [s.kind, s.rowCount, s.startDate])).toEqual([["page", 2, null]]);
    expect((await listSearchRows(a, current[0].id))[0]).toMatchObject({ page: "https://pg.example/a", clicks: 9, impressions: 100, position: 3.5 });

    await insertSearchDataSets(a, { siteId: site.id, scanId: "scan-1", origin: "cli", fileName: null, sets: parseSearchData(csv(1), { siteUrl: site.url }) });
    expect((await searchDataSetsForScan(a, site.id, "scan-1")).map((s) => s.origin)).toEqual(["cli"]);
    expect((await searchDataSetsForScan(a, site.id, "scan-2")).map((s) => s.origin)).toEqual(["api"]);
    expect(await listSiteSearchDataSets(a, site.id)).toHaveLength(1);
  });

  it("never reads a half-written set, and the next import of its kind removes one an import left behind", async () => {
    const site = await upsertSite(a, "https://pg-partial.example/");
    const left = await a.searchDataSet.create({ data: { siteId: site.id, source: "gsc", kind: "page", format: "gsc-pages-csv", origin: "api", rowCount: 2, createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    expect(await listSiteSearchDataSets(a, site.id)).toEqual([]);
    await insertSearchDataSets(a, { siteId: site.id, scanId: null, origin: "api", fileName: null, sets: parseSearchData(csv(3), { siteUrl: site.url }) });
    expect(await a.searchDataSet.findUnique({ where: { id: left.id } })).toBeNull();
    expect(await listSiteSearchDataSets(a, site.id)).toHaveLength(1);
  });

  it("lets exactly one of two servers claim a due connector refresh", async () => {
    const site = await upsertSite(a, "https://pg-claim.example/");
    const due = new Date("2026-11-01T00:00:00Z");
    await upsertSearchConsole(a, site.id, { property: "sc-domain:pg-claim.example", clientEmail: "x@y.iam.gserviceaccount.com", encryptedKey: "v1:x", rangeDays: 28, enabled: true, nextRefreshAt: due });
    const [listed] = (await listDueSearchConsoles(a, due)).filter((d) => d.siteId === site.id);
    const next = new Date(due.getTime() + 86_400_000);
    const wins = await Promise.all([claimSearchConsoleRefresh(a, site.id, listed.nextRefreshAt, next), claimSearchConsoleRefresh(b, site.id, listed.nextRefreshAt, next)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
