import { describe, expect, it } from "vitest";
import { hreflangFromLinkHeader, mergeAlternates } from "../../../lib/crawl/hreflang";
import { SitemapParser } from "../../../lib/crawl/sitemaps";

describe("hreflang from HTTP Link headers", () => {
  it("reads alternates with their languages and resolves their URLs", () => {
    const header = '<https://example.test/de/>; rel="alternate"; hreflang="de", </fr/>; rel=alternate; hreflang=fr, <https://example.test/>; rel="alternate"; hreflang="x-default", </style.css>; rel="preload"';
    expect(hreflangFromLinkHeader(header, "https://example.test/en/")).toEqual([
      { lang: "de", href: "https://example.test/de/" },
      { lang: "fr", href: "https://example.test/fr/" },
      { lang: "x-default", href: "https://example.test/" },
    ]);
    expect(hreflangFromLinkHeader(undefined, "https://example.test/")).toEqual([]);
  });

  it("merges the sources of one page, each language and URL once", () => {
    const a = [{ lang: "de", href: "https://example.test/de/" }];
    expect(mergeAlternates(a, [{ lang: "DE", href: "https://example.test/de/" }, { lang: "fr", href: "https://example.test/fr/" }])).toHaveLength(2);
  });
});

describe("hreflang from sitemaps", () => {
  it("hands each <url>'s xhtml:link alternates over with its <loc>", () => {
    const urls: string[] = [];
    const alternates = new Map<string, { lang: string; href: string }[]>();
    const parser = new SitemapParser({ url: (u) => urls.push(u), sitemap: () => undefined, alternates: (loc, alts) => alternates.set(loc, alts) });
    parser.write(
      Buffer.from(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
        <url><loc>https://example.test/en/a</loc>
          <xhtml:link rel="alternate" hreflang="de" href="https://example.test/de/a"/>
          <xhtml:link rel="alternate" hreflang="en" href="https://example.test/en/a"/></url>
        <url><xhtml:link rel="alternate" hreflang="fr" href="https://example.test/fr/b"/><loc>https://example.test/en/b</loc></url>
        <url><loc>https://example.test/en/c</loc></url></urlset>`,
      ),
    );
    parser.end();
    expect(urls).toEqual(["https://example.test/en/a", "https://example.test/en/b", "https://example.test/en/c"]);
    expect(alternates.get("https://example.test/en/a")).toEqual([
      { lang: "de", href: "https://example.test/de/a" },
      { lang: "en", href: "https://example.test/en/a" },
    ]);
    expect(alternates.get("https://example.test/en/b")).toEqual([{ lang: "fr", href: "https://example.test/fr/b" }]);
    expect(alternates.has("https://example.test/en/c")).toBe(false);
  });
});
