import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCrawlOptions, runCrawl } from "@/lib/crawl";
import { parseRuleArgument } from "@/lib/crawl/custom-extract";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { listFetchOutcomes } from "@/lib/db/pages";
import { createTestSchema } from "@/test/support/postgres";
import { createScan } from "@/test/support/crawl-fixtures";
import { serveSite, type TestSite } from "@/test/support/site-server";
import { crawlStore } from "@/lib/db/crawl-store";

/** The crawler's raw SQL (claims, frontier upserts, link inserts) must run on PostgreSQL too: the local server at 127.0.0.1:5432. */

let db: Db;
let site: TestSite;
let pgSchema: Awaited<ReturnType<typeof createTestSchema>>;
beforeAll(async () => {
  pgSchema = await createTestSchema("tg_crawl");
  await migrate({ databaseKind: "postgresql", databaseUrl: pgSchema.url });
  db = openDatabase({ databaseKind: "postgresql", databaseUrl: pgSchema.url });
});
afterAll(async () => {
  await site?.close();
  await db?.$disconnect();
  await pgSchema?.drop();
});

describe("crawl on PostgreSQL", () => {
  it("claims, stores pages and links, follows redirects and finishes the frontier", async () => {
    site = await serveSite({
      "/": `<html><body><main><p>Home <a href="/a" rel="nofollow">a</a></p><a href="/b">b</a><a href="/r">r</a><a href="/r2">r2</a></main></body></html>`,
      "/a": "<p>a</p>",
      "/b": `<html><body><p>b page</p><a href="/c">c</a></body></html>`,
      "/c": "<p>c page</p>",
      "/r": { status: 301, headers: { location: "/c" } },
      "/r2": { status: 301, headers: { location: "/c" } },
    });
    const scanId = await createScan(db, site.url);
    const opts = defaultCrawlOptions(site.url, { allowPrivate: true, concurrency: 2, extract: [parseRuleArgument("para=p"), parseRuleArgument("link=a@href")] });
    const [s1, s2] = await Promise.all([runCrawl(crawlStore(db), scanId, opts, { workerId: "pg-a" }), runCrawl(crawlStore(db), scanId, opts, { workerId: "pg-b" })]);
    // custom extraction values are stored with their pages, one row per page and rule
    const fields = await db.pageField.findMany({ where: { scanId }, select: { name: true, value: true, page: { select: { url: true } } } });
    const valueOf = (path: string, name: string) => fields.find((f) => new URL(f.page.url).pathname === path && f.name === name)?.value;
    expect(fields).toHaveLength(6);
    expect(valueOf("/b", "para")).toBe("b page");
    expect(valueOf("/b", "link")).toBe("/c");
    expect(valueOf("/c", "link")).toBeNull();
    expect([s1.stoppedBy, s2.stoppedBy]).toEqual(["done", "done"]);
    const pages = await db.page.findMany({ where: { scanId }, select: { url: true } });
    expect(pages.map((p) => new URL(p.url).pathname).sort()).toEqual(["/", "/b", "/c"]);
    const nofollow = await db.link.findFirst({ where: { scanId, toUrl: new URL("/a", site.url).href } });
    expect(nofollow?.nofollow).toBe(true);
    // every URL redirecting to /c is recorded, whichever reached it first
    const fetched = await listFetchOutcomes(db, scanId);
    for (const r of ["/r", "/r2"]) expect(fetched.find((f) => f.requestedUrl === new URL(r, site.url).href)?.url).toBe(new URL("/c", site.url).href);
    const open = await db.frontierEntry.count({ where: { scanId, state: { in: ["queued", "fetching"] } } });
    expect(open).toBe(0);
  });

  it("stops two workers at the page cap together", async () => {
    await site?.close();
    const routes: Record<string, string> = { "/": `<html><body>${Array.from({ length: 12 }, (_, i) => `<a href="/p${i}">p${i}</a>`).join(" ")}</body></html>` };
    for (let i = 0; i < 12; i++) routes[`/p${i}`] = `<html><body><p>page ${i}</p><a href="/">home</a></body></html>`;
    site = await serveSite(routes);
    const scanId = await createScan(db, site.url);
    const opts = defaultCrawlOptions(site.url, { allowPrivate: true, concurrency: 3, maxPages: 5 });
    const runs = await Promise.all([runCrawl(crawlStore(db), scanId, opts, { workerId: "cap-a" }), runCrawl(crawlStore(db), scanId, opts, { workerId: "cap-b" })]);
    expect(runs.map((r) => r.stoppedBy)).toEqual(["maxPages", "maxPages"]);
    expect(await db.page.count({ where: { scanId } })).toBe(5);
  });
});
