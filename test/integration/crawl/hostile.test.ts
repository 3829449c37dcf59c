/**
 * The hostile web: real crawls of local servers on 127.0.0.1 built to hurt a crawler. Each case asserts what the crawl
 * did with it, and the cases that cost memory are crawled in a process of their own whose peak RSS is bounded.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import type http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultCrawlOptions, runCrawl, type CrawlSummary } from "@/lib/crawl";
import { MAX_LINK_TARGETS_PER_PAGE } from "@/lib/crawl/extract";
import { Fetcher } from "@/lib/crawl/fetch";
import { MAX_SITEMAP_URLS } from "@/lib/crawl/sitemaps";
import { trapPattern } from "@/lib/crawl/traps";
import { normalizeUrl } from "@/lib/crawl/urls";
import { listHtmlPages } from "@/lib/db/pages";
import { WP, wordpressPaths, wordpressSite } from "@/test/fixtures/wordpress-site";
import { crawlOnce, createScan, type CrawlRun } from "@/test/support/crawl-fixtures";
import { createTestDatabase, type TestDatabase } from "@/test/support/db";
import { serveDns } from "@/test/support/dns-server";
import { serveSite, type Route, type TestSite } from "@/test/support/site-server";
import { crawlStore } from "@/lib/db/crawl-store";

const root = path.resolve(__dirname, "../../..");
const html = (body: string, head = "") => `<!doctype html><html lang="en"><head><title>t</title>${head}</head><body><main>${body}</main></body></html>`;
const links = (...paths: string[]) => paths.map((p) => `<a href="${p}">to ${p}</a>`).join(" ");
const errorCode = (p: { extra: unknown } | undefined) => (p?.extra as { errorCode?: string } | null)?.errorCode;
const text = { "content-type": "text/plain" };

/** Body of a test site's page that streams `total` bytes of HTML as fast as the client reads, counting what it sent. */
function endless(total: number, sent: { bytes: number }): Route {
  return {
    raw: (res: http.ServerResponse) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "<p>x</p>");
      const pump = (): void => {
        while (sent.bytes < total && !res.destroyed) {
          sent.bytes += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => res.destroy());
      pump();
    },
  };
}

/** A sitemap of `n` URLs of the site, gzip-compressed (the bomb: tens of MiB of XML in a few MiB). */
function sitemapBomb(origin: string, n: number): Buffer {
  const parts = ['<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (let k = 0; k < n; k++) parts.push(`<url><loc>${origin}/s/${k}</loc></url>`);
  parts.push("</urlset>");
  return zlib.gzipSync(parts.join(""), { level: 1 });
}

function crawlInChild(file: string, scanId: string, options: Record<string, unknown>): Promise<{ summary: CrawlSummary; peakRssMiB: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "test/support/crawl-measured.ts"), file, scanId, JSON.stringify(options)], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`crawl child exited ${code}: ${err}`))));
  });
}

