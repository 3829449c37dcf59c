import { describe, expect, it } from "vitest";
import { compareScans, summarizeChanges, type ScanSnapshot } from "@/lib/report/change-report";
import { changeReportTable } from "@/lib/report/change-exports";
import { changeReportHtml, changeReportMarkdown } from "@/lib/report/change-summary";

const U = (p: string) => `https://example.com${p}`;

interface P {
  path: string;
  topic: number | null;
  inlinks?: number;
  offTopic?: boolean;
  utility?: boolean;
  hash?: string;
  status?: number;
}

function snapshot(id: string, opts: { pages: P[]; topics: { id: number; label: string; keyphrases?: string[] }[]; links: [string, string, string?][]; authority: number; extraFetched?: { path: string; status: number }[] }): ScanSnapshot {
  const ok = opts.pages.filter((p) => (p.status ?? 200) === 200);
  return {
    report: {
      scan: { id, url: U("/"), startedAt: null, finishedAt: null, pagesCrawled: ok.length, timings: { crawlMs: 1, encodeMs: 1, analyzeMs: 1 }, encoder: null },
      site: { authority: opts.authority, gates: { core: 50, input: 40, forget: 70, output: opts.authority }, explanation: "", formula: "", linking: {} as never },
      topics: opts.topics.map((t) => ({
        id: t.id, label: t.label, keyphrases: t.keyphrases ?? [t.label], isCore: true, pillarUrl: null, pageCount: ok.filter((p) => p.topic === t.id).length,
        cohesion: 0.5, coverage: 0.5, authority: 50, pagerankShare: 0, hubCompleteness: 0,
      })),
      pages: ok.map((p) => ({
        url: U(p.path), status: 200, title: p.path, wordCount: 300, depth: 1, inlinks: p.inlinks ?? 1, outlinks: 1, pagerank: 0.1, topicId: p.topic, topicSimilarity: 0.8,
        isUtility: p.utility ?? false, noindex: false, canonical: null,
        forget: { score: p.offTopic ? 0.9 : 0, action: p.offTopic ? "prune" : "keep", reasons: p.offTopic ? ["off-topic: similarity to the nearest core topic 0.10 (threshold 0.30)"] : [] },
      })),
    },
    pages: [
      ...opts.pages.map((p) => ({ url: U(p.path), status: p.status ?? 200, contentHash: p.hash ?? `h-${p.path}` })),
      ...(opts.extraFetched ?? []).map((p) => ({ url: U(p.path), status: p.status, contentHash: null })),
    ],
    links: opts.links.map(([from, to, position]) => ({ fromUrl: U(from), toUrl: U(to), position: position ?? "content" })),
  };
}

const TOPICS = [
  { id: 0, label: "gardening" },
  { id: 1, label: "astronomy" },
];

const before = snapshot("scanA", {
  authority: 60,
  topics: TOPICS,
  pages: [
    { path: "/", topic: null, inlinks: 0 },
    { path: "/tomatoes", topic: 0 },
    { path: "/roses", topic: 0 },
    { path: "/compost", topic: 0 },
    { path: "/planets", topic: 1 },
    { path: "/moon", topic: 1 },
  ],
  links: [["/", "/tomatoes"], ["/", "/planets"], ["/tomatoes", "/roses"], ["/roses", "/compost"], ["/planets", "/moon"], ["/moon", "/planets"], ["/", "/moon", "navigation"]],
});

