import { afterEach, describe, expect, it } from "vitest";
import { analyzeSite } from "@/lib/analyze";
import { loadAnalysisInput } from "@/lib/pipeline/analysis-input";
import { crawlOnce, type CrawlRun } from "@/test/support/crawl-fixtures";
import { serveSite, type Route, type TestSite } from "@/test/support/site-server";

// Two subjects in three languages. English pages name their alternates in link elements, German ones in an HTTP Link
// header, French ones only in the sitemap; the French pages are linked from nowhere but the alternates.
const WORDS: Record<string, Record<string, string[]>> = {
  coffee: {
    en: ["espresso", "grinder", "roast", "crema", "kettle", "beans"],
    de: ["espressomaschine", "mühle", "röstung", "schaum", "wasserkocher", "bohnen"],
    fr: ["cafetière", "moulin", "torréfaction", "mousse", "bouilloire", "grains"],
  },
  hiking: {
    en: ["trail", "backpack", "boots", "summit", "tent", "compass"],
    de: ["wanderweg", "rucksack", "stiefel", "gipfel", "zelt", "kompass"],
    fr: ["sentier", "sacoche", "chaussures", "sommet", "tente", "boussole"],
  },
};
const SENTENCE: Record<string, (a: string, b: string) => string> = {
  en: (a, b) => `The ${a} matters when you think about the ${b}.`,
  de: (a, b) => `Der ${a} ist wichtig, wenn man über den ${b} nachdenkt.`,
  fr: (a, b) => `Le ${a} compte quand on pense au ${b}.`,
};
const LANGS = ["en", "de", "fr"];

function routes(origin: () => string): Record<string, Route> {
  const out: Record<string, Route> = {};
  const sitemap: (() => string)[] = [];
  const slugs = Object.keys(WORDS).flatMap((s) => [0, 1, 2].map((n) => `${s}-${n}`));
  out["/index.html"] = `<!doctype html><html lang="en"><head><title>Home</title></head><body><main><h1>Home</h1><ul>${slugs.map((s) => `<li><a href="/en/${s}">${s}</a></li>`).join("")}<li><a href="/de/${slugs[0]}">Deutsch</a></li></ul></main></body></html>`;
  for (const slug of slugs) {
    const [subject, n] = [slug.split("-")[0], Number(slug.split("-")[1])];
    // planted: the English coffee-0 page names a Japanese version as "jp" that answers 404
    const alternates = [...LANGS.map((l) => [l, `/${l}/${slug}`]), ["x-default", `/en/${slug}`], ...(slug === "coffee-0" ? [["jp", `/ja/${slug}`]] : [])];
    for (const lang of LANGS) {
      const w = WORDS[subject][lang];
      const text = Array.from({ length: 30 }, (_, k) => SENTENCE[lang](w[(k + n) % 6], w[(k * 5 + n + 1) % 6])).join(" ");
      const links = lang === "en" ? alternates.map(([l, h]) => `<link rel="alternate" hreflang="${l}" href="${h}">`).join("") : "";
      const html = `<!doctype html><html lang="${lang}"><head><title>${w[n]} ${w[n + 3]}</title>${links}</head><body><main><h1>${w[n]} ${w[n + 3]}</h1><p>${text}</p></main></body></html>`;
      const own = alternates.filter(([l]) => l !== "jp");
      if (lang === "de") out[`/de/${slug}`] = { headers: { "content-type": "text/html; charset=utf-8", link: own.map(([l, h]) => `<${h}>; rel="alternate"; hreflang="${l}"`).join(", ") }, body: html };
      else out[`/${lang}/${slug}`] = html;
      if (lang === "fr") sitemap.push(() => `<url><loc>${origin()}/fr/${slug}</loc>${own.map(([l, h]) => `<xhtml:link rel="alternate" hreflang="${l}" href="${origin()}${h}"/>`).join("")}</url>`);
    }
  }
  out["/sitemap.xml"] = () => ({
    headers: { "content-type": "application/xml" },
    body: `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${sitemap.map((entry) => entry()).join("")}</urlset>`,
  });
  return out;
}

let site: TestSite | undefined;
let run: CrawlRun | undefined;
afterEach(async () => {
  await site?.close();
  await run?.tdb.close();
});

describe("a site in three languages with hreflang, crawled for real", () => {
  it("reads alternates from link elements, Link headers and the sitemap, groups topics by subject and reports the planted faults", async () => {
    let origin = "";
    site = await serveSite(routes(() => origin));
    origin = new URL(site.url).origin;
    run = await crawlOnce(new URL("/index.html", site.url).href);
    const input = await loadAnalysisInput(run.tdb.db, { id: run.scanId, siteId: "none", url: site.url }, "2026-11-25T00:00:00Z");
    const byPath = new Map(input.pages.map((p) => [new URL(p.url).pathname, p]));
    expect(byPath.get("/de/coffee-1")!.language).toBe("de");
    expect(byPath.get("/de/coffee-1")!.hreflang?.map((a) => a.lang).sort()).toEqual(["de", "en", "fr", "x-default"]);
    // French pages: reached through the alternates alone, their own alternates from the sitemap
    expect(byPath.get("/fr/hiking-2")!.hreflang?.map((a) => a.lang).sort()).toEqual(["de", "en", "fr", "x-default"]);

    const result = analyzeSite({ ...input, options: { kMin: 2, kMax: 4 } });
    const codes = result.findings.filter((f) => f.code.startsWith("hreflang_")).map((f) => f.code).sort();
    expect(codes).toEqual(["hreflang_invalid_code"]);
    expect(result.findings.find((f) => f.code === "hreflang_invalid_code")!.pageUrls.map((u) => new URL(u).pathname)).toEqual(["/en/coffee-0"]);
    const topicLangs = new Map<number, Set<string>>();
    for (const p of result.pages) {
      if (p.topicId === null || new URL(p.url).pathname === "/index.html") continue;
      if (!topicLangs.has(p.topicId)) topicLangs.set(p.topicId, new Set());
      topicLangs.get(p.topicId)!.add(p.language!);
    }
    for (const langs of topicLangs.values()) expect([...langs].sort()).toEqual(["de", "en", "fr"]);
    expect(result.languages!.map((l) => l.code).slice(0, 3).sort()).toEqual(["de", "en", "fr"]);
  });
});