describe("a hostile site, crawled in a process of its own", () => {
  let site: TestSite;
  let other: TestSite;
  let tdb: TestDatabase;
  let scanId: string;
  let result: { summary: CrawlSummary; peakRssMiB: number; ms: number };
  let pages: Awaited<ReturnType<TestDatabase["db"]["page"]["findMany"]>>;
  const huge = { bytes: 0 };
  const page = (p: string) => pages.find((x) => x.url === new URL(p, site.url).href);

  beforeAll(async () => {
    other = await serveSite({ "/": html("another service on another port"), "/sitemap.xml": "<urlset/>" });
    site = await serveSite({});
    const origin = site.url.slice(0, -1);
    const bomb = sitemapBomb(origin, 400_000);
    // “quoted” café in windows-1252 bytes: 0x93 and 0x94 are C1 controls in strict Latin-1
    const latin1 = Buffer.concat([Buffer.from("<html><body><main><p>"), Buffer.from([0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94, 0x20, 0x63, 0x61, 0x66, 0xe9]), Buffer.from("</p></main></body></html>")]);
    const sessionLinks = links("/about?sid=a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "/about?PHPSESSID=9f8e7d6c5b4a", "/about;jsessionid=0A1B2C3D4E5F", "/about");
    const routes: Record<string, Route> = {
      "/robots.txt": {
        headers: text,
        body: `User-agent: *\nAllow: /\n${Array.from({ length: 10 }, (_, k) => `Sitemap: ${origin}/bomb-${k}.xml.gz`).join("\n")}\nSitemap: ${other.url}sitemap.xml\nSitemap: http://elsewhere.invalid/sitemap.xml\n`,
      },
      ...Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`/bomb-${k}.xml.gz`, { body: bomb, headers: { "content-type": "application/gzip" } }])),
      "/": html(
        links("/huge", "/bomb", "/stacked", "/zstd", "/binary", "/pdf", "/wide", "/inline", "/away", other.url, "/loop1", "/chain0", "/short0", "/latin1", "/ok") + sessionLinks,
      ),
      "/huge": endless(10 * 1024 ** 3, huge),
      "/bomb": { body: zlib.gzipSync(Buffer.alloc(50_000_000, 0x20)), headers: { "content-encoding": "gzip" } },
      "/stacked": { body: zlib.gzipSync(zlib.gzipSync(html("<p>twice</p>"))), headers: { "content-encoding": "gzip, gzip" } },
      "/zstd": { body: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), headers: { "content-encoding": "zstd" } },
      "/binary": { body: crypto.randomBytes(4_000_000), headers: { "content-type": "text/html; charset=utf-8" } },
      "/pdf": { body: Buffer.from(`%PDF-1.7\n${"1 0 obj << /Type /Catalog >> endobj\n".repeat(200)}`), headers: { "content-type": "text/html" } },
      // nofollow keeps their targets out of the frontier, so that the page cap is spent on the sitemap's URLs
      "/wide": html(`<ul>${Array.from({ length: 50_000 }, (_, k) => `<li><a rel="nofollow" href="/w/${k}">w${k}</a></li>`).join("")}</ul>`),
      "/inline": html(`<p>${Array.from({ length: 50_000 }, (_, k) => `<a rel="nofollow" href="/i/${k}">i${k}</a>`).join(" ")}</p>`),
      "/away": { status: 302, headers: { location: `${other.url}x` } },
      "/loop1": { status: 302, headers: { location: "/loop2" } },
      "/loop2": { status: 302, headers: { location: "/loop1" } },
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`/chain${i}`, { status: 301, headers: { location: `/chain${i + 1}` } }])),
      "/short0": { status: 301, headers: { location: "/short1" } },
      "/short1": { status: 307, headers: { location: "/ok" } },
      "/latin1": { body: latin1, headers: { "content-type": "text/html; charset=iso-8859-1" } },
      "/ok": html("<p>an ordinary page</p>"),
      "/about": html(`<p>about us</p>${sessionLinks}`),
    };
    for (const [p, r] of Object.entries(routes)) site.routes.set(p, r);
    tdb = await createTestDatabase();
    scanId = await createScan(tdb.db, site.url);
    result = await crawlInChild(tdb.file, scanId, { startUrl: site.url, allowPrivate: true, maxPages: 60, concurrency: 4, retries: 0 });
    pages = await tdb.db.page.findMany({ where: { scanId } });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await other?.close();
    await tdb?.close();
  });

  it("stays within a bounded memory for the whole crawl", () => {
    // the sitemaps alone took 1.5 GB when they were inflated and parsed whole; a plain crawl's process (node, Prisma,
    // SQLite) peaks at ~150 MiB and this one at ~240 MiB
    expect(result.peakRssMiB).toBeLessThan(350);
  });

  it("reads sitemaps as a stream and stops at the URL cap: one bomb file read in part, the others not at all", () => {
    expect(result.summary.sitemaps).toMatchObject({ urls: MAX_SITEMAP_URLS, truncated: true, files: 1 });
    expect(result.summary.sitemaps!.bytes).toBeLessThan(4_000_000); // 50,000 <url> of ~45 bytes, not the 20 MB file
    expect(site.requests.filter((r) => r.startsWith("/bomb-"))).toEqual(["/bomb-0.xml.gz"]);
  });

  it("fetches nothing from another port of the host: links, redirects and robots Sitemap lines alike", () => {
    expect(other.requests).toEqual([]);
    expect(errorCode(page("/away"))).toBe("out_of_scope");
    expect(result.summary.sitemaps!.skipped).toEqual(expect.arrayContaining([`${other.url}sitemap.xml`, "http://elsewhere.invalid/sitemap.xml"]));
  });

  it("aborts a 10 GB body at the page cap and a gzip bomb at the decompression cap", () => {
    expect(errorCode(page("/huge"))).toBe("too_large");
    expect(huge.bytes).toBeLessThan(64 * 1024 ** 2);
    expect(page("/huge")!.bytes).toBeLessThanOrEqual(5 * 1024 ** 2 + 64 * 1024);
    expect(errorCode(page("/bomb"))).toBe("too_large");
  });

  it("refuses stacked and unknown content codings, and binary bodies whatever their Content-Type", () => {
    expect(errorCode(page("/stacked"))).toBe("unsupported_encoding");
    expect(errorCode(page("/zstd"))).toBe("unsupported_encoding");
    expect(errorCode(page("/binary"))).toBe("binary");
    expect(errorCode(page("/pdf"))).toBe("binary");
    expect(page("/binary")!.mainText).toBeNull();
  });

  it("keeps a bounded number of a page's links, whether in a list or in one paragraph", async () => {
    for (const p of ["/wide", "/inline"]) {
      const stored = await tdb.db.link.count({ where: { scanId, fromUrl: page(p)!.url } });
      expect(stored).toBe(MAX_LINK_TARGETS_PER_PAGE);
      expect((page(p)!.extra as { linksDropped: number }).linksDropped).toBe(50_000 - MAX_LINK_TARGETS_PER_PAGE);
    }
  });

  it("ends redirect loops and long chains while short chains arrive", () => {
    expect(errorCode(page("/loop2"))).toBe("redirect_loop");
    expect(errorCode(page("/chain10"))).toBe("too_many_redirects");
    expect(page("/ok")).toMatchObject({ status: 200, requestedUrl: expect.stringMatching(/\/(short0|ok)$/) });
  });

  it("stores a page reached through session-id URLs once", () => {
    expect(pages.filter((p) => new URL(p.url).pathname.startsWith("/about"))).toHaveLength(1);
    expect(site.requests.filter((r) => r.startsWith("/about"))).toEqual(["/about"]);
  });

  it("decodes iso-8859-1 as windows-1252, as browsers do", () => {
    expect(page("/latin1")).toMatchObject({ charset: "windows-1252", mainText: "\u201cquoted\u201d café" });
  });

  it("keeps failed pages out of the analysed pages and reports them with their error", async () => {
    const analysed = new Set((await listHtmlPages(tdb.db, scanId)).map((p) => p.url));
    for (const p of ["/huge", "/bomb", "/stacked", "/binary"]) expect(analysed.has(page(p)!.url)).toBe(false);
    expect(analysed.has(page("/ok")!.url)).toBe(true);
    const codes = Object.fromEntries(result.summary.failures.map((f) => [f.code, f.count]));
    expect(codes).toMatchObject({ too_large: 2, unsupported_encoding: 2, binary: 2, redirect_loop: 1, too_many_redirects: 1, out_of_scope: 1 });
  });
});

