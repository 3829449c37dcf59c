import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import type { AnalysisInput, AnalysisLink, AnalysisPage } from "../../../lib/analyze/types";
import { link, page, topicText, urlOf } from "./sites";

/**
 * A WordPress-shaped coffee blog: dated permalinks, a `?p=` short link serving a post's content, category, tag and
 * date archives (a linked heading and an excerpt per post), a menu and a footer on every page, an about page, a contact
 * page that says so in schema.org, a privacy policy, a post filed under /company/, a post titled "About time zones",
 * a post under /cookies/, two pages a script fills in the browser (empty in their HTML), and a server whose
 * Last-Modified is the same for every page.
 */
const POSTS = [
  ["/2024/05/espresso-extraction/", "Espresso extraction"],
  ["/2024/05/grinder-settings/", "Grinder settings"],
  ["/2024/05/roast-profiles/", "Roast profiles"],
  ["/2024/06/milk-steaming/", "Milk steaming"],
  ["/2024/06/arabica-beans/", "Arabica beans"],
  ["/2024/06/kettle-temperature/", "Kettle temperature"],
  ["/company/our-new-roastery/", "Our new roastery"],
  ["/2024/07/about-time-zones/", "About time zones for coffee orders"],
  ["/cookies/chocolate-chip/", "Chocolate chip cookies with espresso"],
] as const;

function cmsSite(): AnalysisInput {
  const pages: AnalysisPage[] = [];
  const links: AnalysisLink[] = [];
  const serverTime = { modifiedAt: "2019-03-01T10:00:00Z" };
  const excerpt = (title: string, i: number) => `${title}. ${topicText("coffee", title.toLowerCase(), 500 + i, 3)}`;
  const archive = (url: string, title: string, posts: readonly (readonly [string, string])[]) => {
    const text = posts.map(([, t], i) => `${t}\n${excerpt(t, i)} Read more`).join("\n");
    pages.push(page(url, title, text, { ...serverTime, headings: [{ level: 1, text: title }, ...posts.map(([, t]) => ({ level: 2, text: t }))] }));
    for (const [to, t] of posts) links.push(link(url, to, t), link(url, to, "Read more"));
  };
  pages.push(page("/", "Daily Grind — a coffee blog", POSTS.slice(0, 4).map(([, t], i) => `${t}\n${excerpt(t, i)}`).join("\n"), { ...serverTime, depth: 0 }));
  for (const [to, t] of POSTS.slice(0, 4)) links.push(link("/", to, t));
  POSTS.forEach(([url, title], i) => {
    pages.push(page(url, title, topicText("coffee", title.toLowerCase(), 40 + i), { ...serverTime, schemaTypes: ["BlogPosting"] }));
    links.push(link(url, POSTS[(i + 1) % POSTS.length][0], POSTS[(i + 1) % POSTS.length][1]));
  });
  // the short link serves the first post's content as it is
  pages.push(page("/?p=101", POSTS[0][1], topicText("coffee", POSTS[0][1].toLowerCase(), 40), { ...serverTime, contentHash: "post-101" }));
  pages.find((p) => p.url === urlOf(POSTS[0][0]))!.contentHash = "post-101";
  links.push(link(POSTS[3][0], "/?p=101", "extraction"));
  archive("/category/espresso/", "Category: Espresso", POSTS.slice(0, 3));
  archive("/tag/grinder/", "Posts tagged grinder", [POSTS[1], POSTS[2], POSTS[5]]);
  archive("/2024/05/", "May 2024", POSTS.slice(0, 3));
  pages.push(page("/about/", "About", "We are two baristas writing about coffee at home since 2015. Write to us any time.", serverTime));
  pages.push(page("/contact/", "Say hello", "Write to hello@daily-grind.test or use the form below.", { ...serverTime, schemaTypes: ["ContactPage"] }));
  pages.push(page("/privacy-policy/", "Privacy Policy", "We keep your email address only to answer you. We set no cookies beyond the session.", serverTime));
  // pages a script builds in the browser: their HTML has no text, and so one content hash
  for (const n of [1, 2]) pages.push(page(`/app/order/${n}/`, "Order", "", { ...serverTime, contentHash: "empty-shell" }));
  links.push(link("/", "/app/order/1/", "Order beans"), link("/", "/app/order/2/", "Order a grinder"));
  // the theme's menu and footer on every page
  for (const p of [...pages]) {
    links.push(link(p.url, "/", "Home", "navigation"), link(p.url, "/about/", "About", "navigation"), link(p.url, "/category/espresso/", "Espresso", "navigation"));
    links.push(link(p.url, "/privacy-policy/", "Privacy", "footer"), link(p.url, "/contact/", "Contact", "footer"));
  }
  return { siteUrl: urlOf("/"), pages, links, now: "2026-11-25T00:00:00Z" };
}

describe("a CMS-shaped site", () => {
  const r = analyzeSite(cmsSite());
  const at = (path: string) => r.pages.find((p) => p.url === urlOf(path))!;

  it("recognises archives, the about, contact and privacy pages by their structure", () => {
    expect(at("/category/espresso/").utilityKind).toBe("listing");
    expect(at("/tag/grinder/").utilityKind).toBe("listing");
    expect(at("/2024/05/").utilityKind).toBe("listing");
    expect(at("/about/").utilityKind).toBe("about");
    expect(at("/contact/").utilityKind).toBe("contact");
    expect(at("/privacy-policy/").utilityKind).toBe("legal");
  });

  it("keeps posts whose URL or title words look like utility pages as content", () => {
    for (const path of ["/company/our-new-roastery/", "/2024/07/about-time-zones/", "/cookies/chocolate-chip/"]) {
      expect(at(path).isUtility, path).toBe(false);
      expect(at(path).topicId, path).not.toBeNull();
      expect(at(path).forget.action, path).toBe("keep");
    }
  });

  it("reads the short link as the post it serves: one page, a site issue, no merge advice", () => {
    expect(at("/?p=101").forget.action).toBe("keep");
    expect(at("/?p=101").forget.reasons[0]).toMatch(/same content as .*espresso-extraction/);
    expect(r.findings.find((f) => f.code === "duplicate_url")!.pageUrls).toContain(urlOf("/?p=101"));
    expect(at(POSTS[0][0]).inlinks).toBeGreaterThanOrEqual(4);
  });

  it("reports script-built pages once and never merges them into each other", () => {
    for (const n of [1, 2]) {
      expect(at(`/app/order/${n}/`).forget.action).toBe("keep");
      expect(at(`/app/order/${n}/`).forget.reasons[0]).toMatch(/no text in its HTML/);
    }
    const empty = r.findings.filter((f) => f.code === "empty_content");
    expect(empty).toHaveLength(1);
    expect(empty[0].pageUrls).toEqual([urlOf("/app/order/1/"), urlOf("/app/order/2/")]);
    expect(r.findings.some((f) => f.code === "duplicate_url" && f.pageUrls.includes(urlOf("/app/order/1/")))).toBe(false);
  });

  it("takes a Last-Modified that every page shares for the server's clock, not for edits", () => {
    expect(r.pages.some((p) => p.forget.reasons.some((x) => x.startsWith("stale")))).toBe(false);
  });

  it("advises nothing against the blog's own posts", () => {
    for (const [path] of POSTS) expect(at(path).forget.action, path).toBe("keep");
  });
});
