import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import type { ClaimedEntry, NewFrontierUrl, PageCommit, PageRecord } from "@/lib/crawl/store";
import { commitFetchedPage, commitFetchedPages } from "@/lib/db/crawl-commits";
import { claimFrontierEntries, enqueueFrontierUrls } from "@/lib/db/crawl-frontier";
import { createTestSchema } from "@/test/support/postgres";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createScan } from "@/test/support/crawl-fixtures";

/** The frontier's raw SQL on both backends: depth lowering, and concurrent commits that share each other's URLs. */

const link = (url: string, depth: number, parentUrl: string | null = null): NewFrontierUrl => ({ url, depth, source: "link", parentUrl });

const page = (url: string): PageRecord => ({
  url,
  requestedUrl: url,
  depth: 1,
  status: 200,
  contentType: "text/html",
  charset: "utf-8",
  bytes: 100,
  responseMs: 5,
  redirectChain: null,
  title: `Title of ${url}`,
  metaDescription: null,
  canonical: null,
  headings: [{ level: 1, text: "Heading" }],
  mainText: "Some text",
  wordCount: 2,
  language: "en",
  publishedAt: null,
  modifiedAt: new Date("2024-05-06T07:08:09.010Z"),
  contentHash: "h",
  simhash: "0000000000000000",
  noindex: false,
  nofollow: true,
  inSitemap: false,
  extra: { blockHashes: ["a"] },
});

const fetched = (scanId: string, entry: ClaimedEntry, workerId: string, over: Partial<PageCommit> = {}): PageCommit => ({
  scanId,
  entryId: entry.id,
  workerId,
  entryState: "done",
  entryError: null,
  page: page(entry.url),
  links: [{ toUrl: `${entry.url}/next`, anchor: "next", rel: null, nofollow: false, position: "content", context: "Go next." }],
  discovered: [link(`${entry.url}/next`, 2, entry.url)],
  redirectTarget: null,
  ...over,
});