describe("robots.txt of a hostile or broken site", () => {
  let site: TestSite | undefined;
  let other: TestSite | undefined;
  let run: CrawlRun | undefined;
  afterEach(async () => {
    await site?.close();
    await other?.close();
    await run?.tdb.close();
    site = other = run = undefined;
  });
  const crawled = () => run!.pages.map((p) => new URL(p.url).pathname).sort();
  const crawl = async (robots: Record<string, Route>, overrides = {}) => {
    site = await serveSite({ ...robots, "/": html(links("/a", "/secret", "/late")), "/a": html("a"), "/secret": html("s"), "/late": html("l") });
    run = await crawlOnce(site.url, { retries: 1, ...overrides });
    return run;
  };
  const chain = (n: number, body: string): Record<string, Route> => ({
    ...Object.fromEntries(Array.from({ length: n }, (_, i) => [i === 0 ? "/robots.txt" : `/r${i}`, { status: 301, headers: { location: `/r${i + 1}` } }])),
    [`/r${n}`]: { headers: text, body },
  });

  it("reads nothing on 5xx and 429 (disallow all), everything on 4xx", async () => {
    await crawl({ "/robots.txt": { status: 500, body: "oops" } });
    expect(run!.pages).toHaveLength(0);
    await run!.tdb.close();
    await site!.close();
    await crawl({ "/robots.txt": { status: 429, headers: { "retry-after": "0" }, body: "slow down" } });
    expect(run!.pages).toHaveLength(0);
    const origin = new URL(site!.url).origin;
    expect(run!.summary.robots).toMatchObject({ status: { [origin]: 429 }, mode: { [origin]: "disallow-all" } });
    expect(site!.requests.filter((r) => r === "/robots.txt")).toHaveLength(2); // retried once after its Retry-After
    await run!.tdb.close();
    await site!.close();
    await crawl({ "/robots.txt": { status: 403, body: "no" } });
    expect(crawled()).toEqual(["/", "/a", "/late", "/secret"]);
  });

  it("parses the first 500 KiB of an oversized robots.txt and ignores the rest", async () => {
    const body = `User-agent: *\nDisallow: /secret\n${"# padding\n".repeat(60_000)}Disallow: /late\n`;
    await crawl({ "/robots.txt": { headers: text, body } });
    expect(crawled()).toEqual(["/", "/a", "/late"]);
    expect(site!.requests).not.toContain("/secret");
  });

  it("follows five redirects to robots.txt; past five it is unavailable (RFC 9309 2.3.1.2)", async () => {
    await crawl(chain(5, "User-agent: *\nDisallow: /secret\n"));
    expect(crawled()).toEqual(["/", "/a", "/late"]);
    await run!.tdb.close();
    await site!.close();
    await crawl(chain(6, "User-agent: *\nDisallow: /\n"));
    expect(crawled()).toEqual(["/", "/a", "/late", "/secret"]);
    expect(run!.summary.robots.mode[new URL(site!.url).origin]).toBe("allow-all");
  });

  it("does not follow a robots.txt redirect to another port, and crawls nothing without its rules", async () => {
    other = await serveSite({ "/robots.txt": { headers: text, body: "User-agent: *\nAllow: /\n" } });
    site = await serveSite({ "/robots.txt": { status: 302, headers: { location: `${other.url}robots.txt` } }, "/": html("home") });
    const tdb = await createTestDatabase();
    try {
      const scanId = await createScan(tdb.db, site.url);
      await expect(runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(site.url, { allowPrivate: true }))).rejects.toThrow(/robots.txt could not be fetched: redirect leaves the crawl scope/);
      expect(site.requests).toEqual(["/robots.txt"]);
      expect(other.requests).toEqual([]);
    } finally {
      await tdb.close();
    }
  });

  it("fetches no sitemap that robots.txt disallows", async () => {
    await crawl({
      "/robots.txt": { headers: text, body: "User-agent: *\nDisallow: /secret\nDisallow: /private/\nSitemap: /private/sitemap.xml\nSitemap: /secret-sitemap.xml\n" },
      "/private/sitemap.xml": { headers: { "content-type": "application/xml" }, body: "<urlset><url><loc>/a</loc></url></urlset>" },
    });
    expect(site!.requests.filter((r) => r.includes("sitemap"))).toEqual(["/sitemap.xml"]);
    await run!.tdb.close();
    await site!.close();
    await crawl({ "/robots.txt": { headers: text, body: "User-agent: *\nDisallow: /\nSitemap: /sitemap.xml\n" } });
    expect(site!.requests).toEqual(["/robots.txt"]);
  });
});

