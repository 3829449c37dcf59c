import zlib from "node:zlib";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";
import { runCrawl, defaultCrawlOptions } from "@/lib/crawl";
import { MAX_URLS_PER_PATTERN } from "@/lib/crawl/traps";
import { serveSite, type Route, type TestSite } from "@/test/support/site-server";
import { crawlOnce, createScan, type CrawlRun } from "@/test/support/crawl-fixtures";
import { createTestDatabase } from "@/test/support/db";
import { crawlStore } from "@/lib/db/crawl-store";

const html = (body: string, head = "") => `<!doctype html><html lang="en"><head><title>t</title>${head}</head><body>${body}</body></html>`;
const links = (...paths: string[]) => paths.map((p) => `<a href="${p}">to ${p}</a>`).join(" ");

let site: TestSite | undefined;
let run: CrawlRun | undefined;
afterEach(async () => {
  await site?.close();
  await run?.tdb.close();
  site = undefined;
  run = undefined;
});

async function crawl(routes: Record<string, Route>, overrides = {}, start = "/") {
  site = await serveSite(routes);
  run = await crawlOnce(new URL(start, site.url).href, overrides);
  return run;
}

describe("crawl scope and order", () => {
  it("records the shortest click depth even when a slow page finishes after a deeper one", async () => {
    const r = await crawl({
      "/": html(links("/slow", "/fast")),
      "/slow": { body: html(links("/target")), delayMs: 400 },
      "/fast": html(links("/f2")),
      "/f2": html(links("/f3")),
      "/f3": html(links("/target")),
      "/target": html("<p>target</p>"),
    });
    expect(r.byPath("/target")?.depth).toBe(2);
    expect(r.byPath("/f3")?.depth).toBe(3);
    expect(r.summary.stoppedBy).toBe("done");
  });

  it("stays on the start host, honours maxDepth, maxPages and exclude patterns", async () => {
    const r = await crawl(
      {
        "/": html(links("/a", "/skip/me", "http://example.invalid/x")),
        "/a": html(links("/b")),
        "/b": html(links("/c")),
        "/c": html("c"),
        "/skip/me": html("no"),
      },
      { maxDepth: 2, exclude: ["/skip/"] },
    );
    expect(r.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(["/", "/a", "/b"]);
    expect(site!.requests).not.toContain("/skip/me");
    await r.tdb.close();
    run = await crawlOnce(site!.url, { maxPages: 2 });
    expect(run.pages).toHaveLength(2);
    expect(run.summary.stoppedBy).toBe("maxPages");
  });

  it("stores every page once with its links, positions and anchor text, and marks the frontier done", async () => {
    const r = await crawl({
      "/": html(`<nav><a href="/a">A nav</a></nav><main><p>See <a href="/a?utm_source=x#top">the A page</a> now.</p></main><footer><a href="/b">B</a></footer>`),
      "/a": html(links("/")),
      "/b": html("b"),
    });
    expect(r.pages).toHaveLength(3);
    const ls = await r.tdb.db.link.findMany({ where: { scanId: r.scanId, fromUrl: site!.url } });
    expect(ls.map((l) => [new URL(l.toUrl).pathname + new URL(l.toUrl).search, l.position, l.anchor]).sort()).toEqual([
      ["/a", "content", "the A page"],
      ["/a", "navigation", "A nav"],
      ["/b", "footer", "B"],
    ]);
    expect(ls.find((l) => l.position === "content")?.context).toBe("See the A page now.");
    const states = await r.tdb.db.frontierEntry.groupBy({ by: ["state"], where: { scanId: r.scanId }, _count: true });
    expect(states).toEqual([{ state: "done", _count: 3 }]);
  });
});

describe("redirects", () => {
  it("follows a chain, records it and stores the page under its final URL", async () => {
    const r = await crawl({
      "/": html(links("/r1")),
      "/r1": { status: 301, headers: { location: "/r2" } },
      "/r2": { status: 302, headers: { location: "/final" } },
      "/final": html("<p>final</p>"),
    });
    const p = r.byPath("/final")!;
    expect(p.requestedUrl).toBe(new URL("/r1", site!.url).href);
    expect((p.redirectChain as { status: number }[]).map((h) => h.status)).toEqual([301, 302]);
    expect(r.pages).toHaveLength(2);
  });

  it("detects loops, caps chains and refuses hops that leave the site, and the crawl goes on", async () => {
    const r = await crawl(
      {
        "/": html(links("/loop1", "/long0", "/away", "/ok")),
        "/loop1": { status: 302, headers: { location: "/loop2" } },
        "/loop2": { status: 302, headers: { location: "/loop1" } },
        ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`/long${i}`, { status: 301, headers: { location: `/long${i + 1}` } }])),
        "/away": { status: 301, headers: { location: "http://example.invalid/" } },
        "/ok": html("ok"),
      },
      { maxRedirects: 5 },
    );
    const err = (p: string) => (r.byPath(p)?.extra as { errorCode?: string } | null)?.errorCode;
    expect(err("/loop2")).toBe("redirect_loop");
    expect(err("/long5")).toBe("too_many_redirects");
    expect(err("/away")).toBe("out_of_scope");
    expect(r.byPath("/ok")?.status).toBe(200);
    expect(r.summary.failed).toBe(3);
  });
});

