import { afterEach, describe, expect, it } from "vitest";
import { analyzeSite } from "@/lib/analyze";
import { listFetchOutcomes } from "@/lib/db/pages";
import { loadAnalysisInput } from "@/lib/pipeline/analysis-input";
import { crawlOnce, type CrawlRun } from "@/test/support/crawl-fixtures";
import { serveSite, type Route, type TestSite } from "@/test/support/site-server";

const TOPIC_WORDS = ["espresso", "grinder", "roast", "crema", "barista", "kettle", "filter", "beans", "milk", "aroma"];
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav><a href="/index.html">Home</a></nav><main><h1>${title}</h1>${body}</main></body></html>`;
const prose = (seed: number) =>
  Array.from({ length: 40 }, (_, i) => `The ${TOPIC_WORDS[(seed + i) % 10]} shapes the ${TOPIC_WORDS[(seed * 3 + i) % 10]} of every cup.`).join(" ");

/** Six coffee pages linking to each other as "name.html"; with `redirects`, pages live at "/name" and "/name.html" answers 301 there. */
function coffeeRoutes(redirects: boolean): Record<string, Route> {
  const names = ["index", "espresso", "grinder", "roast", "milk", "filter"];
  const routes: Record<string, Route> = {};
  names.forEach((name, k) => {
    const body = `<p>${prose(k)}</p><p>${names.filter((n) => n !== name && n !== "index").map((n) => `<a href="/${n}.html">${n} guide</a>`).join(", ")}</p><p><a href="/${name}.json">data</a></p>`;
    const html = page(`${name} guide`, body);
    if (redirects) {
      routes[`/${name}.html`] = { status: 301, headers: { location: `/${name}` }, body: "" };
      routes[`/${name}`] = html;
    } else routes[`/${name}.html`] = html;
  });
  return routes;
}

let site: TestSite | undefined;
let run: CrawlRun | undefined;
afterEach(async () => {
  await site?.close();
  await run?.tdb.close();
  site = undefined;
  run = undefined;
});

async function audit(redirects: boolean) {
  site = await serveSite(coffeeRoutes(redirects));
  run = await crawlOnce(new URL("/index.html", site.url).href);
  const input = await loadAnalysisInput(run.tdb.db, { id: run.scanId, siteId: "none", url: site.url }, "2026-11-25T00:00:00Z");
  const result = analyzeSite(input);
  await site.close();
  await run.tdb.close();
  site = undefined;
  run = undefined;
  return result;
}

describe("links through redirects, crawled for real", () => {
  it("gives the redirect-served site the link graph of the directly linked one, and each fault as one site issue", async () => {
    const direct = await audit(false);
    const redirected = await audit(true);
    expect(redirected.site.linking.contentLinks).toBe(direct.site.linking.contentLinks);
    expect(redirected.site.linking.brokenLinks).toBe(direct.site.linking.brokenLinks);
    expect(redirected.pages.filter((p) => p.isOrphan)).toHaveLength(direct.pages.filter((p) => p.isOrphan).length);
    expect(Math.abs(redirected.site.authority - direct.site.authority)).toBeLessThanOrEqual(2);
    const codes = (r: typeof direct) => r.findings.map((f) => f.code).sort();
    expect(codes(direct)).toEqual(["template_broken_link"]);
    expect(codes(redirected)).toEqual(["internal_redirect", "template_broken_link"]);
    expect(redirected.findings.find((f) => f.code === "internal_redirect")!.detail).toMatch(/through 1 redirect/);
    // every page links to its own missing .json twin: one issue listing the pages, and no page asked to update for it
    expect(direct.findings[0].pageUrls).toHaveLength(6);
    expect(direct.pages.every((p) => !p.forget.reasons.some((r) => /broken/.test(r)))).toBe(true);
  });
});

describe("several URLs redirecting to one page", () => {
  it("records every redirecting URL, so links written to any of them resolve to the page", async () => {
    const routes = coffeeRoutes(false);
    const addLink = (path: string, href: string) => (routes[path] = (routes[path] as string).replace("</main>", `<p><a href="${href}">the espresso guide</a></p></main>`));
    addLink("/grinder.html", "/espresso-old.html");
    addLink("/roast.html", "/coffee/espresso");
    addLink("/milk.html", "/espresso-2019.html");
    routes["/espresso-old.html"] = { status: 301, headers: { location: "/espresso.html" }, body: "" };
    routes["/coffee/espresso"] = { status: 301, headers: { location: "/espresso.html" }, body: "" };
    routes["/espresso-2019.html"] = { status: 302, headers: { location: "/espresso-old.html" }, body: "" };
    site = await serveSite(routes);
    run = await crawlOnce(new URL("/index.html", site.url).href);
    const U = (p: string) => new URL(p, site!.url).href;
    const fetches = await listFetchOutcomes(run.tdb.db, run.scanId);
    for (const alias of ["/espresso-old.html", "/coffee/espresso", "/espresso-2019.html"]) {
      expect(fetches.find((f) => f.requestedUrl === U(alias)), alias).toMatchObject({ url: U("/espresso.html"), status: 200 });
    }
    expect(fetches.find((f) => f.requestedUrl === U("/espresso-2019.html"))?.redirectHops).toBe(2);
    const input = await loadAnalysisInput(run.tdb.db, { id: run.scanId, siteId: "none", url: site.url }, "2026-11-25T00:00:00Z");
    const result = analyzeSite(input);
    const redirect = result.findings.filter((f) => f.code === "internal_redirect" || f.code === "redirect_chain").flatMap((f) => f.pageUrls);
    expect(redirect).toEqual(expect.arrayContaining([U("/grinder.html"), U("/roast.html"), U("/milk.html")]));
    expect(result.findings.some((f) => f.code === "broken_link")).toBe(false);
  });
});
