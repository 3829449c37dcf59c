import { describe, expect, it } from "vitest";
import { findAnchor, sentenceAround } from "../../../lib/analyze/anchors";

describe("findAnchor", () => {
  const text = "Grinding matters. A Cold-Brew  Coffee needs time! Then serve it cold.";

  it("returns the exact substring as written, across case, hyphens and spaces", () => {
    const hit = findAnchor(text, ["cold", "brew", "coffee"])!;
    expect(hit.anchor).toBe("Cold-Brew  Coffee");
    expect(text.includes(hit.anchor)).toBe(true);
    expect(hit.context).toBe("A Cold-Brew  Coffee needs time!");
  });

  it("matches whole words only", () => {
    expect(findAnchor("Scolding brewers", ["cold"])).toBeNull();
  });

  it("cuts long sentences to a window that still contains the anchor", () => {
    const long = `${"word ".repeat(200)}target phrase ${"word ".repeat(200)}.`;
    const i = long.indexOf("target phrase");
    const ctx = sentenceAround(long, i, "target phrase".length);
    expect(ctx.length).toBeLessThanOrEqual(300);
    expect(ctx).toContain("target phrase");
  });
});

describe("anchors in code", () => {
  it("skips identifiers and code lines and takes the next prose occurrence", () => {
    const text = "server = await loop.create_server(x)\nfrom distutils.core import setup\nThe event loop runs every task.";
    const hit = findAnchor(text, ["loop"])!;
    expect(hit.context).toBe("The event loop runs every task.");
    expect(findAnchor("from distutils.core import setup", ["core", "import"])).toBeNull();
  });
});
