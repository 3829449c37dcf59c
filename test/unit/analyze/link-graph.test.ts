import { describe, expect, it } from "vitest";
import { buildLinkGraph } from "../../../lib/analyze/link-graph";
import { link, SITE, urlOf } from "./sites";

describe("anchor texts of the link graph", () => {
  const urls = ["/", "/a", "/b", "/c"].map(urlOf);

  it("counts each text's targets and written forms under one normal form, fragments and case aside", () => {
    const g = buildLinkGraph(SITE, urls, [
      link("/a", "/b#intro", "Stable ABI"),
      link("/c", "/b", "stable  ABI"),
      link("/", "/c", "Stable-ABI", "navigation"),
    ]);
    const use = g.anchors.get("stable abi")!;
    expect([...use.targets]).toEqual([
      [2, 2],
      [3, 1],
    ]);
    expect([...use.forms]).toEqual([
      ["Stable ABI", 1],
      ["stable ABI", 1],
      ["Stable-ABI", 1],
    ]);
    // pages naming another page in their content; the navigation link is not one
    expect([...use.contentSources].sort()).toEqual([1, 3]);
  });

  it("keeps a page's links to its own sections as uses of the text, not as another page naming it", () => {
    const g = buildLinkGraph(SITE, urls, [link("/a", "/a#usage", "Usage")]);
    expect([...g.anchors.get("usage")!.targets]).toEqual([[1, 1]]);
    expect(g.anchors.get("usage")!.contentSources.size).toBe(0);
    expect(g.contentLinkCount).toBe(0);
  });
});
