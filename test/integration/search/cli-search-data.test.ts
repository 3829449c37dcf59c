import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMALL_SITE } from "../../fixtures/small-site";
import { serveSite, type TestSite } from "../../support/site-server";

const run = promisify(execFile);
const cli = path.resolve(__dirname, "../../../bin/topicgate.mjs");

describe("topicgate CLI with search data", () => {
  let site: TestSite;
  let dir: string;
  const env = () => ({ ...process.env, DATA_DIR: dir, LOG_LEVEL: "silent", TOPICGATE_ALLOW_PRIVATE_HOSTS: "0", TOPICGATE_ENCODER_TIME_BUDGET_MS: "3000" });
  const topicgate = (args: string[]) => run(process.execPath, [cli, ...args], { env: env(), timeout: 240_000 });
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };

  beforeAll(async () => {
    site = await serveSite(SMALL_SITE);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-cli-search-"));
  });
  afterAll(async () => {
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a bad --search-data file before anything is crawled (exit 2)", async () => {
    const bad = file("bad.csv", "name,age\nbob,3\n");
    const err = await topicgate(["scan", site.url, "--allow-private", "--search-data", bad]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/Not a Search Console export/);
    expect(site.requests).toEqual([]);
  });

  it("audits with --search-data, then imports GA4 data for the site and lists it", { timeout: 300_000 }, async () => {
    const U = (p: string) => new URL(p, site.url).href;
    const gsc = file("Pages.csv", ["Top pages,Clicks,Impressions,CTR,Position", `${U("/sky/moon")},12,240,5%,6.1`, `${U("/gone")},3,30,10%,9`].join("\n"));
    const out = path.join(dir, "report.json");
    const { stderr } = await topicgate(["scan", site.url, "--allow-private", "--search-data", gsc, "--out", out]);
    expect(stderr).toMatch(/imported 2 gsc rows \(page, gsc-pages-csv\)/);
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(report.searchData).toMatchObject({ used: true, matchedRows: 1, unmatched: { count: 1, examples: [{ url: U("/gone"), reason: "not-crawled" }] } });
    expect(report.pages.find((p: { url: string }) => p.url === U("/sky/moon")).search).toMatchObject({ clicks: 12, impressions: 240, position: 6.1 });

    const ga4 = file("landing.csv", ["# Start date: 20261001", "# End date: 20261028", "Landing page,Sessions,Engaged sessions,Engagement rate,Average engagement time per session", "/sky/moon,90,60,0.6667,48", "/nowhere,5,1,0.2,3"].join("\n"));
    const imported = await topicgate(["search-data", "import", "--site", site.url, "--file", ga4, "--json"]);
    const result = JSON.parse(imported.stdout);
    expect(result).toMatchObject({ dataSets: [{ source: "ga4", kind: "page", rowCount: 2, startDate: "2026-10-01", endDate: "2026-10-28" }], match: { matchedRows: 1, unmatched: { count: 1 } } });
    // the scan's own file stays with that scan; the site's data is the GA4 import alone
    const listed = await topicgate(["search-data", "list", "--site", site.url]);
    expect(listed.stdout.trim().split("\n")).toHaveLength(1);
    expect(listed.stdout).toMatch(/ga4\s+page\s+2 rows\s+2026-10-01 to 2026-10-28\s+cli landing\.csv/);
    await expect(topicgate(["search-data", "import", "--site", "https://unknown.example/", "--file", ga4])).rejects.toMatchObject({ stderr: expect.stringMatching(/No site https:\/\/unknown\.example\//) });
  });
});
