import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { extractPage } from "@/lib/crawl/extract";
import { robotsDirectives } from "@/lib/crawl/robots-directives";
import { fingerprintText, hammingDistance, simhash, words } from "@/lib/crawl/fingerprint";
import { detectLanguage } from "@/lib/crawl/language";

const PAGE = `<!doctype html><html lang="en-GB"><head>
<title>Espresso guide</title>
<meta name="description" content="  How to pull a shot. ">
<meta name="robots" content="noindex">
<meta property="article:published_time" content="2024-01-02T10:00:00Z">
<link rel="canonical" href="/guide?utm_source=x">
<link rel="alternate" hreflang="de" href="/de/guide">
<script type="application/ld+json">{"@graph":[{"@type":"Article","dateModified":"2024-03-04"}]}</script>
</head><body>
<header><a href="/">Logo</a></header>
<nav><ul><li><a href="/menu">Menu item</a></li></ul></nav>
<main>
<h1>Espresso</h1>
<p>Grind fine. Read the <a href="/grinders" rel="nofollow">grinder review</a> before buying one. Then tamp.</p>
<h2>Milk</h2>
<p>Steam it.</p>
<aside><a href="/related">Related post</a></aside>
</main>
<footer><a href="/legal">Legal</a> Copyright</footer>
<script>var x = "not text";</script>
</body></html>`;