describe("robots.txt", () => {
  it("does not fetch disallowed URLs, and honours Crawl-delay between requests", async () => {
    const times: number[] = [];
    const stamp = (body: string): Route => () => {
      times.push(Date.now());
      return { body };
    };
    const r = await crawl({
      "/robots.txt": { body: "User-agent: *\nDisallow: /private\nCrawl-delay: 0.3\n", headers: { "content-type": "text/plain" } },
      "/": stamp(html(links("/private/x", "/a", "/b"))),
      "/a": stamp(html("a")),
      "/b": stamp(html("b")),
      "/private/x": html("secret"),
    });
    expect(site!.requests).not.toContain("/private/x");
    expect(r.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(["/", "/a", "/b"]);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // server-side arrival times jitter by a few ms under load; without the delay the gaps would be ~0 (concurrency 4)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);
    expect(r.summary.robots.crawlDelayMs).toBe(300);
    expect(r.summary.robots.blocked).toBe(1);
    const skipped = await r.tdb.db.frontierEntry.findFirst({ where: { scanId: r.scanId, state: "skipped" } });
    expect(skipped?.error).toMatch(/robots/);
  });

  it("crawls nothing when robots.txt answers 5xx, everything when it answers 404", async () => {
    const r = await crawl({ "/robots.txt": { status: 503, body: "down" }, "/": html(links("/a")), "/a": html("a") }, { retries: 0 });
    expect(r.pages).toHaveLength(0);
    expect(site!.requests.filter((q) => q !== "/robots.txt")).toEqual([]);
    expect(r.summary.robots.mode[new URL(site!.url).origin]).toBe("disallow-all");
    await site!.close();
    await r.tdb.close();
    run = undefined;
    const r2 = await crawl({ "/": html(links("/a")), "/a": html("a") });
    expect(r2.pages).toHaveLength(2);
    expect(r2.summary.robots.status[new URL(site!.url).origin]).toBe(404);
  });
});

describe("meta robots, X-Robots-Tag and canonicals", () => {
  it("records noindex/nofollow from meta and header and does not follow a nofollow page's links", async () => {
    const r = await crawl({
      "/": html(`${links("/nf", "/hdr", "/canon")} <a href="/sponsored" rel="nofollow sponsored">ad</a>`),
      "/nf": html(links("/only-from-nofollow"), '<meta name="robots" content="noindex, nofollow">'),
      "/hdr": { body: html(links("/only-from-header")), headers: { "x-robots-tag": "noindex, nofollow" } },
      "/canon": html("c", '<link rel="canonical" href="/canonical-target?b=2&a=1#x">'),
      "/only-from-nofollow": html("x"),
      "/only-from-header": html("x"),
      "/sponsored": html("x"),
    });
    expect(r.byPath("/nf")).toMatchObject({ noindex: true, nofollow: true });
    expect(r.byPath("/hdr")).toMatchObject({ noindex: true, nofollow: true });
    expect(site!.requests).not.toContain("/only-from-nofollow");
    expect(site!.requests).not.toContain("/only-from-header");
    expect(site!.requests).not.toContain("/sponsored");
    const sponsored = await r.tdb.db.link.findFirst({ where: { scanId: r.scanId, toUrl: new URL("/sponsored", site!.url).href } });
    expect(sponsored).toMatchObject({ nofollow: true, rel: "nofollow sponsored" });
    expect(r.byPath("/canon")?.canonical).toBe(new URL("/canonical-target?a=1&b=2", site!.url).href);
  });
});

describe("charsets", () => {
  it("decodes by header, by meta and by BOM", async () => {
    const r = await crawl({
      "/": html(links("/latin1", "/sjis", "/bom")),
      "/latin1": { body: iconv.encode(html("<p>Café crème brûlée</p>"), "windows-1252"), headers: { "content-type": "text/html; charset=windows-1252" } },
      "/sjis": { body: iconv.encode(html("<p>日本語のページ</p>", '<meta charset="Shift_JIS">'), "Shift_JIS"), headers: { "content-type": "text/html" } },
      "/bom": { body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html("<p>Ünïcödé</p>"))]), headers: { "content-type": "text/html; charset=iso-8859-1" } },
    });
    expect(r.byPath("/latin1")).toMatchObject({ charset: "windows-1252", mainText: "Café crème brûlée" });
    expect(r.byPath("/sjis")).toMatchObject({ charset: "shift_jis", mainText: "日本語のページ" });
    expect(r.byPath("/bom")).toMatchObject({ charset: "utf-8", mainText: "Ünïcödé" });
  });
});