function frontierSuite(name: string, open: () => Promise<{ db: Db; close(): Promise<void> }>) {
  describe(`frontier store on ${name}`, () => {
    let db: Db;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await open());
    });
    afterAll(async () => close?.());

    it("keeps one row per URL, lowers the depth of queued rows only, and leaves claimed rows alone", async () => {
      const scanId = await createScan(db, "https://example.test/");
      await enqueueFrontierUrls(db, scanId, [link("https://example.test/a", 3), link("https://example.test/b", 3), link("https://example.test/c", 1)]);
      const [claimed] = (await claimFrontierEntries(db, scanId, "w1", 1, new Date())).entries;
      expect(claimed.url).toBe("https://example.test/c");
      await enqueueFrontierUrls(db, scanId, [
        link("https://example.test/a", 1, "https://example.test/"),
        link("https://example.test/b", 4, "https://example.test/x"),
        link("https://example.test/c", 0, "https://example.test/"),
        link("https://example.test/d", 2),
      ]);
      const rows = await db.frontierEntry.findMany({ where: { scanId }, orderBy: { url: "asc" }, select: { url: true, depth: true, parentUrl: true, state: true } });
      expect(rows.map((r) => [r.url.slice(-1), r.depth, r.parentUrl, r.state])).toEqual([
        ["a", 1, "https://example.test/", "queued"],
        ["b", 3, null, "queued"],
        ["c", 1, null, "fetching"],
        ["d", 2, null, "queued"],
      ]);
    });

    it("commits many pages at once whose links include each other's claimed entries, each exactly once", async () => {
      const scanId = await createScan(db, "https://example.test/");
      const urls = Array.from({ length: 16 }, (_, i) => `https://example.test/p${String(i).padStart(2, "0")}`);
      await enqueueFrontierUrls(db, scanId, urls.map((u) => link(u, 1)));
      const claims = [];
      for (let w = 0; w < 4; w++) claims.push((await claimFrontierEntries(db, scanId, `w${w}`, 4, new Date())).entries);
      expect(claims.flat()).toHaveLength(16);
      // every page links to every other page plus new ones, in its own order: the navigation of a real site
      const outcomes = await Promise.all(
        claims.flatMap((batch, w) =>
          batch.map((entry) =>
            commitFetchedPage(db, {
              scanId,
              entryId: entry.id,
              workerId: `w${w}`,
              entryState: "done",
              entryError: null,
              page: null,
              links: [],
              discovered: [...urls, ...urls.map((u) => `${u}/child`)].reverse().map((u) => link(u, 2, entry.url)),
              redirectTarget: null,
            }),
          ),
        ),
      );
      expect(outcomes.every((o) => o === "saved")).toBe(true);
      const rows = await db.frontierEntry.groupBy({ by: ["state"], where: { scanId }, _count: { _all: true } });
      expect(Object.fromEntries(rows.map((r) => [r.state, r._count._all]))).toEqual({ done: 16, queued: 16 });
    });

    it("stores a batch in one go but nothing of a page whose claim another worker took over", async () => {
      const scanId = await createScan(db, "https://example.test/");
      await enqueueFrontierUrls(db, scanId, ["a", "b", "c"].map((p) => link(`https://example.test/${p}`, 1)));
      const { entries } = await claimFrontierEntries(db, scanId, "w1", 3, new Date());
      // the lease on /b ran out and another worker claimed it
      await db.frontierEntry.update({ where: { id: entries[1].id }, data: { claimedBy: "w2" } });
      const outcomes = await commitFetchedPages(db, entries.map((e) => fetched(scanId, e, "w1")));
      expect(outcomes).toEqual(["saved", "lost-claim", "saved"]);
      const pages = await db.page.findMany({ where: { scanId }, orderBy: { url: "asc" } });
      expect(pages.map((p) => p.url)).toEqual(["https://example.test/a", "https://example.test/c"]);
      expect(await db.crawlTally.findUnique({ where: { scanId } })).toMatchObject({ pages: 2 });
      // every column round-trips as Prisma itself would store it
      expect(pages[0]).toMatchObject({ ...page("https://example.test/a"), scanId });
      const links = await db.link.findMany({ where: { scanId }, orderBy: { id: "asc" } });
      expect(links.map((l) => l.fromUrl)).toEqual(["https://example.test/a", "https://example.test/c"]);
      expect(links[0]).toMatchObject({ toUrl: "https://example.test/a/next", anchor: "next", nofollow: false, position: "content", context: "Go next." });
      const frontier = await db.frontierEntry.findMany({ where: { scanId }, orderBy: { url: "asc" }, select: { url: true, state: true, claimedBy: true } });
      expect(frontier.map((f) => [f.url.slice("https://example.test/".length), f.state, f.claimedBy])).toEqual([
        ["a", "done", "w1"],
        ["a/next", "queued", null],
        ["b", "fetching", "w2"],
        ["c", "done", "w1"],
        ["c/next", "queued", null],
      ]);
    });

    it("stores a final URL reached twice in one batch once, and link text PostgreSQL cannot hold as JSON as U+FFFD", async () => {
      const scanId = await createScan(db, "https://example.test/");
      await enqueueFrontierUrls(db, scanId, ["r1", "r2"].map((p) => link(`https://example.test/${p}`, 1)));
      const { entries } = await claimFrontierEntries(db, scanId, "w1", 2, new Date());
      const final = "https://example.test/final";
      const odd = { toUrl: "https://example.test/x", anchor: "lone \ud800 and nul \u0000 and \\u0000 kept", rel: "nofollow", nofollow: true, position: "footer" as const, context: null };
      const outcomes = await commitFetchedPages(
        db,
        entries.map((e) =>
          fetched(scanId, e, "w1", { page: { ...page(final), requestedUrl: e.url }, links: [odd], redirectTarget: { url: final, depth: 1, parentUrl: e.url } }),
        ),
      );
      expect(outcomes).toEqual(["saved", "duplicate"]);
      expect(await db.page.count({ where: { scanId } })).toBe(1);
      // the page cap's tally counts the page stored, not the duplicate
      expect(await db.crawlTally.findUnique({ where: { scanId } })).toMatchObject({ pages: 1 });
      const links = await db.link.findMany({ where: { scanId } });
      expect(links.map((l) => [l.anchor, l.nofollow, l.rel])).toEqual([["lone \ufffd and nul \ufffd and \\u0000 kept", true, "nofollow"]]);
      const states = await db.frontierEntry.groupBy({ by: ["state"], where: { scanId }, _count: { _all: true } });
      expect(Object.fromEntries(states.map((r) => [r.state, r._count._all]))).toEqual({ done: 3, queued: 1 });
    });

    it("claims at most the limit while other workers claim, store pages and lower depths at the same time", async () => {
      const scanId = await createScan(db, "https://example.test/");
      const urls = Array.from({ length: 600 }, (_, i) => `https://example.test/q${String(i).padStart(4, "0")}`);
      await enqueueFrontierUrls(db, scanId, urls.map((u) => link(u, 3)));
      const sizes: number[] = [];
      const worker = async (w: number) => {
        for (let round = 0; round < 12; round++) {
          const { entries } = await claimFrontierEntries(db, scanId, `w${w}`, 4, new Date());
          sizes.push(entries.length);
          // store what was claimed, and find shallower routes to URLs still queued, as a crawl does
          await commitFetchedPages(
            db,
            entries.map((e) => fetched(scanId, e, `w${w}`, { discovered: urls.slice(round * 40 + w * 7, round * 40 + w * 7 + 30).map((u) => link(u, 2)) })),
          );
        }
      };
      await Promise.all([0, 1, 2, 3].map(worker));
      expect(sizes).toHaveLength(48);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
      expect(await db.frontierEntry.count({ where: { scanId, state: "fetching" } })).toBe(0);
      expect(await db.frontierEntry.count({ where: { scanId, state: "done" } })).toBe(sizes.reduce((a, b) => a + b, 0));
    });

    it("never claims more than the page cap allows, counting every worker's pages and claims", async () => {
      const scanId = await createScan(db, "https://example.test/");
      await enqueueFrontierUrls(db, scanId, ["a", "b", "c", "d", "e"].map((p) => link(`https://example.test/${p}`, 1)));
      const first = await claimFrontierEntries(db, scanId, "w1", 2, new Date(), 4);
      await commitFetchedPages(db, [fetched(scanId, first.entries[0], "w1")]);
      const second = await claimFrontierEntries(db, scanId, "w2", 10, new Date(), 4);
      expect([first.entries.length, second.entries.length]).toEqual([2, 2]);
      expect(second).toMatchObject({ stored: 1, fetching: 1 });
      const third = await claimFrontierEntries(db, scanId, "w3", 10, new Date(), 4);
      expect(third).toMatchObject({ entries: [], stored: 1, fetching: 3 });
    });
  });
}

frontierSuite("SQLite", async () => {
  const tdb: TestDatabase = await createTestDatabase();
  return { db: tdb.db, close: () => tdb.close() };
});

frontierSuite("PostgreSQL", async () => {
  const schema = await createTestSchema("tg_frontier");
  await migrate({ databaseKind: "postgresql", databaseUrl: schema.url });
  const db = openDatabase({ databaseKind: "postgresql", databaseUrl: schema.url });
  return {
    db,
    async close() {
      await db.$disconnect();
      await schema.drop();
    },
  };
});