describe("extractPage", () => {
  const e = extractPage(PAGE, "http://e.com/guide", { botToken: "topicgatebot" });

  it("reads head metadata", () => {
    expect(e.title).toBe("Espresso guide");
    expect(e.metaDescription).toBe("How to pull a shot.");
    expect(e.canonical).toBe("http://e.com/guide?utm_source=x");
    expect(e.hreflang).toEqual([{ lang: "de", href: "http://e.com/de/guide" }]);
    expect(e.language).toBe("en");
    expect(e.metaRobots.noindex).toBe(true);
    expect(e.metaRobots.nofollow).toBe(false);
  });

  it("reads dates from article meta and JSON-LD", () => {
    expect(e.publishedAt?.toISOString()).toBe("2024-01-02T10:00:00.000Z");
    expect(e.modifiedAt?.toISOString().slice(0, 10)).toBe("2024-03-04");
  });

  it("reads the schema.org types a page declares in JSON-LD and microdata", () => {
    const html = `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"BlogPosting","headline":"x"},{"@type":["BreadcrumbList"]}]}</script></head>
      <body><main><div itemscope itemtype="https://schema.org/ContactPage"><p>Write to us.</p></div></main></body></html>`;
    const x = extractPage(html, "https://a.test/contact", { botToken: "topicgatebot" });
    expect([...x.schemaTypes].sort()).toEqual(["BlogPosting", "BreadcrumbList", "ContactPage"]);
    expect(extractPage("<html><body><p>No types.</p></body></html>", "https://a.test/", { botToken: "topicgatebot" }).schemaTypes).toEqual([]);
  });

  it("keeps main content only: no nav, header, footer, aside or script text", () => {
    expect(e.mainText.split("\n")).toEqual([
      "Espresso",
      "Grind fine. Read the grinder review before buying one. Then tamp.",
      "Milk",
      "Steam it.",
    ]);
    expect(e.wordCount).toBe(15);
    expect(e.headings).toEqual([{ level: 1, text: "Espresso" }, { level: 2, text: "Milk" }]);
    expect(e.blockHashes).toHaveLength(4);
    expect(e.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.simhash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("records links with position, rel, nofollow and a context sentence", () => {
    const by = Object.fromEntries(e.links.map((l) => [new URL(l.href).pathname, l]));
    expect(by["/"].position).toBe("header");
    expect(by["/menu"].position).toBe("navigation");
    expect(by["/related"].position).toBe("aside");
    expect(by["/legal"].position).toBe("footer");
    expect(by["/grinders"]).toMatchObject({ position: "content", rel: "nofollow", nofollow: true, anchor: "grinder review" });
    expect(by["/grinders"].context).toBe("Read the grinder review before buying one.");
  });

  it("survives malformed HTML", () => {
    const m = extractPage("<html><body><p>Open <b>bold <a href='/x'>link</p><div><p>second", "http://e.com/", { botToken: "t" });
    expect(m.mainText).toContain("second");
    expect(m.links[0].href).toBe("http://e.com/x");
  });

  it("uses <base href> to resolve links", () => {
    const m = extractPage("<html><head><base href='/docs/'></head><body><a href='a.html'>a</a></body></html>", "http://e.com/x/y", { botToken: "t" });
    expect(m.links[0].href).toBe("http://e.com/docs/a.html");
  });

  it("gives a link that wraps a block its context once the link ends", () => {
    const m = extractPage("<main><p>Intro. Read <a href='/w'><div>the wrapped</div> guide</a> today. Done.</p></main>", "http://e.com/", { botToken: "t" });
    expect(m.links[0]).toMatchObject({ href: "http://e.com/w", anchor: "the wrapped guide", position: "content" });
    expect(m.links[0].context).toBe("Read");
    expect(m.mainText.split("\n")).toEqual(["Intro. Read", "the wrapped", "guide today. Done."]);
  });

  it("resolves links written before a later <base href> against that base, and a head title only", () => {
    const m = extractPage("<html><body><a href='a.html'>a</a><title>late</title><base href='/docs/'></body></html>", "http://e.com/x/y", { botToken: "t" });
    expect(m.links[0].href).toBe("http://e.com/docs/a.html");
    expect(m.title).toBe("late");
    expect(m.mainText).toBe("a");
  });

  it("reads the whole body when 'role=main' appears only in text", () => {
    const m = extractPage("<body><p>Set role=main on the element.</p><a href='/z'>z</a></body>", "http://e.com/", { botToken: "t" });
    expect(m.mainText).toBe("Set role=main on the element.\nz");
    expect(m.links[0]).toMatchObject({ position: "content", context: "z" });
  });

  it("takes an image's alt text when a link has no text or title, even inside a skipped element", () => {
    const m = extractPage("<p><a href='/i'><button><img src='x.png' alt=' Logo  image '></button></a></p>", "http://e.com/", { botToken: "t" });
    expect(m.links[0].anchor).toBe("Logo image");
  });

  it("falls back to Last-Modified for the modified date", () => {
    const m = extractPage("<p>x</p>", "http://e.com/", { botToken: "t", lastModified: "Wed, 21 Oct 2015 07:28:00 GMT" });
    expect(m.modifiedAt?.toISOString()).toBe("2015-10-21T07:28:00.000Z");
  });
});

describe("robotsDirectives", () => {
  it("applies unprefixed directives and ours, ignores other bots'", () => {
    expect(robotsDirectives(["noindex, nofollow"], "topicgatebot")).toEqual({ noindex: true, nofollow: true });
    expect(robotsDirectives(["none"], "topicgatebot")).toEqual({ noindex: true, nofollow: true });
    expect(robotsDirectives(["googlebot: noindex"], "topicgatebot")).toEqual({ noindex: false, nofollow: false });
    expect(robotsDirectives(["topicgatebot: nofollow"], "topicgatebot")).toEqual({ noindex: false, nofollow: true });
  });
});

describe("fingerprints and language", () => {
  it("gives near-duplicate texts close SimHashes and different texts distant ones", () => {
    const base = "The quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat near the door of the old house. ".repeat(8);
    const near = base.replace("lazy dog", "sleepy dog");
    const other = "Completely unrelated text about databases, indexes, transactions and write-ahead logging in storage engines. ".repeat(8);
    expect(hammingDistance(simhash(base), simhash(near))).toBeLessThanOrEqual(8);
    expect(hammingDistance(simhash(base), simhash(other))).toBeGreaterThan(16);
  });

  it("fingerprints a page's text as the word-by-word definitions do", () => {
    const text = "Σίσυφος ΣΑΣ İstanbul straße 😀 𝐀𝐁 word\nnext-line ٣٤ x\ud800y naïve café ".repeat(40);
    const fp = fingerprintText(text);
    expect(fp.wordCount).toBe(words(text).length);
    expect(fp.simhash).toBe(simhash(text));
    expect(fp.contentHash).toBe(crypto.createHash("sha256").update(text.replace(/\n/g, " ").toLowerCase()).digest("hex"));
  });

  it("guesses the language from function words when html lang is missing", () => {
    expect(detectLanguage("Der Hund und die Katze sind nicht mit dem Auto auf der Straße, das ist auch eine Geschichte")).toBe("de");
    expect(detectLanguage("The dog and the cat are in the house, and it is a story that is told for the children")).toBe("en");
    expect(detectLanguage("短い日本語のテキストです")).toBe("ja");
  });
});