describe("change report comparison", () => {
  it("reports nothing but zero deltas for a scan compared with itself", () => {
    const r = compareScans(before, before);
    const s = summarizeChanges(r);
    expect(Object.values(s).every((n) => n === 0)).toBe(true);
    expect(r.topicDrift.matched.map((m) => [m.previousTopicId, m.topicId])).toEqual([[0, 0], [1, 1]]);
  });

  it("lists pages added, removed and edited, status changes, lost and gained content links, and score deltas", () => {
    const after = snapshot("scanB", {
      authority: 55.5,
      topics: TOPICS,
      pages: [
        { path: "/", topic: null, inlinks: 0 },
        { path: "/tomatoes", topic: 0, hash: "edited" },
        { path: "/roses", topic: 0 },
        { path: "/planets", topic: 1 },
        { path: "/moon", topic: 1 },
        { path: "/saturn", topic: 1 },
        { path: "/compost", topic: 0, status: 404 },
      ],
      links: [["/", "/tomatoes"], ["/", "/planets"], ["/tomatoes", "/roses"], ["/planets", "/moon"], ["/moon", "/planets"], ["/planets", "/saturn"], ["/roses", "/compost"], ["/", "/saturn", "footer"]],
    });
    const r = compareScans(before, after);
    expect(r.scanId).toBe("scanB");
    expect(r.previousScanId).toBe("scanA");
    expect(r.pagesAdded).toEqual([U("/saturn")]);
    expect(r.pagesRemoved).toEqual([U("/compost")]);
    expect(r.pagesChanged).toEqual([U("/tomatoes")]);
    expect(r.statusChanges).toEqual([{ url: U("/compost"), from: 200, to: 404 }]);
    expect(r.linksLost).toEqual([]);
    expect(r.linksGained).toEqual([{ fromUrl: U("/planets"), toUrl: U("/saturn") }]);
    expect(r.scoreDeltas.authority).toEqual({ previous: 60, current: 55.5, delta: -4.5 });
    expect(r.scoreDeltas.output.delta).toBe(-4.5);
    expect(r.scoreDeltas.core.delta).toBe(0);
    expect(r.topicDrift.appeared).toEqual([]);
    expect(r.topicDrift.vanished).toEqual([]);
    expect(r.topicDrift.movedPages).toEqual([]);
  });

  it("counts only content links, once per pair, and ignores navigation changes", () => {
    const after = snapshot("scanB", {
      authority: 60,
      topics: TOPICS,
      pages: before.report.pages.map((p) => ({ path: new URL(p.url).pathname, topic: p.topicId, inlinks: p.inlinks })),
      links: [["/", "/tomatoes"], ["/", "/tomatoes"], ["/", "/planets"], ["/tomatoes", "/roses"], ["/planets", "/moon"], ["/moon", "/planets"], ["/compost", "/compost"]],
    });
    const r = compareScans(before, after);
    expect(r.linksLost).toEqual([{ fromUrl: U("/roses"), toUrl: U("/compost") }]);
    expect(r.linksGained).toEqual([]);
  });

  it("finds new orphans and new off-topic pages, but not ones that already were, nor the start or utility pages", () => {
    const prev = snapshot("a", {
      authority: 50, topics: TOPICS,
      pages: [{ path: "/", topic: null, inlinks: 0 }, { path: "/old-orphan", topic: 0, inlinks: 0 }, { path: "/roses", topic: 0 }, { path: "/crypto", topic: null, offTopic: true }, { path: "/planets", topic: 1 }],
      links: [],
    });
    const cur = snapshot("b", {
      authority: 50, topics: TOPICS,
      pages: [
        { path: "/", topic: null, inlinks: 0 }, { path: "/old-orphan", topic: 0, inlinks: 0 }, { path: "/roses", topic: 0, inlinks: 0 }, { path: "/crypto", topic: null, offTopic: true },
        { path: "/planets", topic: 1, offTopic: true }, { path: "/contact", topic: null, inlinks: 0, utility: true }, { path: "/new-lonely", topic: 1, inlinks: 0 },
      ],
      links: [],
    });
    const r = compareScans(prev, cur);
    expect(r.newOrphans).toEqual([U("/new-lonely"), U("/roses")]);
    expect(r.newOffTopic).toEqual([U("/planets")]);
  });

  it("recognises topics that appeared, vanished, split and merged, and pages that moved topic", () => {
    const prev = snapshot("a", {
      authority: 50,
      topics: [{ id: 0, label: "vegetables" }, { id: 1, label: "stars" }, { id: 2, label: "telescopes" }, { id: 3, label: "cooking" }],
      pages: [
        { path: "/tomato", topic: 0 }, { path: "/pepper", topic: 0 }, { path: "/herb", topic: 0 }, { path: "/basil", topic: 0 },
        { path: "/stars", topic: 1 }, { path: "/galaxy", topic: 1 }, { path: "/refractor", topic: 2 }, { path: "/reflector", topic: 2 },
        { path: "/soup", topic: 3 }, { path: "/bread", topic: 3 },
      ],
      links: [],
    });
    const cur = snapshot("b", {
      authority: 50,
      topics: [{ id: 10, label: "tomatoes" }, { id: 11, label: "herbs" }, { id: 12, label: "observing" }, { id: 13, label: "beekeeping" }],
      pages: [
        { path: "/tomato", topic: 10 }, { path: "/pepper", topic: 10 }, { path: "/herb", topic: 11 }, { path: "/basil", topic: 11 },
        { path: "/stars", topic: 12 }, { path: "/galaxy", topic: 12 }, { path: "/refractor", topic: 12 }, { path: "/reflector", topic: 12 },
        { path: "/hives", topic: 13 }, { path: "/honey", topic: 13 },
      ],
      links: [],
    });
    const d = compareScans(prev, cur).topicDrift;
    expect(d.split).toEqual([{ previousTopicId: 0, previousLabel: "vegetables", into: [{ topicId: 10, label: "tomatoes" }, { topicId: 11, label: "herbs" }] }]);
    expect(d.merged).toEqual([{ topicId: 12, label: "observing", from: [{ topicId: 1, label: "stars" }, { topicId: 2, label: "telescopes" }] }]);
    expect(d.appeared).toEqual([{ topicId: 13, label: "beekeeping" }]);
    expect(d.vanished).toEqual([{ topicId: 3, label: "cooking" }]);
    expect(d.matched).toEqual([]);
    // the first (largest) share of a split continues the topic; merged pages stay in their topic's continuation
    expect(d.movedPages.map((m) => m.url).sort()).toEqual([U("/basil"), U("/herb")]);
    expect(d.movedPages.find((m) => m.url === U("/herb"))).toEqual({ url: U("/herb"), fromTopicId: 0, fromLabel: "vegetables", toTopicId: 11, toLabel: "herbs" });
  });

  it("moves a single page between stable topics without calling it a split", () => {
    const cur = snapshot("b", {
      authority: 60,
      topics: TOPICS,
      pages: [
        { path: "/", topic: null, inlinks: 0 }, { path: "/tomatoes", topic: 0 }, { path: "/roses", topic: 0 }, { path: "/compost", topic: 1 },
        { path: "/planets", topic: 1 }, { path: "/moon", topic: 1 },
      ],
      links: [],
    });
    const d = compareScans(before, cur).topicDrift;
    expect(d.split).toEqual([]);
    expect(d.merged).toEqual([]);
    expect(d.matched.map((m) => [m.previousTopicId, m.topicId])).toEqual([[0, 0], [1, 1]]);
    expect(d.movedPages).toEqual([{ url: U("/compost"), fromTopicId: 0, fromLabel: "gardening", toTopicId: 1, toLabel: "astronomy" }]);
  });

  it("renders Markdown, HTML and export tables for sending on", () => {
    const after = snapshot("scanB", { authority: 65, topics: TOPICS, pages: [{ path: "/", topic: null, inlinks: 0 }, { path: "/tomatoes", topic: 0, hash: "x" }, { path: "/<new>", topic: 0 }], links: [] });
    const r = compareScans(before, after);
    const md = changeReportMarkdown(r);
    expect(md).toMatch(/^# Changes on https:\/\/example.com\//);
    expect(md).toContain("**Topical Authority: 60 → 65 (+5.0)**");
    expect(md).toContain(`## Pages added (1)\n\n- ${U("/<new>")}`);
    const html = changeReportHtml(r);
    expect(html).toContain("&lt;new&gt;");
    expect(html).not.toContain("<new>");
    expect(changeReportTable(r, "pages")).toContainEqual({ url: U("/tomatoes"), change: "changed" });
    expect(changeReportTable(r, "scores")[0]).toEqual({ score: "authority", previous: 60, current: 65, delta: 5 });
    expect(changeReportTable(r, "links").filter((l) => l.change === "lost")).toHaveLength(6);
  });
});
