import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { claimFrontierEntries, commitFetchedPage, enqueueFrontierUrls, type NewFrontierUrl } from "@/lib/db/crawl-store";
import { createTestSchema } from "@/test/support/postgres";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { createScan } from "@/test/support/crawl-fixtures";

/** The frontier's raw SQL on both backends: depth lowering, and concurrent commits that share each other's URLs. */

const link = (url: string, depth: number, parentUrl: string | null = null): NewFrontierUrl => ({ url, depth, source: "link", parentUrl });

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
      const [claimed] = await claimFrontierEntries(db, scanId, "w1", 1, new Date());
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
      for (let w = 0; w < 4; w++) claims.push(await claimFrontierEntries(db, scanId, `w${w}`, 4, new Date()));
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
