/**
 * Rendering in real crawls of local sites on 127.0.0.1 with Debian's Chromium: a single-page application, a hybrid
 * site, hostile pages (requests to another port, an endless loop, a page that never settles), Chromium missing.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { PageRenderInfo } from "@/lib/render/types";
import { SMALL_SITE } from "@/test/fixtures/small-site";
import { hybridSite, spaSite } from "@/test/fixtures/spa-site";
import { crawlOnce, type CrawlRun } from "@/test/support/crawl-fixtures";
import { serveSite, type TestSite } from "@/test/support/site-server";

const renderOf = (p: { extra: unknown } | undefined): PageRenderInfo | undefined => (p?.extra as { render?: PageRenderInfo } | null)?.render;
const runs: CrawlRun[] = [];
async function crawl(url: string, overrides: Parameters<typeof crawlOnce>[1]): Promise<CrawlRun> {
  const run = await crawlOnce(url, overrides);
  runs.push(run);
  return run;
}
afterEach(async () => {
  for (const r of runs.splice(0)) await r.tdb.close();
});

describe("a single-page application", () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await serveSite(spaSite());
  });
  afterAll(() => site.close());

  it("with render auto, yields every route with its own title, text and links", async () => {
    const run = await crawl(site.url, { render: "auto" });
    const paths = Object.keys(SMALL_SITE);
    expect(run.pages.map((p) => new URL(p.url).pathname).sort()).toEqual([...paths].sort());
    for (const path of paths) {
      const p = run.byPath(path)!;
      const title = /<title>([^<]*)<\/title>/.exec(SMALL_SITE[path])![1];
      expect(p.title, path).toBe(title);
      expect(renderOf(p)).toMatchObject({ rendered: true, shell: true });
      expect(renderOf(p)!.addedWords, path).toBeGreaterThan(5);
      expect(renderOf(p)!.addedLinks, path).toBeGreaterThan(0);
    }
    expect(run.byPath("/garden/tomatoes")!.mainText).toContain("Plant tomato seedlings after the last frost");
    const links = await run.tdb.db.link.findMany({ where: { scanId: run.scanId, fromUrl: `${site.url}garden/` } });
    expect(links.map((l) => new URL(l.toUrl).pathname)).toEqual(expect.arrayContaining(["/garden/tomatoes", "/garden/roses", "/garden/compost"]));
    expect(run.summary.render).toMatchObject({ mode: "auto", rendered: paths.length, shells: paths.length, failed: 0, unavailable: null });
  });

  it("with render off, reads the shell: one empty page marked as a shell, nothing rendered", async () => {
    const run = await crawl(site.url, { render: "off" });
    expect(run.pages.map((p) => new URL(p.url).pathname)).toEqual(["/"]);
    expect(run.pages[0].wordCount).toBeLessThan(5);
    expect(renderOf(run.pages[0])).toMatchObject({ rendered: false, shell: true });
    expect(run.summary.render).toMatchObject({ mode: "off", rendered: 0, shells: 1 });
  });

  it("with Chromium missing, auto reads raw HTML and says why; always fails before crawling", async () => {
    const run = await crawl(site.url, { render: "auto", chromiumPath: "/nonexistent/chromium" });
    expect(run.pages).toHaveLength(1);
    expect(run.summary.render.unavailable).toMatch(/Chromium was not found at \/nonexistent\/chromium/);
    const always = crawlOnce(site.url, { render: "always", chromiumPath: "/nonexistent/chromium" });
    await expect(always).rejects.toThrow(AppError);
    await expect(always).rejects.toThrow(/--render always needs Chromium/);
  });
});

describe("a hybrid site", () => {
  it("with render always, counts the links and words the script adds to server HTML", async () => {
    const site = await serveSite(hybridSite());
    try {
      const run = await crawl(site.url, { render: "always" });
      const garden = renderOf(run.byPath("/garden/"));
      expect(garden).toMatchObject({ rendered: true, shell: false, addedLinks: 3 });
      expect(garden!.addedWords).toBeGreaterThanOrEqual(10);
      const contact = renderOf(run.byPath("/contact"));
      expect(contact).toMatchObject({ rendered: true, addedLinks: 0, addedWords: 0 });
      // auto leaves pages with their own text alone
      const auto = await crawl(site.url, { render: "auto" });
      expect(auto.summary.render.rendered).toBe(0);
      expect(renderOf(auto.byPath("/garden/"))).toBeUndefined();
    } finally {
      await site.close();
    }
  });
});

describe("hostile pages", () => {
  let other: http.Server;
  const received: string[] = [];
  let connections = 0;
  let otherPort = 0;
  beforeAll(async () => {
    other = http.createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.end("secret");
    });
    other.on("connection", () => connections++);
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    otherPort = (other.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => other.close(() => r())));

  it("never lets a rendered page reach another port, and ends stuck and restless pages at their deadline", async () => {
    const o = `http://127.0.0.1:${otherPort}`;
    const shell = (script: string, head = "") => `<!doctype html><html><head><title>app</title>${head}</head><body><div id="app"></div><script>${script}</script></body></html>`;
    const site = await serveSite({
      "/": shell(`document.getElementById('app').innerHTML='<h1>Home</h1><a href="/probe">probe</a> <a href="/loop">loop</a> <a href="/busy">busy</a>'`),
      "/probe": shell(
        `fetch('${o}/fetch').catch(function(){});
         var x=new XMLHttpRequest();x.open('GET','${o}/xhr');x.send();
         try{new WebSocket('ws://127.0.0.1:${otherPort}/ws')}catch(e){}
         navigator.sendBeacon('${o}/beacon','x');
         var i=document.createElement('iframe');i.src='${o}/frame';document.body.appendChild(i);
         var s=document.createElement('script');s.src='${o}/script.js';document.head.appendChild(s);
         fetch('/data',{method:'POST',body:'x'}).catch(function(){});
         document.getElementById('app').innerHTML='<h1>Probe page</h1><p>The probe page text built by its script.</p><img src="${o}/img.png">';
         setTimeout(function(){location.href='${o}/navigate'},50);`,
        `<link rel="preconnect" href="${o}/"><link rel="prefetch" href="${o}/prefetch"><link rel="stylesheet" href="${o}/style.css"><meta http-equiv="refresh" content="0;url=${o}/refresh">`,
      ),
      "/loop": shell(`document.getElementById('app').textContent='before the loop'; for(;;){}`),
      "/busy": shell(`var n=0; setInterval(function(){fetch('/tick?n='+(n++)).then(function(r){return r.text()}).then(function(t){document.getElementById('app').innerHTML='<p>tick '+t+' never settles</p>'})},40);`),
      "/tick": "1",
    });
    try {
      const run = await crawl(site.url, { render: "auto", renderDeadlineMs: 6_000 });
      expect(run.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(["/", "/busy", "/loop", "/probe"]);
      expect(received).toEqual([]);
      expect(connections).toBe(0);
      const probe = renderOf(run.byPath("/probe"))!;
      expect(probe.rendered).toBe(true);
      expect(probe.refusedRequests).toBeGreaterThanOrEqual(4);
      expect(run.byPath("/probe")!.mainText).toContain("The probe page text built by its script.");
      // the POST never reached the site either
      expect(site.requests.filter((r) => r.startsWith("/data"))).toEqual([]);
      const loop = renderOf(run.byPath("/loop"))!;
      expect(loop).toMatchObject({ rendered: false, timedOut: true });
      expect(loop.error).toMatch(/did not yield/);
      const busy = renderOf(run.byPath("/busy"))!;
      expect(busy).toMatchObject({ rendered: true, timedOut: true });
      expect(busy.error).toMatch(/did not settle within 6 s/);
      expect(run.summary.render.timedOut).toBeGreaterThanOrEqual(2);
      expect(run.summary.stoppedBy).toBe("done");
    } finally {
      await site.close();
    }
  });
});
