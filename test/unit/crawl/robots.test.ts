import { describe, expect, it } from "vitest";
import { interpretRobots, ROBOTS_MAX_BYTES } from "@/lib/crawl/robots";

const UA = "TopicGateBot/0.1 (+https://topicgate.dev/bot)";
const R = "http://e.com/robots.txt";
const allowed = (o: ReturnType<typeof interpretRobots>, path: string) =>
  o.mode === "allow-all" ? true : o.mode === "disallow-all" ? false : o.rules!.isAllowed(`http://e.com${path}`, UA);

describe("robots.txt per RFC 9309", () => {
  it("treats 4xx as allow-all and 5xx or unreachable as disallow-all", () => {
    expect(interpretRobots(R, 404, null, UA).mode).toBe("allow-all");
    expect(interpretRobots(R, 403, null, UA).mode).toBe("allow-all");
    expect(interpretRobots(R, 503, null, UA).mode).toBe("disallow-all");
    expect(interpretRobots(R, 0, null, UA).mode).toBe("disallow-all");
  });

  it("uses the group for our product token over *, longest match wins, Allow wins ties", () => {
    const o = interpretRobots(R, 200, "User-agent: *\nDisallow: /\n\nUser-agent: topicgatebot\nDisallow: /private\nAllow: /private/ok\nDisallow: /tie\nAllow: /tie\nDisallow: /*.pdf$\n", UA);
    expect(allowed(o, "/")).toBe(true);
    expect(allowed(o, "/private/x")).toBe(false);
    expect(allowed(o, "/private/ok/page")).toBe(true);
    expect(allowed(o, "/tie")).toBe(true);
    expect(allowed(o, "/file.pdf")).toBe(false);
    expect(allowed(o, "/file.pdf?x=1")).toBe(true);
  });

  it("falls back to the * group", () => {
    const o = interpretRobots(R, 200, "User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow: /admin\n", UA);
    expect(allowed(o, "/admin/x")).toBe(false);
    expect(allowed(o, "/blog")).toBe(true);
  });

  it("reads Crawl-delay (seconds) and Sitemap lines", () => {
    const o = interpretRobots(R, 200, "User-agent: *\nCrawl-delay: 1.5\nSitemap: http://e.com/s.xml\n", UA);
    expect(o.crawlDelayMs).toBe(1500);
    expect(o.sitemaps).toEqual(["http://e.com/s.xml"]);
  });

  it("ignores rules past the 500 KiB parse limit", () => {
    const filler = "# " + "x".repeat(ROBOTS_MAX_BYTES) + "\n";
    const o = interpretRobots(R, 200, `User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`, UA);
    expect(allowed(o, "/early")).toBe(false);
    expect(allowed(o, "/late")).toBe(true);
  });
});
