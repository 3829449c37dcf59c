import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import { brokenPattern } from "../../../lib/analyze/findings";
import type { AnalysisFetch, AnalysisInput } from "../../../lib/analyze/types";
import { threeTopicSite, urlOf } from "./sites";

/** Every page the crawl fetched, answering 200 at its own URL (what the crawl records for a site without redirects). */
function fetchesOf(site: AnalysisInput): AnalysisFetch[] {
  return site.pages.map((p) => ({ requestedUrl: p.url, url: p.url, status: 200, html: true, redirectHops: 0 }));
}

/**
 * The same site served at clean URLs while its links still say "x.html": each link's URL answers 301 to the page
 * (`hops` redirects), as a site moved to clean URLs, https or trailing slashes serves its old links.
 */
function servedThroughRedirects(hops = 1): AnalysisInput {
  const site = threeTopicSite();
  const written = (u: string) => (u === urlOf("/") ? u : `${u}.html`);
  const fetches: AnalysisFetch[] = site.pages.map((p) => ({ requestedUrl: written(p.url), url: p.url, status: 200, html: true, redirectHops: hops }));
  return { ...site, links: site.links.map((l) => ({ ...l, toUrl: written(l.toUrl) })), fetches };
}

describe("links resolved through redirects", () => {
  it("sees the same link graph and authority as the site linked directly, with the redirects as one site issue", () => {
    const direct = analyzeSite({ ...threeTopicSite(), fetches: fetchesOf(threeTopicSite()) });
    const redirected = analyzeSite(servedThroughRedirects());
    expect(redirected.site.linking.contentLinks).toBe(direct.site.linking.contentLinks);
    expect(redirected.site.linking.brokenLinks).toBe(0);
    expect(redirected.pages.map((p) => [p.url, p.inlinks, p.isOrphan, p.pagerank])).toEqual(direct.pages.map((p) => [p.url, p.inlinks, p.isOrphan, p.pagerank]));
    expect(Math.abs(redirected.site.authority - direct.site.authority)).toBeLessThanOrEqual(2);
    const issues = redirected.findings.filter((f) => f.code === "internal_redirect");
    expect(issues).toHaveLength(1);
    expect(issues[0].detail).toMatch(/through 1 redirect/);
    expect(redirected.findings.some((f) => f.code === "broken_link" || f.code === "redirect_chain")).toBe(false);
    expect(direct.findings).toEqual([]);
  });

  it("reports links that take two redirects as a redirect chain, with their hop count", () => {
    const r = analyzeSite(servedThroughRedirects(2));
    expect(r.findings.find((f) => f.code === "internal_redirect")!.detail).toMatch(/through 2 redirects/);
    expect(r.findings.find((f) => f.code === "redirect_chain")!.detail).toMatch(/2 hops/);
  });
});

