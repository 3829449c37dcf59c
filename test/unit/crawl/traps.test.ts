import { describe, expect, it } from "vitest";
import { isPathTrap, MAX_URLS_PER_PATTERN, MIN_NEW_LETTERS, TrapGuard, trapPattern } from "@/lib/crawl/traps";

const WORDS = "espresso grinder burr roast crema tamper kettle filter bean origin acidity body aroma brew pour scale dose yield water steam".split(" ");
/** A sentence of its own for every i (words picked by i's base-20 digits), not just other numbers. */
const sentence = (i: number) => `This post tells ${[0, 1, 2, 3].map((k) => WORDS[Math.floor(i / 20 ** k) % 20]).join(" ")} stories about coffee and its makers.`;

describe("trapPattern", () => {
  it("collapses digits anywhere in the path, long tokens, and keeps sorted parameter names", () => {
    expect(trapPattern("http://e.com/cal/2026/11")).toBe("/cal/#/#");
    expect(trapPattern("http://e.com/day/20261105")).toBe("/day/#");
    expect(trapPattern("http://e.com/s?b=1&a=2")).toBe(trapPattern("http://e.com/s?a=5&b=9"));
    expect(trapPattern("http://e.com/?p=123")).toBe("/?p");
    expect(trapPattern("http://e.com/s/a1b2c3d4e5f6g7h8i9/page")).toBe("/s/*/page");
    expect(trapPattern("http://e.com/about")).toBe("/about");
  });

  it("refuses repeated path segments and absurd depth", () => {
    expect(isPathTrap("http://e.com/a/b/a/b/a/b/x")).toBe(true);
    expect(isPathTrap(`http://e.com/${Array.from({ length: 21 }, (_, i) => `s${i}`).join("/")}`)).toBe(true);
    expect(isPathTrap("http://e.com/a/b/c")).toBe(false);
  });
});

describe("TrapGuard", () => {
  it("admits a pattern's first URLs whatever their source, then only links from pages that brought new text", () => {
    const g = new TrapGuard();
    for (let i = 0; i < MAX_URLS_PER_PATTERN; i++) expect(g.admit(`http://e.com/cal/2000/${i}`, false)).toBe(true);
    expect(g.admit("http://e.com/cal/2001/1", false)).toBe(false);
    expect(g.admit("http://e.com/cal/2001/2", true)).toBe(true);
    expect(g.admit("http://e.com/cal/2001/3")).toBe(true); // from a sitemap or a redirect: no page to judge
    expect(g.report()).toEqual([{ pattern: "/cal/#/#", count: 1 }]);
  });

  it("sees a calendar month as nothing new once the grid is known, and each post as new", () => {
    const g = new TrapGuard();
    const month = (y: number, m: number) => [`Events in month ${m} of ${y}`, "Mon Tue Wed Thu Fri Sat Sun", ...Array.from({ length: 30 }, (_, d) => String(d + 1)), "No events this month. Subscribe to the calendar feed to hear about new ones."].join("\n");
    expect(g.broughtContent("http://e.com/cal/2026/1", month(2026, 1))).toBe(true);
    expect(g.broughtContent("http://e.com/cal/2026/2", month(2026, 2))).toBe(false);
    expect(g.broughtContent("http://e.com/cal/2031/7", month(2031, 7))).toBe(false);
    for (let i = 1; i < 200; i++) expect(g.broughtContent(`http://e.com/?p=${i}`, `${sentence(i)}\n${sentence(i + 1000)}`)).toBe(true);
  });

  it("judges new text per pattern: an excerpt already on an archive page is new to the paged listing", () => {
    const g = new TrapGuard();
    const excerpt = `${sentence(7)} ${sentence(8)}`;
    expect(g.broughtContent("http://e.com/?m=202401", excerpt)).toBe(true);
    expect(g.broughtContent("http://e.com/?paged=9", excerpt)).toBe(true);
    expect(g.broughtContent("http://e.com/?paged=10", excerpt)).toBe(false);
  });

  it("counts a block known but for its numbers a quarter: one new date is nothing, a listing of numbered items is content", () => {
    const g = new TrapGuard();
    const listing = (from: number) => Array.from({ length: 25 }, (_, k) => `Hex screw M${from + k}x${10 + k}, stainless`).join("\n");
    expect(g.broughtContent("http://e.com/screws?page=1", listing(1))).toBe(true);
    expect(g.broughtContent("http://e.com/screws?page=2", listing(30))).toBe(true);
    const empty = (y: number) => `There are no events planned for this month of ${y}. Check back later, or subscribe to our newsletter to hear about them first.`;
    expect(g.broughtContent("http://e.com/cal?y=2026", empty(2026))).toBe(true);
    expect(g.broughtContent("http://e.com/cal?y=2027", empty(2027))).toBe(false);
  });

  it("needs a sentence of new letters: a new heading alone is not content", () => {
    const g = new TrapGuard();
    g.broughtContent("http://e.com/shop?color=red", "Shop\nBlue mug 12 EUR\nRed mug 14 EUR");
    expect(g.broughtContent("http://e.com/shop?color=blue", "Shop: blue\nBlue mug 12 EUR\nRed mug 14 EUR")).toBe(false);
    expect(g.broughtContent("http://e.com/shop?color=green", `Shop: green\n${"x".repeat(MIN_NEW_LETTERS)}`)).toBe(true);
  });
});
