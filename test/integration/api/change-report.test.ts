import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChangeReportByScan } from "@/lib/db/change-reports";
import { compareScanIds } from "@/lib/pipeline/change-reports";
import { runScan } from "@/lib/pipeline/run-scan";
import { createScanRecord } from "@/lib/pipeline/scan-jobs";
import type { ChangeReport } from "@/lib/report/change-report";
import type { Runtime } from "@/lib/runtime";
import { SMALL_SITE } from "../../fixtures/small-site";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";

/** Changes one page of the fixture: `edit` rewrites its HTML. */
function edit(site: TestSite, path: string, change: (html: string) => string): void {
  site.routes.set(path, change(site.routes.get(path) as string));
}

describe("change report between two scans of a changed site", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;

  beforeAll(async () => {
    t = await createTestDatabase();
    rt = await testRuntime(t.file);
    site = await serveSite({ ...SMALL_SITE });
  });
  afterAll(async () => {
    await site.close();
    await rt.close();
    await t.close();
  });

  const scan = async () => {
    const record = await createScanRecord(rt, { url: site.url, maxPages: 50, allowPrivate: true, trigger: "manual" });
    const done = await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, record.id);
    expect(done.status).toBe("done");
    return done.id;
  };
  const U = (p: string) => new URL(p, site.url).href;

  it("lists exactly the pages added, removed and edited and the content links lost and gained", { timeout: 400_000 }, async () => {
    const first = await scan();
    expect(await getChangeReportByScan(rt.db, first)).toBeNull(); // a site's first scan has nothing to compare with

    // added: a comets page linked from the stargazing guide; removed: the compost page and the link to it;
    // edited: the roses page's text; a new content link from tomatoes to roses
    site.routes.set("/sky/comets", (SMALL_SITE["/sky/moon"] as string).replace(/Phases of the moon/g, "Watching comets").replace(/<p>.*<\/p>/, "<p>Comets are icy bodies that grow bright tails of gas and dust when their orbit brings them near the sun. Binoculars and a small telescope show comets best in a dark sky away from city lights.</p>"));
    edit(site, "/sky/", (h) => h.replace('<a href="/sky/moon">the phases of the moon</a>', '<a href="/sky/moon">the phases of the moon</a>, <a href="/sky/comets">watching comets</a>'));
    site.routes.delete("/garden/compost");
    edit(site, "/garden/", (h) => h.replace(' and <a href="/garden/compost">making compost</a>', ""));
    edit(site, "/garden/roses", (h) => h.replace("Prune roses in late winter.", "Prune roses in early spring, once hard frosts are over."));
    edit(site, "/garden/tomatoes", (h) => h.replace("feed them compost.", 'feed them compost, as you would <a href="/garden/roses">roses</a>.'));

    const second = await scan();
    const stored = await getChangeReportByScan(rt.db, second);
    expect(stored).not.toBeNull();
    const r = stored!.data as ChangeReport;
    expect(r.scanId).toBe(second);
    expect(r.previousScanId).toBe(first);
    expect(r.pagesAdded).toEqual([U("/sky/comets")]);
    expect(r.pagesRemoved).toEqual([U("/garden/compost")]);
    expect(r.pagesChanged).toEqual([U("/garden/"), U("/garden/roses"), U("/garden/tomatoes"), U("/sky/")]);
    expect(r.statusChanges).toEqual([]);
    expect(r.linksLost).toEqual([{ fromUrl: U("/garden/"), toUrl: U("/garden/compost") }]);
    // gained: the two new links, plus whatever the new page itself links to (all of it new)
    const fromNewPage = r.linksGained.filter((l) => l.fromUrl === U("/sky/comets"));
    expect(r.linksGained.filter((l) => l.fromUrl !== U("/sky/comets"))).toEqual([
      { fromUrl: U("/garden/tomatoes"), toUrl: U("/garden/roses") },
      { fromUrl: U("/sky/"), toUrl: U("/sky/comets") },
    ]);
    for (const l of fromNewPage) expect(site.routes.get("/sky/comets")).toContain(`href="${new URL(l.toUrl).pathname}"`);
    for (const k of ["authority", "core", "input", "forget", "output"] as const) {
      expect(r.scoreDeltas[k].delta).toBeCloseTo(r.scoreDeltas[k].current - r.scoreDeltas[k].previous, 1);
    }
    expect(stored!.summary).toMatchObject({ pagesAdded: 1, pagesRemoved: 1, pagesChanged: 4, linksLost: 1, linksGained: 2 + fromNewPage.length });
    // `topicgate compare A B` computes the same report
    expect(await compareScanIds(rt.db, first, second)).toEqual(r);
  });
});
