/**
 * Whole scans through the CLI (crawl, encode, analyse, report) of a single-page application with and without rendering,
 * and custom extraction on a local site: the report's pages, topics, site issues, extracted values and CSV export.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScanReport } from "@/lib/report/scan-report";
import { EXTRACTION_SITE } from "@/test/fixtures/extraction-site";
import { SMALL_SITE } from "@/test/fixtures/small-site";
import { spaSite } from "@/test/fixtures/spa-site";
import { parseCsv } from "@/test/support/csv";
import { serveSite, type TestSite } from "@/test/support/site-server";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../../..");
const cli = path.join(root, "bin", "topicgate.mjs");
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1];

describe("scans of sites built by scripts, and custom extraction", () => {
  let spa: TestSite;
  let plain: TestSite;
  let dataDir: string;
  const env = () => ({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", TOPICGATE_ENCODER_TIME_BUDGET_MS: "15000" });
  const scan = async (url: string, ...args: string[]): Promise<ScanReport> => {
    const out = path.join(dataDir, `r-${Math.random().toString(36).slice(2)}.json`);
    await run(process.execPath, [cli, "scan", url, "--allow-private", "--out", out, ...args], { env: env(), timeout: 400_000 });
    return JSON.parse(fs.readFileSync(out, "utf8")) as ScanReport;
  };

  beforeAll(async () => {
    spa = await serveSite(spaSite());
    plain = await serveSite(EXTRACTION_SITE);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-render-"));
  });
  afterAll(async () => {
    await spa.close();
    await plain.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("--render auto audits every route of a single-page application with its text, links and topics", async () => {
    const report = await scan(spa.url, "--render", "auto", "--extract", "heading=h1");
    const paths = Object.keys(SMALL_SITE);
    expect(report.pages.map((p) => new URL(p.url).pathname).sort()).toEqual([...paths].sort());
    for (const p of report.pages) {
      const html = SMALL_SITE[new URL(p.url).pathname];
      expect(p.title).toBe(titleOf(html));
      expect(p.render).toMatchObject({ rendered: true, shell: true });
      expect(p.render!.addedLinks).toBeGreaterThan(0);
      // extraction rules read the rendered DOM
      expect(p.extracted).toEqual({ heading: /<h1>([^<]*)<\/h1>/.exec(html)![1] });
    }
    // the gardening and astronomy guides are told apart: no topic holds pages of both
    const topicOf = new Map(report.pages.map((p) => [new URL(p.url).pathname, p.topicId]));
    const garden = ["/garden/tomatoes", "/garden/roses", "/garden/compost"].map((p) => topicOf.get(p));
    const sky = ["/sky/planets", "/sky/telescopes", "/sky/moon"].map((p) => topicOf.get(p));
    expect(report.topics.length).toBeGreaterThanOrEqual(2);
    expect(garden.filter((t) => t !== null && sky.includes(t))).toEqual([]);
    // the links the script builds are the site's link graph
    expect(report.pages.find((p) => new URL(p.url).pathname === "/garden/tomatoes")!.inlinks).toBeGreaterThan(0);
    const jsOnly = report.findings.find((f) => f.code === "js_only_content");
    expect(jsOnly?.pageUrls).toHaveLength(paths.length);
    expect(report.issues?.some((i) => i.code === "js_only_content" && i.title === "Content or links only after JavaScript")).toBe(true);
    expect(report.findings.some((f) => f.code === "js_shell_unrendered")).toBe(false);
  }, 420_000);

  it("--render off reads the shell and says the pages are shells in a site issue", async () => {
    const report = await scan(spa.url, "--render", "off");
    expect(report.pages.map((p) => new URL(p.url).pathname)).toEqual(["/"]);
    expect(report.pages[0].render).toMatchObject({ rendered: false, shell: true, addedWords: 0 });
    const shells = report.findings.find((f) => f.code === "js_shell_unrendered");
    expect(shells?.pageUrls).toEqual([spa.url]);
    expect(shells?.detail).toMatch(/application shells/);
    expect(report.issues?.find((i) => i.code === "js_shell_unrendered")).toMatchObject({ severity: "warning", title: "Pages built by JavaScript, read without rendering" });
    expect(report.findings.some((f) => f.code === "empty_content")).toBe(false);
  }, 420_000);

  it("extraction rules fill a value for every page in the report and a column in the pages CSV", async () => {
    const report = await scan(plain.url, "--extract", "author=meta[name=author]@content", "--extract", "crumb=.breadcrumb li", "--extract", "price=.price");
    expect(report.pages).toHaveLength(Object.keys(EXTRACTION_SITE).length);
    for (const p of report.pages) {
      const pathname = new URL(p.url).pathname;
      const section = pathname.startsWith("/garden") ? "Garden" : pathname.startsWith("/sky") ? "Sky" : "Site";
      const price = pathname.startsWith("/garden/") && pathname.length > 8 ? `€${pathname.length}.00` : null;
      expect(p.extracted, pathname).toEqual({ author: `Author of ${pathname}`, crumb: `Home | ${section}`, price });
      expect(p.render?.rendered).toBe(false);
    }
    const csv = await run(process.execPath, [cli, "report", report.scan.id, "--format", "csv", "--table", "pages"], { env: env() });
    const rows = parseCsv(csv.stdout);
    const header = rows[0];
    for (const col of ["author", "crumb", "price", "rendered", "jsAddedWords", "jsAddedLinks"]) expect(header).toContain(col);
    const byUrl = new Map(rows.slice(1).map((r) => [r[header.indexOf("url")], r]));
    expect(byUrl.size).toBe(report.pages.length);
    for (const p of report.pages) {
      const r = byUrl.get(p.url)!;
      expect(r[header.indexOf("author")]).toBe(p.extracted!.author);
      expect(r[header.indexOf("price")]).toBe(p.extracted!.price ?? "");
    }
  }, 420_000);

  it("refuses a bad rule before anything is crawled (exit code 2)", async () => {
    const before = plain.requests.length;
    const err = await run(process.execPath, [cli, "scan", plain.url, "--allow-private", "--extract", "bad=div[[["], { env: env() }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/extraction rule bad/);
    const noName = await run(process.execPath, [cli, "scan", plain.url, "--allow-private", "--extract", "=.x"], { env: env() }).catch((e) => e);
    expect(noName.code).not.toBe(0);
    expect(noName.stderr).toMatch(/NAME=SELECTOR/);
    expect(plain.requests.length).toBe(before);
  }, 120_000);
});