describe("sitemaps", () => {
  it("reads robots Sitemap lines, indexes and gzip, crawls sitemap-only URLs and reports orphans", async () => {
    const url = (p: string) => `http://127.0.0.1:PORT${p}`;
    const urlset = (ps: string[]) => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${ps.map((p) => `<url><loc>${url(p)}</loc></url>`).join("")}</urlset>`;
    const withPort = (s: string) => s.replaceAll("PORT", String(site!.port));
    site = await serveSite({});
    site.routes.set("/robots.txt", { body: withPort(`User-agent: *\nAllow: /\nSitemap: ${url("/sitemap-index.xml")}\n`), headers: { "content-type": "text/plain" } });
    site.routes.set("/sitemap-index.xml", {
      body: withPort(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${url("/sm1.xml.gz")}</loc></sitemap></sitemapindex>`),
      headers: { "content-type": "application/xml" },
    });
    site.routes.set("/sm1.xml.gz", { body: zlib.gzipSync(withPort(urlset(["/", "/a", "/orphan"]))), headers: { "content-type": "application/gzip" } });
    site.routes.set("/", html(links("/a")));
    site.routes.set("/a", html("a"));
    site.routes.set("/orphan", html(links("/from-orphan")));
    site.routes.set("/from-orphan", html("x"));
    run = await crawlOnce(site.url);
    const r = run;
    expect(r.byPath("/orphan")).toMatchObject({ inSitemap: true, depth: -1 });
    expect(r.byPath("/a")).toMatchObject({ inSitemap: true, depth: 1 });
    expect(r.byPath("/from-orphan")?.inSitemap).toBe(false);
    expect(r.summary.sitemapOrphans).toEqual([new URL("/orphan", site.url).href]);
    const entry = await r.tdb.db.frontierEntry.findFirst({ where: { scanId: r.scanId, url: new URL("/orphan", site.url).href } });
    expect(entry?.source).toBe("sitemap");
  });
});

