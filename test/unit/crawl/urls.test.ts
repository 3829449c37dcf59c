import { describe, expect, it } from "vitest";
import { MAX_URL_LENGTH, normalizeUrl, scopeOf } from "@/lib/crawl/urls";

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

  it("drops session ids: named parameters, token-like sid, ;jsessionid path parameters and ASP.NET cookieless segments", () => {
    expect(normalizeUrl("http://e.com/?p=5&PHPSESSID=9f8e7d", undefined, opts)).toBe("http://e.com/?p=5");
    expect(normalizeUrl("http://e.com/a?sessionid=1&session_id=2&jsessionid=3&ASPSESSIONIDQSDR=4&CFID=5&CFTOKEN=6&osCsid=7&zenid=8", undefined, opts)).toBe("http://e.com/a");
    expect(normalizeUrl("http://e.com/viewtopic.php?t=5&sid=a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", undefined, opts)).toBe("http://e.com/viewtopic.php?t=5");
    expect(normalizeUrl("http://e.com/shop;jsessionid=ABC123DEF/item?x=1", undefined, opts)).toBe("http://e.com/shop/item?x=1");
    expect(normalizeUrl("http://e.com/(S(lit3py55t21z5v55vlm25s55))/page.aspx", undefined, opts)).toBe("http://e.com/page.aspx");
  });

  it("keeps a sid that is not a session token (a story id) and keeps everything when stripping is off", () => {
    expect(normalizeUrl("http://e.com/article.pl?sid=12345", undefined, opts)).toBe("http://e.com/article.pl?sid=12345");
    expect(normalizeUrl("http://e.com/?PHPSESSID=abc", undefined, { stripTrackingParams: false, sortQueryParams: true })).toBe("http://e.com/?PHPSESSID=abc");
  });

  it("refuses URLs longer than the limit", () => {
    const base = "http://e.com/";
    expect(normalizeUrl(base + "a".repeat(MAX_URL_LENGTH - base.length), undefined, opts)).not.toBeNull();
    expect(normalizeUrl(base + "a".repeat(MAX_URL_LENGTH - base.length + 1), undefined, opts)).toBeNull();
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
  it("keeps the start's port: another port of the host is another service; http and https on default ports are one site", () => {
    const onPort = new URL("http://example.com:8080/");
    expect(scopeOf("http://example.com:8080/a", onPort, base)).toBe("in");
    expect(scopeOf("http://example.com:6379/", onPort, base)).toBe("other-port");
    expect(scopeOf("http://example.com/a", onPort, base)).toBe("other-port");
    expect(scopeOf("http://example.com:8080/a", start, base)).toBe("other-port");
    expect(scopeOf("https://example.com/a", start, base)).toBe("in");
    expect(scopeOf("https://example.com:80/a", start, base)).toBe("other-port");
  });
  it("admits subdomains on request and applies include/exclude patterns", () => {
    expect(scopeOf("http://blog.example.com/a", start, { ...base, includeSubdomains: true })).toBe("in");
    expect(scopeOf("http://example.com/private/x", start, { ...base, exclude: ["/private/"] })).toBe("excluded");
    expect(scopeOf("http://example.com/docs/x", start, { ...base, include: ["/\\/docs\\//"] })).toBe("in");
    expect(scopeOf("http://example.com/blog/x", start, { ...base, include: ["/docs/"] })).toBe("not-included");
  });
});
