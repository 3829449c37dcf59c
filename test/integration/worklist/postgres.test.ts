import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAlertDelivery } from "@/lib/db/alerts";
import { openDatabase, type Db } from "@/lib/db/client";
import { instanceSecret } from "@/lib/db/instance-secrets";
import { listIssueStatuses, listScanIssues, reopenIssueStatuses, saveScanIssues, setIssueStatus, siteHasIssue } from "@/lib/db/issues";
import { migrate } from "@/lib/db/migrate";
import { createScan } from "@/lib/db/scans";
import { upsertSite } from "@/lib/db/sites";
import { listSuggestionStatuses, markSuggestionsApplied, setSuggestionStatus } from "@/lib/db/suggestion-statuses";
import { createTestSchema } from "@/test/support/postgres";

/** The work list's storage on PostgreSQL (scale-out): two clients stand for two stateless servers or workers. */
let a: Db;
let b: Db;
let pgSchema: Awaited<ReturnType<typeof createTestSchema>>;
beforeAll(async () => {
  pgSchema = await createTestSchema("tg_work");
  await migrate({ databaseKind: "postgresql", databaseUrl: pgSchema.url });
  a = openDatabase({ databaseKind: "postgresql", databaseUrl: pgSchema.url });
  b = openDatabase({ databaseKind: "postgresql", databaseUrl: pgSchema.url });
});
afterAll(async () => {
  await a?.$disconnect();
  await b?.$disconnect();
  await pgSchema?.drop();
});

describe("work list on PostgreSQL", () => {
  it("stores a scan's issues, keeps statuses per site, lets a whole-code status replace page statuses, and reopens", async () => {
    const site = await upsertSite(a, "https://pg-work.example/");
    const scan = await createScan(a, { siteId: site.id, url: site.url, options: { maxPages: 5, maxDepth: 2, concurrency: 1, allowPrivate: false }, trigger: "manual" });
    const issues = [
      { code: "broken_link", key: "https://pg-work.example/a", pageUrl: "https://pg-work.example/a", detail: "links to /x (HTTP 404)", severity: "error" as const },
      { code: "thin_page", key: "https://pg-work.example/b", pageUrl: "https://pg-work.example/b", detail: null, severity: "warning" as const },
    ];
    await saveScanIssues(a, scan.id, issues);
    await saveScanIssues(b, scan.id, issues); // a resumed scan stores them again: replaced, not doubled
    expect(await listScanIssues(b, scan.id)).toHaveLength(2);
    expect(await siteHasIssue(b, site.id, "broken_link", "https://pg-work.example/a")).toBe(true);

    await setIssueStatus(a, site.id, "thin_page", "https://pg-work.example/b", "ignored");
    await setIssueStatus(b, site.id, "thin_page", "", "resolved");
    expect((await listIssueStatuses(a, site.id)).map((s) => [s.code, s.key, s.status])).toEqual([["thin_page", "", "resolved"]]);
    await reopenIssueStatuses(b, site.id, scan.id, [{ code: "thin_page", key: "" }]);
    expect((await listIssueStatuses(a, site.id))[0].status).toBe("open");
  });

  it("marks only approved suggestions applied, and records one alert digest per scan and channel when two workers race", async () => {
    const site = await upsertSite(a, "https://pg-work2.example/");
    const scan = await createScan(a, { siteId: site.id, url: site.url, options: { maxPages: 5, maxDepth: 2, concurrency: 1, allowPrivate: false }, trigger: "schedule" });
    const s = (id: string) => ({ suggestionId: id, fromUrl: `https://pg-work2.example/${id}`, toUrl: "https://pg-work2.example/t", anchor: "t" });
    await setSuggestionStatus(a, site.id, s("s1"), "approved");
    await setSuggestionStatus(b, site.id, s("s2"), "rejected");
    await markSuggestionsApplied(b, site.id, scan.id, ["s1", "s2"]);
    expect((await listSuggestionStatuses(a, site.id)).map((x) => [x.suggestionId, x.status, x.appliedScanId]).sort()).toEqual([["s1", "applied", scan.id], ["s2", "rejected", null]]);

    const digest = { subject: "x", siteUrl: site.url, scanId: scan.id, sections: [], links: {} };
    const ids = await Promise.all([a, b, a, b].map((db) => insertAlertDelivery(db, { siteId: site.id, scanId: scan.id, channel: "email", target: "a@b.test", digest })));
    expect(ids.filter(Boolean)).toHaveLength(1);
  });

  it("makes one share-link signing key when two servers ask for it at once", async () => {
    let made = 0;
    const gen = () => `key-${++made}`;
    const keys = await Promise.all([instanceSecret(a, "k", gen), instanceSecret(b, "k", gen), instanceSecret(a, "k", gen)]);
    expect(new Set(keys).size).toBe(1);
  });
});
