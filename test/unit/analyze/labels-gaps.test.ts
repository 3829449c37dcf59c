import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import { nounPhraseShaped } from "../../../lib/analyze/gates/expansion";
import { coffeeSite } from "./sites";

describe("labels and gaps a person would write", () => {
  it("labels a topic with the subject its pages name in their titles", () => {
    // coffeeSite's pages are titled "<subtopic> <angle>" ("milk basics", "milk gear", ...)
    const r = analyzeSite(coffeeSite());
    const labels = r.topics.map((t) => t.label.toLowerCase());
    for (const subject of ["espresso", "milk", "roasting", "filter"]) expect(labels.some((l) => l.split(/[ ,]+/).includes(subject)), subject).toBe(true);
  });

  it("takes names of subjects for gaps, not clauses", () => {
    expect(nounPhraseShaped(["cold", "brew"])).toBe(true);
    expect(nounPhraseShaped(["port", "number"])).toBe(true);
    expect(nounPhraseShaped(["supported", "now"])).toBe(false);
    expect(nounPhraseShaped(["currently", "enabled"])).toBe(false);
    expect(nounPhraseShaped(["joey", "included"])).toBe(false);
  });
});