describe("traps and permalinks", () => {
  it("crawls a WordPress site's numbered permalinks completely and caps its calendar, facets and empty search pages", async () => {
    const site = await serveSite({ ...wordpressSite(), ...wordpressPaths() });
    const run = await crawlOnce(site.url, { maxPages: 3_000, maxDepth: 1_000, concurrency: 8 });
    try {
      const byPattern = new Map<string, number>();
      for (const p of run.pages) byPattern.set(trapPattern(p.url), (byPattern.get(trapPattern(p.url)) ?? 0) + 1);
      const postsPerPage = WP.perPage;
      expect(byPattern.get("/?p")).toBe(WP.posts);
      expect(byPattern.get("/?paged")).toBe(Math.ceil(WP.posts / postsPerPage) - 1);
      expect(byPattern.get("/?page_id")).toBe(WP.pages);
      expect(byPattern.get("/?cat")).toBe(WP.categories);
      expect(byPattern.get("/?m")).toBe(WP.months);
      expect(byPattern.get("/?cat&paged")).toBeGreaterThan(50);
      expect(run.pages.filter((p) => p.url.includes("/product/"))).toHaveLength(WP.products);
      // the traps: a pattern's first 50 URLs, then only what pages with new text link to
      expect(byPattern.get("/events/#/#")).toBeLessThanOrEqual(51);
      expect(byPattern.get("/search?page&q")).toBeLessThanOrEqual(51);
      const facets = WP.colors.length * WP.sizes.length * WP.sorts.length;
      expect(byPattern.get("/shop?color&size&sort")).toBeLessThan(facets);
      const capped = run.summary.trapsCapped.map((t) => t.pattern);
      expect(capped).toEqual(expect.arrayContaining(["/events/#/#", "/search?page&q", "/shop?color&size&sort"]));
      expect(capped.filter((c) => c.startsWith("/?"))).toEqual([]);
    } finally {
      await site.close();
      await run.tdb.close();
    }
  }, 60_000);
});