describe("broken links are site issues, not page actions", () => {
  it("reports each page linking to a missing twin of itself as one template issue, and the forget gate ignores it", () => {
    const site = threeTopicSite();
    const clean = analyzeSite({ ...site, fetches: fetchesOf(site) });
    // every page but the home page (whose twin would be /index.json) links to "<its URL>.json"
    const twins = site.pages.slice(1).map((p) => ({ fromUrl: p.url, toUrl: `${p.url}.json`, anchor: "JSON", position: "content" as const, nofollow: false }));
    const fetches = [...fetchesOf(site), ...twins.map((l) => ({ requestedUrl: l.toUrl, url: l.toUrl, status: 404, html: false, redirectHops: 0 }))];
    const r = analyzeSite({ ...site, links: [...site.links, ...twins], fetches });
    const template = r.findings.filter((f) => f.code === "template_broken_link");
    expect(template).toHaveLength(1);
    expect(template[0].pageUrls).toHaveLength(site.pages.length - 1);
    expect(template[0].detail).toMatch(/each link to its own URL \+ \.json, which answers 404/);
    expect(r.findings.some((f) => f.code === "broken_link")).toBe(false);
    expect(r.site.gates.forget).toBe(clean.site.gates.forget);
    expect(r.pages.every((p) => p.forget.action === clean.pages.find((q) => q.url === p.url)!.forget.action)).toBe(true);
  });

  it("lists an editor's broken links on the page carrying them, and never a URL the crawl did not fetch", () => {
    const site = threeTopicSite();
    const links = [
      ...site.links,
      { fromUrl: urlOf("/coffee/grinder-settings"), toUrl: urlOf("/coffee/old-grinders"), anchor: "old grinders", position: "content" as const, nofollow: false },
      { fromUrl: urlOf("/coffee/grinder-settings"), toUrl: urlOf("/coffee/not-fetched"), anchor: "later", position: "content" as const, nofollow: false },
    ];
    const fetches = [...fetchesOf(site), { requestedUrl: urlOf("/coffee/old-grinders"), url: urlOf("/coffee/old-grinders"), status: 410, html: false, redirectHops: 0 }];
    const r = analyzeSite({ ...site, links, fetches });
    const broken = r.findings.filter((f) => f.code === "broken_link");
    expect(broken).toHaveLength(1);
    expect(broken[0].pageUrls).toEqual([urlOf("/coffee/grinder-settings")]);
    expect(broken[0].detail).toMatch(/old-grinders \(HTTP 410\)/);
    expect(broken[0].detail).not.toMatch(/not-fetched/);
  });

  it("describes a broken target from the page that links it", () => {
    expect(brokenPattern("https://a.test/api/users.html", "https://a.test/api/users.json")).toBe("{page}.json");
    expect(brokenPattern("https://a.test/docs/intro/", "https://a.test/edit/docs/intro")).toBe("/edit/docs/{name}");
    expect(brokenPattern("https://a.test/a.html", "https://a.test/missing.html")).toBe("https://a.test/missing.html");
  });
});

describe("canonicals", () => {
  it("audits a copy whose pages all name canonicals on another host like the site without them, with one issue naming that host", () => {
    const site = threeTopicSite();
    const without = analyzeSite(site);
    const copy = analyzeSite({ ...site, pages: site.pages.map((p) => ({ ...p, canonical: p.url.replace("https://example.test", "https://www.production.test") })) });
    expect(copy.topics.map((t) => [t.label, t.pageCount, t.isCore])).toEqual(without.topics.map((t) => [t.label, t.pageCount, t.isCore]));
    expect(copy.pages.map((p) => p.forget.action)).toEqual(without.pages.map((p) => p.forget.action));
    expect(Math.abs(copy.site.authority - without.site.authority)).toBeLessThanOrEqual(2);
    const issues = copy.findings.filter((f) => f.code === "canonical_other_host");
    expect(issues).toHaveLength(1);
    expect(issues[0].detail).toMatch(/looks like a copy of https:\/\/www\.production\.test/);
    expect(issues[0].pageUrls).toHaveLength(site.pages.length);
  });

  it("counts links to a page for the page its canonical names on the same site", () => {
    const site = threeTopicSite();
    const variant = { ...site.pages.find((p) => p.url === urlOf("/tax/refund-timing"))!, url: urlOf("/tax/refund-timing?print=1"), canonical: urlOf("/tax/refund-timing"), contentHash: null };
    const links = [...site.links, { fromUrl: urlOf("/hiking/trail-planning"), toUrl: variant.url, anchor: "refunds", position: "content" as const, nofollow: false }];
    const r = analyzeSite({ ...site, pages: [...site.pages, variant], links });
    const printed = r.pages.find((p) => p.url === variant.url)!;
    expect(printed.forget.action).toBe("keep");
    expect(printed.forget.reasons[0]).toMatch(/canonicalised to .*refund-timing$/);
    expect(printed.topicId).toBeNull();
    const target = r.pages.find((p) => p.url === urlOf("/tax/refund-timing"))!;
    const before = analyzeSite(site).pages.find((p) => p.url === urlOf("/tax/refund-timing"))!;
    expect(target.inlinks).toBe(before.inlinks + 1);
  });
});