describe("hostile and broken servers", () => {
  it("caps URL traps per pattern and reports them", async () => {
    site = await serveSite({});
    const calendar: Route = (req) => {
      const m = /\/cal\/(\d+)\/(\d+)/.exec(req.url ?? "")!;
      const y = Number(m[1]);
      const mo = Number(m[2]);
      return { body: html(links(`/cal/${mo === 12 ? y + 1 : y}/${mo === 12 ? 1 : mo + 1}`, `/cal/${y}/${mo}?view=week&day=1`)) };
    };
    for (let y = 2026; y < 2040; y++) for (let m = 1; m <= 12; m++) site.routes.set(`/cal/${y}/${m}`, calendar);
    site.routes.set("/", html(links("/cal/2026/1", "/about")));
    site.routes.set("/about", html("about"));
    run = await crawlOnce(site.url, { maxPages: 500, maxDepth: 1000 });
    const cal = run.pages.filter((p) => new URL(p.url).pathname.startsWith("/cal/") && !new URL(p.url).search);
    expect(cal.length).toBe(MAX_URLS_PER_PATTERN);
    expect(run.summary.trapsCapped.find((t) => t.pattern === "/cal/#/#")?.count).toBeGreaterThan(0);
    expect(run.byPath("/about")?.status).toBe(200);
    expect(run.summary.stoppedBy).toBe("done");
  });

  it("aborts oversized and decompression-bomb bodies, parses gzip, br and deflate bodies", async () => {
    const page = (enc: string) => html(`<p>compressed ${enc} content</p>`);
    const r = await crawl(
      {
        "/": html(links("/huge", "/bomb", "/gz", "/br", "/deflate")),
        "/huge": html(`<p>${"x".repeat(200_000)}</p>`),
        "/bomb": { body: zlib.gzipSync(Buffer.alloc(5_000_000, 0x20)), headers: { "content-encoding": "gzip" } },
        "/gz": { body: zlib.gzipSync(page("gz")), headers: { "content-encoding": "gzip" } },
        "/br": { body: zlib.brotliCompressSync(page("br")), headers: { "content-encoding": "br" } },
        "/deflate": { body: zlib.deflateSync(page("deflate")), headers: { "content-encoding": "deflate" } },
      },
      { maxBytesPerPage: 100_000 },
    );
    expect((r.byPath("/huge")?.extra as { errorCode: string }).errorCode).toBe("too_large");
    expect((r.byPath("/bomb")?.extra as { errorCode: string }).errorCode).toBe("too_large");
    for (const enc of ["gz", "br", "deflate"]) expect(r.byPath(`/${enc}`)?.mainText).toBe(`compressed ${enc} content`);
  });

  it("records slow drips as timeouts, retries 5xx/429 honouring Retry-After, records non-HTML without parsing", async () => {
    let flaky = 0;
    const r = await crawl(
      {
        "/": html(links("/drip", "/flaky", "/doc.pdf", "/gone")),
        "/drip": {
          raw: (res) => {
            res.writeHead(200, { "content-type": "text/html" });
            const t = setInterval(() => res.write("<p>x</p>"), 100);
            res.on("close", () => clearInterval(t));
          },
        },
        "/flaky": () => (++flaky < 2 ? { status: 429, headers: { "retry-after": "0" }, body: "slow down" } : { body: html("<p>ok now</p>") }),
        "/doc.pdf": { body: Buffer.from("%PDF-1.4 ..."), headers: { "content-type": "application/pdf" } },
      },
      { requestTimeoutMs: 1000, retries: 1 },
    );
    expect((r.byPath("/drip")?.extra as { errorCode: string }).errorCode).toBe("timeout");
    expect(r.byPath("/flaky")).toMatchObject({ status: 200, mainText: "ok now" });
    expect((r.byPath("/flaky")?.extra as { attempts: number }).attempts).toBe(2);
    expect(r.byPath("/doc.pdf")).toMatchObject({ status: 200, contentType: "application/pdf", mainText: null });
    expect(r.byPath("/gone")?.status).toBe(404);
    expect(r.summary.htmlPages).toBe(2);
  });
});