describe("a server that drips", () => {
  it("gives up on a body that trickles in past the request deadline, and keeps crawling", async () => {
    const site = await serveSite({
      "/": html(links("/drip", "/ok")),
      "/drip": {
        raw: (res) => {
          res.writeHead(200, { "content-type": "text/html" });
          const t = setInterval(() => res.write("<p>drip</p>"), 100);
          res.on("close", () => clearInterval(t));
        },
      },
      "/ok": html("<p>fine</p>"),
    });
    const run = await crawlOnce(site.url, { requestTimeoutMs: 1_000, retries: 0 });
    try {
      expect(errorCode(run.byPath("/drip"))).toBe("timeout");
      expect(run.byPath("/ok")).toMatchObject({ status: 200, mainText: "fine" });
      expect(run.summary.failures).toEqual([expect.objectContaining({ code: "timeout", count: 1 })]);
    } finally {
      await site.close();
      await run.tdb.close();
    }
  });
});

describe("a host that asks us to slow down", () => {
  it("pauses every request to the host for its Retry-After, not only the refused URL", async () => {
    const arrivals: { path: string; at: number }[] = [];
    let refusedAt = 0;
    const stamp = (body: string): Route => (req) => {
      arrivals.push({ path: req.url ?? "", at: Date.now() });
      return { body, delayMs: 50 };
    };
    const routes: Record<string, Route> = {
      "/": stamp(html(links("/a", ...Array.from({ length: 8 }, (_, i) => `/p${i}`)))),
      "/a": (req) => {
        arrivals.push({ path: req.url ?? "", at: Date.now() });
        if (refusedAt) return { body: html("a, at last") };
        refusedAt = Date.now();
        return { status: 429, headers: { "retry-after": "1" }, body: "slow down" };
      },
    };
    for (let i = 0; i < 8; i++) routes[`/p${i}`] = stamp(html(`p${i}`));
    const site = await serveSite(routes);
    const run = await crawlOnce(site.url, { concurrency: 2, retries: 1 });
    try {
      expect(refusedAt).toBeGreaterThan(0);
      // a request already on its way when the 429 came is answered; no new one starts within the Retry-After second
      const started = arrivals.filter((a) => a.at > refusedAt + 60);
      expect(started.length).toBeGreaterThan(0);
      for (const a of started) expect(a.at - refusedAt).toBeGreaterThanOrEqual(950);
      expect(run.byPath("/a")).toMatchObject({ status: 200 });
      expect(run.pages).toHaveLength(10);
    } finally {
      await site.close();
      await run.tdb.close();
    }
  });
});

