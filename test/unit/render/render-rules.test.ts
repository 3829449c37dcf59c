import { describe, expect, it } from "vitest";
import { renderFindings } from "@/lib/analyze/render-findings";
import type { AnalysisPage } from "@/lib/analyze/types";
import { compileRules, parseRuleArgument, parseRuleMap } from "@/lib/crawl/custom-extract";
import { addedWordCount } from "@/lib/crawl/page-reader";
import { looksLikeShell } from "@/lib/render/shell";
import { AppError } from "@/lib/errors";

describe("application shells", () => {
  it("are pages with a mount element, scripts and little text, or almost no text beside a script", () => {
    expect(looksLikeShell(`<div id="root"></div><script src="/a.js"></script>`, 0)).toBe(true);
    expect(looksLikeShell(`<div id="__next"><p>Loading</p></div><script src="/a.js"></script>`, 40)).toBe(true);
    expect(looksLikeShell(`<app-root></app-root><script src="main.js"></script>`, 2)).toBe(true);
    expect(looksLikeShell(`<main><p>hello</p></main><script>track()</script>`, 3)).toBe(true);
    // a real article with a React island is not a shell; neither is a script-free page
    expect(looksLikeShell(`<div id="root"></div><script src="/a.js"></script>`, 300)).toBe(false);
    expect(looksLikeShell(`<div id="app"><p>short page</p></div>`, 3)).toBe(false);
    expect(looksLikeShell(`<main><p>a page of forty words</p></main><script>track()</script>`, 40)).toBe(false);
  });
});

describe("words scripts add", () => {
  it("counts the rendered words beyond their count in the raw text", () => {
    expect(addedWordCount("the cat sat", "the cat sat on the mat")).toBe(3);
    expect(addedWordCount("a b c", "c b a")).toBe(0);
    expect(addedWordCount("", "Hello world")).toBe(2);
  });
});

describe("extraction rules", () => {
  it("parse NAME=SELECTOR[@attribute] and keep attribute selectors whole", () => {
    expect(parseRuleArgument("author=meta[name=author]@content")).toEqual({ name: "author", selector: "meta[name=author]", attribute: "content" });
    expect(parseRuleArgument(`mail=a[href^="mailto:x@y"]`)).toEqual({ name: "mail", selector: `a[href^="mailto:x@y"]`, attribute: null });
    expect(parseRuleArgument("crumb=.breadcrumb li")).toEqual({ name: "crumb", selector: ".breadcrumb li", attribute: null });
    expect(() => parseRuleArgument("nothing")).toThrow(/NAME=SELECTOR/);
    expect(() => parseRuleArgument("9bad=.x")).toThrow(AppError);
    expect(() => parseRuleMap({ a: "x".repeat(501) })).toThrow(/1 to 500 characters/);
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`r${i}`, ".x"]));
    expect(() => parseRuleMap(many)).toThrow(/at most 20/);
  });

  it("read text or an attribute, join several matches, and give null when nothing matches", async () => {
    const evaluate = await compileRules(parseRuleMap({ author: "meta[name=author]@content", crumb: ".crumb li", price: ".price", type: "[itemtype]@itemtype" }));
    const html = `<html><head><meta name="author" content="Ann Lee"></head><body><ol class="crumb"><li>Home</li><li> Garden
      tools </li><li>Home</li></ol><div itemscope itemtype="https://schema.org/Product"></div></body></html>`;
    expect(evaluate(html)).toEqual({ author: "Ann Lee", crumb: "Home | Garden tools", price: null, type: "https://schema.org/Product" });
  });

  it("refuse a selector Cheerio cannot read", async () => {
    await expect(compileRules(parseRuleMap({ bad: "div[[[" }))).rejects.toThrow(/extraction rule bad/);
  });
});

describe("site issues of script-built pages", () => {
  const page = (url: string, wordCount: number, render?: AnalysisPage["render"]): AnalysisPage => ({
    url, status: 200, title: url, metaDescription: null, headings: [], mainText: "", wordCount, depth: 1, noindex: false, canonical: null,
    contentHash: null, simhash: null, modifiedAt: null, inSitemap: false, lstmVector: null, ...(render ? { render } : {}),
  });

  it("name the rendered pages whose scripts add links or much of their text, and the shells read unrendered", () => {
    const findings = renderFindings([
      page("https://s/a", 200, { rendered: true, shell: true, addedWords: 190, addedLinks: 0 }),
      page("https://s/b", 300, { rendered: true, shell: false, addedWords: 3, addedLinks: 2 }),
      page("https://s/c", 300, { rendered: true, shell: false, addedWords: 25, addedLinks: 0 }), // a small share of a long page
      page("https://s/d", 300),
      page("https://s/e", 0, { rendered: false, shell: true, addedWords: 0, addedLinks: 0 }),
    ]);
    expect(findings.map((f) => [f.code, f.pageUrls])).toEqual([
      ["js_only_content", ["https://s/a", "https://s/b"]],
      ["js_shell_unrendered", ["https://s/e"]],
    ]);
    expect(findings[0].detail).toMatch(/2 pages show text or links only once their scripts run \(193 words and 2 link targets/);
    expect(renderFindings([page("https://s/d", 300)])).toEqual([]);
  });
});
