import { describe, expect, it } from "vitest";
import { coherenceSignals, DRIFT_UPDATE_SHARE } from "@/lib/analyze/gates/drift";
import type { PageCoherence } from "@/lib/encode/coherence";
import type { AnalysisPage } from "@/lib/analyze/types";

function page(url: string, coherence: PageCoherence | null): AnalysisPage {
  return {
    url, status: 200, title: url, metaDescription: null, headings: [], mainText: "", wordCount: 500, depth: 1, noindex: false, canonical: null,
    contentHash: url, simhash: null, modifiedAt: null, inSitemap: true, lstmVector: null, coherence,
  };
}

const coherent = (score: number): PageCoherence => ({ score, driftingShare: 0, sections: [], driftingSections: [] });

describe("the forget gate's reading of coherence", () => {
  it("asks a page whose second half drifts to be refocused, naming the sections", () => {
    const drifting: PageCoherence = { score: 0.3, driftingShare: 0.5, sections: [], driftingSections: [{ heading: "Growing tomatoes", score: -0.2 }, { heading: "Pruning roses", score: -0.1 }] };
    const aside: PageCoherence = { ...drifting, driftingShare: DRIFT_UPDATE_SHARE / 2, driftingSections: [{ heading: "An aside", score: 0 }] };
    const pages = [page("/a", drifting), page("/b", aside), ...Array.from({ length: 10 }, (_, i) => page(`/p${i}`, coherent(0.8)))];
    const s = coherenceSignals(pages, () => true, new Float64Array(pages.length).fill(0.9), 0.9);
    expect(s.drift[0]).toMatch(/"Growing tomatoes", "Pruning roses"/);
    expect(s.drift[1]).toBeNull();
    expect(s.drift.slice(2).every((d) => d === null)).toBe(true);
  });

  it("takes a page as off-topic only when its coherence is far below the site's and its words are not the site's", () => {
    const scores = [0.8, 0.82, 0.78, 0.81, 0.79, 0.8, 0.83, 0.77, 0.8, 0.1, 0.1];
    const pages = scores.map((s, i) => page(`/p${i}`, coherent(s)));
    const coverage = new Float64Array(pages.length).fill(0.9);
    coverage[9] = 0.3; // foreign words and foreign language: off-topic
    // page 10 reads unlike the site but uses its words: left to the other rules
    const s = coherenceSignals(pages, () => true, coverage, 0.9);
    expect(s.foreign[9]).toMatch(/^off-topic: its sections fit the site's language least/);
    expect(s.foreign[10]).toBeNull();
    expect(s.foreign.slice(0, 9).every((f) => f === null)).toBe(true);
  });
});