describe("addresses that hide a private host", () => {
  it("refuses IPv6 forms that carry a loopback IPv4 address, before any request", async () => {
    const site = await serveSite({ "/": html("secret") });
    const norm = (u: string, b: string) => normalizeUrl(u, b, { stripTrackingParams: true, sortQueryParams: true });
    const f = new Fetcher({ userAgent: "TopicGateBot/0.1", allowPrivate: false, maxBytesPerPage: 1_000_000, maxRedirects: 5, retries: 0, concurrency: 2, normalize: norm });
    const tdb = await createTestDatabase();
    try {
      for (const host of ["[::127.0.0.1]", "[::ffff:127.0.0.1]", "[::ffff:0:7f00:1]", "[64:ff9b::7f00:1]"]) {
        expect((await f.fetch(`http://${host}:${site.port}/`)).errorCode).toBe("private_address");
      }
      const scanId = await createScan(tdb.db, site.url);
      await expect(runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(`http://[::127.0.0.1]:${site.port}/`))).rejects.toMatchObject({ code: "private_address" });
      expect(site.requests).toEqual([]);
    } finally {
      await f.close();
      await site.close();
      await tdb.close();
    }
  });

  it("connects only to the public answers of a name that mixes public and private addresses", async () => {
    const site = await serveSite({ "/": html("a local page") });
    const dns = await serveDns({ "mixed.test": ["127.0.0.1", "1.1.1.1"], "private.test": ["127.0.0.1", "10.1.2.3"] });
    const tdb = await createTestDatabase();
    try {
      const crawlName = (name: string, allowPrivate: boolean) =>
        createScan(tdb.db, `http://${name}:${site.port}/`).then((id) =>
          runCrawl(crawlStore(tdb.db), id, defaultCrawlOptions(`http://${name}:${site.port}/`, { allowPrivate, retries: 0, requestTimeoutMs: 1_000 }), { lookup: dns.lookup }),
        );
      await expect(crawlName("private.test", false)).rejects.toMatchObject({ code: "private_address" });
      await expect(crawlName("mixed.test", false)).rejects.toMatchObject({ code: "unreachable" }); // 1.1.1.1 does not serve this port
      expect(site.requests).toEqual([]);
      const allowed = await crawlName("mixed.test", true);
      expect(allowed.htmlPages).toBe(1); // the same name, private answers allowed: the local server is reached
    } finally {
      await site.close();
      await dns.close();
      await tdb.close();
    }
  });
});

describe("charsets labelled as browsers read them", () => {
  it("decodes Latin-1 and ASCII labels as windows-1252", async () => {
    const body = (label: string, where: "header" | "meta") => ({
      body: iconv.encode(html(`<p>\u201csmart\u201d quotes \u2013 caf\u00e9 ${label}</p>`, where === "meta" ? `<meta charset="${label}">` : ""), "windows-1252"),
      headers: { "content-type": where === "header" ? `text/html; charset=${label}` : "text/html" },
    });
    const site = await serveSite({ "/": html(links("/l1", "/l2", "/l3")), "/l1": body("ISO-8859-1", "header"), "/l2": body("latin1", "meta"), "/l3": body("us-ascii", "header") });
    const run = await crawlOnce(site.url);
    try {
      const labels = { "/l1": "ISO-8859-1", "/l2": "latin1", "/l3": "us-ascii" };
      for (const [p, label] of Object.entries(labels)) expect(run.byPath(p)).toMatchObject({ charset: "windows-1252", mainText: `\u201csmart\u201d quotes \u2013 caf\u00e9 ${label}` });
    } finally {
      await site.close();
      await run.tdb.close();
    }
  });
});