describe("private addresses", () => {
  it("refuses a loopback start URL by default and allows it with allowPrivate", async () => {
    site = await serveSite({ "/": html("hi") });
    const tdb = await createTestDatabase();
    try {
      const scanId = await createScan(tdb.db, site.url);
      await expect(runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(site.url))).rejects.toMatchObject({ code: "private_address" });
      expect(site.requests).toHaveLength(0);
      const s = await runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(site.url, { allowPrivate: true }));
      expect(s.pagesFetched).toBe(1);
    } finally {
      await tdb.close();
    }
  });
});

describe("unreachable sites and time budget", () => {
  it("reports an unreachable site as an error instead of an empty scan", async () => {
    site = await serveSite({});
    const url = site.url;
    await site.close();
    site = undefined;
    const tdb = await createTestDatabase();
    try {
      const scanId = await createScan(tdb.db, url);
      await expect(runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(url, { allowPrivate: true, retries: 0 }))).rejects.toMatchObject({ code: "unreachable" });
    } finally {
      await tdb.close();
    }
  });

  it("stops at the time budget and keeps what it has", async () => {
    const routes: Record<string, Route> = { "/": html(links(...Array.from({ length: 30 }, (_, i) => `/s${i}`))) };
    for (let i = 0; i < 30; i++) routes[`/s${i}`] = { body: html(`s${i}`), delayMs: 200 };
    const r = await crawl(routes, { timeBudgetMs: 700, concurrency: 2 });
    expect(r.summary.stoppedBy).toBe("timeBudget");
    expect(r.pages.length).toBeGreaterThan(1);
    expect(r.pages.length).toBeLessThan(31);
    expect(await r.tdb.db.frontierEntry.count({ where: { scanId: r.scanId, state: "fetching" } })).toBe(0);
  });
});

describe("boilerplate", () => {
  it("removes blocks repeated across the site from main text and recomputes counts and hashes", async () => {
    const promo = "<p>Subscribe to our newsletter for weekly espresso tips.</p>";
    const routes: Record<string, Route> = { "/": html(`<main>${promo}<p>Home page words.</p>${links("/1", "/2", "/3", "/4")}</main>`) };
    for (let i = 1; i <= 4; i++) routes[`/${i}`] = html(`<nav>${links("/")}</nav><main><p>Unique text of page ${i}.</p>${promo}</main>`);
    const r = await crawl(routes);
    const p1 = r.byPath("/1")!;
    expect(p1.mainText).toBe("Unique text of page 1.");
    expect(p1.wordCount).toBe(5);
    expect((p1.extra as { removedBlocks: number[] }).removedBlocks).toEqual([1]);
    expect(r.pages.every((p) => !p.mainText?.includes("Subscribe"))).toBe(true);
  });
});

describe("progress and cancellation", () => {
  it("reports progress and stops when cancelled, leaving the rest queued", async () => {
    site = await serveSite({});
    for (let i = 0; i < 40; i++) site.routes.set(`/p${i}`, { body: html(links(`/p${i + 1}`)), delayMs: 50 });
    site.routes.set("/", html(links("/p0")));
    const tdb = await createTestDatabase();
    try {
      const scanId = await createScan(tdb.db, site.url);
      const ac = new AbortController();
      const seen: number[] = [];
      const s = await runCrawl(crawlStore(tdb.db), scanId, defaultCrawlOptions(site.url, { allowPrivate: true }), {
        signal: ac.signal,
        onProgress: (p) => {
          seen.push(p.fetched);
          if (p.fetched >= 5) ac.abort();
        },
      });
      expect(s.stoppedBy).toBe("cancelled");
      expect(seen.length).toBeGreaterThan(0);
      expect(s.pagesFetched).toBeLessThan(41);
      const fetching = await tdb.db.frontierEntry.count({ where: { scanId, state: "fetching" } });
      expect(fetching).toBe(0);
    } finally {
      await tdb.close();
    }
  });
});
