import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChangeReportByScan } from "@/lib/db/change-reports";
import { loadEmbeddings } from "@/lib/db/embeddings";
import { listHtmlPages } from "@/lib/db/pages";
import { getScanReport } from "@/lib/db/scans";
import { runScan } from "@/lib/pipeline/run-scan";
import { createScanRecord } from "@/lib/pipeline/scan-jobs";
import type { ChangeReport } from "@/lib/report/change-report";
import type { ScanReport } from "@/lib/report/scan-report";
import type { Runtime } from "@/lib/runtime";
import type { EncoderKind } from "@/lib/encode/options";
import { worklistSite } from "../../fixtures/worklist-site";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { testRuntime } from "../../support/runtime";
import { serveSite, type TestSite } from "../../support/site-server";

/** The same unchanged site scanned twice into one database: the audit must not move. */
describe("rescanning an unchanged site", () => {
  let t: TestDatabase;
  let rt: Runtime;
  let site: TestSite;

  const scan = async (encoder?: EncoderKind): Promise<{ id: string; report: ScanReport }> => {
    const record = await createScanRecord(rt, { url: site.url, maxPages: 60, allowPrivate: true, trigger: "manual", encoder });
    await runScan({ db: rt.db, config: rt.config, logger: rt.logger }, record.id);
    return { id: record.id, report: (await getScanReport(rt.db, record.id)) as ScanReport };
  };
  const vectorsByUrl = async (scanId: string): Promise<Record<string, number[]>> => {
    const vectors = await loadEmbeddings(rt.db, scanId);
    return Object.fromEntries((await listHtmlPages(rt.db, scanId)).map((p) => [p.url, Array.from(vectors.get(p.id) ?? [])]));
  };
  const topics = (r: ScanReport) => r.topics.map((x) => ({ label: x.label, pages: x.pageCount, core: x.isCore }));
  const actions = (r: ScanReport) => Object.fromEntries(r.pages.map((p) => [p.url, { action: p.forget.action, topicId: p.topicId }]));

  beforeAll(async () => {
    t = await createTestDatabase();
    // a generous safety stop: the run must end on its token budget, as a reproducible run does
    rt = await testRuntime(t.file, { TOPICGATE_ENCODER_TIME_BUDGET_MS: "600000" });
    site = await serveSite(worklistSite());
  });
  afterAll(async () => {
    await site.close();
    await rt.close();
    await t.close();
  });

  it("gives the same topics, actions and authority, and a change report without drift", { timeout: 900_000 }, async () => {
    const first = await scan();
    const second = await scan();
    expect(first.report.scan.encoder?.kind).toBe("lstm");
    expect(first.report.scan.encoder?.stoppedBy).not.toBe("time");
    expect(second.report.scan.encoder?.reusedModelOf).toBe(first.id);
    expect(topics(second.report)).toEqual(topics(first.report));
    expect(actions(second.report)).toEqual(actions(first.report));
    expect(Math.abs((second.report.site.authority as number) - (first.report.site.authority as number))).toBeLessThanOrEqual(0.5);
    const a = await vectorsByUrl(first.id);
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(await vectorsByUrl(second.id)).toEqual(a);

    const changes = (await getChangeReportByScan(rt.db, second.id))?.data as ChangeReport;
    expect(changes.pagesChanged).toEqual([]);
    expect(changes.topicDrift.movedPages).toEqual([]);
    expect(changes.topicDrift.appeared).toEqual([]);
    expect(changes.topicDrift.vanished).toEqual([]);
    expect(changes.topicDrift.split).toEqual([]);
    expect(changes.topicDrift.merged).toEqual([]);
    expect(Math.abs(changes.scoreDeltas.authority.delta)).toBeLessThanOrEqual(0.5);

    // every page with text has its coherence, sections named
    const scored = second.report.pages.filter((p) => p.coherence);
    expect(scored.length).toBeGreaterThan(0);
    for (const p of scored) expect(p.coherence!.sections.every((s) => s.heading.length > 0)).toBe(true);
  });

  it("runs lexical-only with --encoder none: no model, no page vectors, kind none in the report", { timeout: 300_000 }, async () => {
    const none = await scan("none");
    expect(none.report.scan.encoder?.kind).toBe("none");
    expect((await loadEmbeddings(rt.db, none.id)).size).toBe(0);
    expect(none.report.topics.length).toBeGreaterThan(0);
    expect(none.report.pages.every((p) => p.coherence === null)).toBe(true);
  });

  it("trains a GRU when asked, without reusing the LSTM of earlier scans", { timeout: 600_000 }, async () => {
    const gru = await scan("gru");
    expect(gru.report.scan.encoder?.kind).toBe("gru");
    expect(gru.report.scan.encoder?.cell).toBe("gru");
    expect(gru.report.scan.encoder?.reusedModelOf).toBeNull();
  });
});
