import { afterEach, describe, expect, it } from "vitest";
import { Fetcher } from "@/lib/crawl/fetch";
import { normalizeUrl } from "@/lib/crawl/urls";
import { serveSite, type TestSite } from "@/test/support/site-server";

const norm = (u: string, b: string) => normalizeUrl(u, b, { stripTrackingParams: true, sortQueryParams: true });
const fetcher = (allowPrivate: boolean) =>
  new Fetcher({ userAgent: "TopicGateBot/0.1", allowPrivate, maxBytesPerPage: 1_000_000, maxRedirects: 5, retries: 0, concurrency: 2, normalize: norm });

let site: TestSite | undefined;
afterEach(async () => {
  await site?.close();
});

describe("Fetcher private-address guard", () => {
  it("refuses literal loopback IPs and names that resolve to loopback (checked at connect time)", async () => {
    site = await serveSite({ "/": "<p>hi</p>" });
    const f = fetcher(false);
    try {
      expect((await f.fetch(site.url)).errorCode).toBe("private_address");
      const viaDns = await f.fetch(`http://localhost:${site.port}/`);
      expect(viaDns.errorCode).toBe("private_address");
      expect(site.requests).toHaveLength(0);
    } finally {
      await f.close();
    }
  });

  it("connects each redirect hop through the same guarded agent", async () => {
    // Tests have no public address, so a public -> private hop cannot be staged; this pins that the strict fetcher
    // refuses at the first private connection and that, with private allowed, the hop really is a new connection.
    site = await serveSite({ "/": { status: 302, headers: { location: "http://localhost:1/secret" } } });
    const f = fetcher(true);
    const strict = fetcher(false);
    try {
      const r = await strict.fetch(`http://localhost:${site.port}/`);
      expect(r.errorCode).toBe("private_address");
      const allowed = await f.fetch(site.url);
      expect(allowed.redirectChain).toHaveLength(1);
      expect(allowed.errorCode).toBe("network"); // port 1 refuses: the hop was attempted because private was allowed
    } finally {
      await f.close();
      await strict.close();
    }
  });

  it("sends the configured user agent and records status, type, bytes and timing", async () => {
    site = await serveSite({ "/": (req) => ({ body: `<p>${req.headers["user-agent"]}</p>` }) });
    const f = fetcher(true);
    try {
      const r = await f.fetch(site.url);
      expect(r).toMatchObject({ status: 200, isHtml: true, charset: "utf-8" });
      expect(r.html).toContain("TopicGateBot/0.1");
      expect(r.bytes).toBeGreaterThan(10);
      expect(r.responseMs).toBeGreaterThanOrEqual(0);
    } finally {
      await f.close();
    }
  });
});
