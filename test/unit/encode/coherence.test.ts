import { describe, expect, it } from "vitest";
import { scoreCoherence } from "@/lib/encode/coherence";
import { heldOutIndices, isHeldOut } from "@/lib/encode/held-out";
import type { SectionReading } from "@/lib/encode/section-readings";
import { OPENING, pageSections } from "@/lib/encode/sections";
import { epochExcerpts, trainingTokenBudget } from "@/lib/encode/training-plan";
import { createRng } from "@/lib/encode/prng";

/** A reading near one of two subject directions, with a little noise. */
function reading(heading: string, subject: 0 | 1, rng: () => number): SectionReading {
  const v = new Float32Array(8);
  for (let i = 0; i < 8; i++) v[i] = (rng() - 0.5) * 0.2;
  v[subject === 0 ? 0 : 1] += 1;
  v[2 + subject * 3] += 0.5;
  return { heading, tokens: 100, vector: v };
}

describe("scoreCoherence", () => {
  it("names the section of a page that drifts to another subject, and only that one", () => {
    const rng = createRng(3);
    const site: SectionReading[][] = [];
    for (let p = 0; p < 12; p++) {
      const subject = (p % 2) as 0 | 1;
      site.push(["Intro", "Usage", "Details", "Notes"].map((h) => reading(h, subject, rng)));
    }
    // page 0 is about subject 0, but its second half is about subject 1
    site[0] = [reading("Intro", 0, rng), reading("Usage", 0, rng), reading("Setup", 0, rng), reading("Tomatoes", 1, rng)];
    const scores = scoreCoherence(site);
    expect(scores[0]!.driftingSections.map((s) => s.heading)).toEqual(["Tomatoes"]);
    expect(scores[0]!.driftingShare).toBeCloseTo(0.25, 2);
    for (const s of scores.slice(1)) expect(s!.driftingSections).toEqual([]);
    expect(scores[0]!.score).toBeLessThan(Math.min(...scores.slice(1).map((s) => s!.score)));
  });

  it("gives no score to a page without readings and none at all without a sequence model", () => {
    const rng = createRng(1);
    const scores = scoreCoherence([[reading("A", 0, rng), reading("B", 0, rng)], [], [reading("C", 1, rng)]]);
    expect(scores[1]).toBeNull();
    expect(scores[2]!.sections[0].topicFit).toBeNull();
    expect(scoreCoherence([[{ heading: "x", tokens: 3, vector: null }]])).toEqual([null]);
  });
});

describe("pageSections", () => {
  it("cuts a page at the headings its text repeats and names the text before the first one", () => {
    const filler = (w: string) => Array.from({ length: 30 }, () => w).join(" ");
    const text = [filler("intro"), "Installing", filler("install"), "Configuring", filler("config")].join("\n");
    const sections = pageSections([{ level: 1, text: "Guide" }, { level: 2, text: "Installing" }, { level: 2, text: "Configuring" }], text);
    expect(sections.map((s) => s.heading)).toEqual([OPENING, "Installing", "Configuring"]);
    expect(sections[1].text).toContain("install");
  });

  it("cuts a long page without headings into parts", () => {
    const text = Array.from({ length: 450 }, (_, i) => `w${i}`).join(" ");
    expect(pageSections([], text).map((s) => s.heading)).toEqual(["part 1 of 3", "part 2 of 3", "part 3 of 3"]);
  });
});

describe("training plan", () => {
  it("derives the token budget from the pages: epochs over excerpts, at least the floor, at most the cap", () => {
    const pages = Array.from({ length: 100 }, () => new Int32Array(2000));
    expect(trainingTokenBudget(pages, 512, 1_000_000, 2)).toBe(2 * 100 * 513);
    expect(trainingTokenBudget(pages, 512, 50_000, 2)).toBe(50_000);
    expect(trainingTokenBudget([new Int32Array(10)], 512, 1_000_000, 2)).toBe(20_000);
  });

  it("reads the same excerpts for the same seed", () => {
    const pages = [Int32Array.from({ length: 1000 }, (_, i) => i)];
    const a = epochExcerpts(pages, 100, createRng(5));
    expect(Array.from(a[0])).toEqual(Array.from(epochExcerpts(pages, 100, createRng(5))[0]));
    expect(a[0].length).toBe(100);
  });
});

describe("held-out pages", () => {
  it("hold out a page by its URL alone, whatever pages come and go around it", () => {
    const urls = Array.from({ length: 200 }, (_, i) => `https://example.com/page-${i}`);
    const held = [...heldOutIndices(urls)].map((i) => urls[i]);
    expect(held.length).toBeGreaterThan(5);
    expect(held.length).toBeLessThan(40);
    const grown = [...urls.slice(50), ...Array.from({ length: 30 }, (_, i) => `https://example.com/new-${i}`)];
    const heldAfter = new Set([...heldOutIndices(grown)].map((i) => grown[i]));
    for (const url of held.filter((u) => grown.includes(u))) expect(heldAfter.has(url)).toBe(true);
    for (const url of heldAfter) expect(isHeldOut(url)).toBe(true);
  });
});
