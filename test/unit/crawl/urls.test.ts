import { describe, expect, it } from "vitest";
import { MAX_URLS_PER_PATTERN, normalizeUrl, scopeOf, TrapGuard, trapPattern } from "@/lib/crawl/urls";

const opts = { stripTrackingParams: true, sortQueryParams: true };

describe("normalizeUrl", () => {
  it("lower-cases scheme and host, drops default ports, fragments and dot segments", () => {
    expect(normalizeUrl("HTTP://Example.COM:80/a/./b/../c#frag", undefined, opts)).toBe("http://example.com/a/c");
    expect(normalizeUrl("https://example.com:443/", undefined, opts)).toBe("https://example.com/");
    expect(normalizeUrl("https://example.com:8443/x", undefined, opts)).toBe("https://example.com:8443/x");
  });

  it("resolves relative links against a base and refuses non-http schemes", () => {
    expect(normalizeUrl("../x?b=2&a=1", "http://e.com/a/b/c.html", opts)).toBe("http://e.com/a/x?a=1&b=2");
    expect(normalizeUrl("mailto:a@b.c", "http://e.com/", opts)).toBeNull();
    expect(normalizeUrl("javascript:void(0)", "http://e.com/", opts)).toBeNull();
  });

  it("drops tracking parameters only when asked", () => {
    expect(normalizeUrl("http://e.com/p?utm_source=x&id=3&gclid=9&fbclid=1", undefined, opts)).toBe("http://e.com/p?id=3");
    expect(normalizeUrl("http://e.com/p?utm_source=x&id=3", undefined, { stripTrackingParams: false, sortQueryParams: true })).toBe(
      "http://e.com/p?id=3&utm_source=x",
    );
  });

  it("keeps query order when sorting is off", () => {
    expect(normalizeUrl("http://e.com/p?b=1&a=2", undefined, { stripTrackingParams: false, sortQueryParams: false })).toBe("http://e.com/p?b=1&a=2");
  });
});

describe("scopeOf", () => {
  const start = new URL("http://example.com/");
  const base = { includeSubdomains: false, include: [], exclude: [] };
  it("keeps the start host (with or without www) and rejects others", () => {
    expect(scopeOf("http://example.com/a", start, base)).toBe("in");
    expect(scopeOf("http://www.example.com/a", start, base)).toBe("in");
    expect(scopeOf("http://blog.example.com/a", start, base)).toBe("other-host");
    expect(scopeOf("http://other.com/a", start, base)).toBe("other-host");
  });
  it("admits subdomains on request and applies include/exclude patterns", () => {
    expect(scopeOf("http://blog.example.com/a", start, { ...base, includeSubdomains: true })).toBe("in");
    expect(scopeOf("http://example.com/private/x", start, { ...base, exclude: ["/private/"] })).toBe("excluded");
    expect(scopeOf("http://example.com/docs/x", start, { ...base, include: ["/\\/docs\\//"] })).toBe("in");
    expect(scopeOf("http://example.com/blog/x", start, { ...base, include: ["/docs/"] })).toBe("not-included");
  });
});

describe("TrapGuard", () => {
  it("collapses calendar paths and query permutations into one pattern", () => {
    expect(trapPattern("http://e.com/cal/2026/11")).toBe("/cal/#/#");
    expect(trapPattern("http://e.com/s?b=1&a=2")).toBe(trapPattern("http://e.com/s?a=5&b=9"));
    expect(trapPattern("http://e.com/about")).toBeNull();
    expect(trapPattern("http://e.com/archive/2024-05-17/")).toBe("/archive/#-#-#/");
  });

  it("never caps plain numeric ids or dated article slugs", () => {
    expect(trapPattern("http://e.com/p/123.html")).toBeNull();
    expect(trapPattern("http://e.com/product/98765")).toBeNull();
    expect(trapPattern("http://e.com/2024/05/my-post")).toBe("/#/#/my-post");
    const g = new TrapGuard();
    for (let i = 0; i < MAX_URLS_PER_PATTERN * 3; i++) expect(g.admit(`http://e.com/p/${i}.html`)).toBe(true);
  });

  it("caps a pattern and reports how many URLs it refused", () => {
    const g = new TrapGuard();
    let admitted = 0;
    for (let i = 0; i < MAX_URLS_PER_PATTERN + 25; i++) if (g.admit(`http://e.com/cal/${2000 + i}/01`)) admitted++;
    expect(admitted).toBe(MAX_URLS_PER_PATTERN);
    expect(g.report()).toEqual([{ pattern: "/cal/#/#", count: 25 }]);
  });

  it("refuses repeated path segments from relative-link loops", () => {
    const g = new TrapGuard();
    expect(g.admit("http://e.com/a/b/a/b/a/b/x")).toBe(false);
    expect(g.admit("http://e.com/a/b/c")).toBe(true);
    expect(g.report()[0].pattern).toBe("repeated-path-segments");
  });
});
