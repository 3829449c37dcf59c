import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanIssues, scanSuggestions, setScanSuggestionStatus, setSiteIssueStatus } from "@/lib/api/issues";
import { getChangeReportByScan } from "@/lib/db/change-reports";
import { getScanReport } from "@/lib/db/scans";
import { runScan } from "@/lib/pipeline/run-scan";
import { createScanRecord } from "@/lib/pipeline/scan-jobs";
import type { ChangeReport } from "@/lib/report/change-report";
import type { Runtime } from "@/lib/runtime";
import { worklistSite } from "../../fixtures/worklist-site";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";

/** Statuses that last: real scans of a real local site, statuses set between them through lib/api. */
describe("issue and suggestion statuses across scans of one site", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;
  const U = (p: string) => new URL(p, site.url).href;
  const scan = async () => {
    const record = await createScanRecord(rt, { url: site.url, maxPages: 50, allowPrivate: true, trigger: "manual" });
    const done = await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, record.id);
    expect(done.status).toBe("done");
    return done;
  };
  const issue = async (scanId: string, code: string, url: string) => {
    const { issues } = await scanIssues(rt, scanId);
    return issues.find((i) => i.code === code && i.pageUrls.includes(url));
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = await testRuntime(t.file, { TOPICGATE_ENCODER_TIME_BUDGET_MS: "3000" });
    site = await serveSite(worklistSite());
  });
  afterAll(async () => {
    await site.close();
    await rt.close();
    await t.close();
  });

  it("keeps an ignored issue ignored and out of the health score, reopens a resolved one found again, and marks an approved suggestion applied once its link is crawled", { timeout: 400_000 }, async () => {
    const first = await scan();
    const broken = await issue(first.id, "broken_link", U("/garden/roses"));
    expect(broken).toMatchObject({ severity: "error", status: "open" });
    expect(broken!.items[0].detail).toContain(`${U("/garden/old-roses")} (HTTP 404)`);
    const report1 = (await getScanReport(rt.db, first.id))!;
    expect(report1.issues!.map((i) => i.code)).toEqual(expect.arrayContaining(["broken_link", "missing_description"]));
    expect(report1.issuesSummary!.pagesWithOpenErrors).toBeGreaterThanOrEqual(1);
    const health1 = (await scanIssues(rt, first.id)).summary.health;

    await setSiteIssueStatus(rt, first.siteId, { code: "broken_link", pageUrl: U("/garden/roses"), status: "ignored" });
    await setSiteIssueStatus(rt, first.siteId, { code: "missing_description", pageUrl: U("/sky/moon"), status: "resolved" }); // marked fixed, but it is not
    await expect(setSiteIssueStatus(rt, first.siteId, { code: "broken_link", pageUrl: U("/sky/"), status: "ignored" })).rejects.toThrow(/No scan of this site found/);
    await expect(setSiteIssueStatus(rt, first.siteId, { code: "no_such_code", status: "ignored" })).rejects.toThrow(/Unknown issue code/);
    const ignoredNow = await scanIssues(rt, first.id);
    expect(ignoredNow.summary.health).toBeGreaterThan(health1);

    const suggestions = await scanSuggestions(rt, first.id);
    expect(suggestions.length).toBeGreaterThan(0);
    const chosen = suggestions[0];
    expect(chosen.status).toBe("pending");
    expect((await setScanSuggestionStatus(rt, first.id, chosen.id, "approved")).status).toBe("approved");
    await expect(setScanSuggestionStatus(rt, first.id, "nope", "approved")).rejects.toThrow(/no link suggestion/);

    // between the scans: the editor adds the approved link, fixes one description, and breaks a link on the sky page
    const from = new URL(chosen.fromUrl).pathname;
    site.routes.set(from, (site.routes.get(from) as string).replace("</main>", `<p>More: <a href="${new URL(chosen.toUrl).pathname}">${chosen.anchor}</a>.</p></main>`));
    site.routes.set("/sky/planets", (site.routes.get("/sky/planets") as string).replace("<title>", '<meta name="description" content="Which planets a small telescope shows."><title>'));
    site.routes.set("/sky/", (site.routes.get("/sky/") as string).replace("</main>", '<p><a href="/sky/comets-gone">Comets</a></p></main>'));

    const second = await scan();
    expect(await issue(second.id, "broken_link", U("/garden/roses"))).toMatchObject({ status: "ignored" });
    expect(await issue(second.id, "missing_description", U("/sky/moon"))).toMatchObject({ status: "open" }); // reopened
    const reopened = await rt.db.issueStatus.findFirst({ where: { siteId: second.siteId, code: "missing_description", key: U("/sky/moon") } });
    expect(reopened).toMatchObject({ status: "open", reopenedByScanId: second.id });
    const { summary } = await scanIssues(rt, second.id);
    // only the new broken link on /sky/ is an open error: the ignored one on /garden/roses is out of the score
    expect(summary.pagesWithOpenErrors).toBe(1);
    expect(summary.health).toBeCloseTo((100 * (summary.pages - 1)) / summary.pages, 1);

    const after = (await scanSuggestions(rt, first.id)).find((s) => s.id === chosen.id);
    expect(after?.status).toBe("applied");
    expect((await rt.db.suggestionStatus.findFirst({ where: { suggestionId: chosen.id } }))?.appliedScanId).toBe(second.id);

    const changes = (await getChangeReportByScan(rt.db, second.id))!.data as ChangeReport;
    expect(changes.issuesNew!.filter((i) => i.code === "broken_link").map((i) => i.pageUrl)).toEqual([U("/sky/")]);
    expect(changes.issuesResolved!.filter((i) => i.code === "missing_description").map((i) => i.pageUrl)).toEqual([U("/sky/planets")]);
  });
});
