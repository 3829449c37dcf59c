import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveSite, type TestSite } from "../../support/site-server";
import { SMALL_SITE } from "../../fixtures/small-site";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../../..");
const cli = path.join(root, "bin", "topicgate.mjs");

describe("topicgate CLI", () => {
  let site: TestSite;
  let dataDir: string;
  const env = () => ({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", TOPICGATE_ALLOW_PRIVATE_HOSTS: "0" });

  beforeAll(async () => {
    site = await serveSite(SMALL_SITE);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-cli-"));
  });
  afterAll(async () => {
    await site.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("scans a local site and writes a schemaVersion 1 report listing every page", async () => {
    const out = path.join(dataDir, "r.json");
    const { stderr } = await run(process.execPath, [cli, "scan", site.url, "--allow-private", "--out", out], { env: env(), timeout: 240_000 });
    expect(stderr).toMatch(/report written to/);
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(report.schemaVersion).toBe(1);
    expect(report.pages.map((p: { url: string }) => p.url).sort()).toEqual(Object.keys(SMALL_SITE).map((p) => new URL(p, site.url).href).sort());
    expect(report.scan.pagesCrawled).toBe(Object.keys(SMALL_SITE).length);
    expect(report.scan.timings.crawlMs).toBeGreaterThan(0);
    expect(report.scan.encoder.backend).toMatch(/^(tensorflow|wasm|cpu)$/);
    expect(report.site.authority).toBeGreaterThanOrEqual(0);
    expect(report.site.authority).toBeLessThanOrEqual(100);

    const list = await run(process.execPath, [cli, "scans", "list"], { env: env() });
    expect(list.stdout).toContain(report.scan.id);
    const md = await run(process.execPath, [cli, "report", report.scan.id, "--format", "md"], { env: env() });
    expect(md.stdout).toMatch(/^# Topical authority audit/);
    const csv = await run(process.execPath, [cli, "report", report.scan.id, "--format", "csv", "--table", "pages"], { env: env() });
    expect(csv.stdout.split("\r\n")[0]).toMatch(/^url,status,title/);
    expect(csv.stdout.trim().split("\r\n")).toHaveLength(Object.keys(SMALL_SITE).length + 1);
  });

  it("audits lexical-only with --encoder none and refuses an unknown encoder, naming the choices", { timeout: 600_000 }, async () => {
    const out = path.join(dataDir, "none.json");
    await run(process.execPath, [cli, "scan", site.url, "--allow-private", "--encoder", "none", "--out", out], { env: env(), timeout: 240_000 });
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    expect(report.scan.encoder.kind).toBe("none");
    expect(report.pages.every((p: { coherence: unknown }) => p.coherence === null)).toBe(true);
    const err = await run(process.execPath, [cli, "scan", site.url, "--allow-private", "--encoder", "bert"], { env: env() }).catch((e) => e);
    // an option's bad value is refused by the argument parser before anything runs (its usage error exit code)
    expect(err.code).not.toBe(0);
    expect(err.stderr).toMatch(/lstm, gru, none/);
  });

  it("refuses a loopback address without --allow-private, with a clear message and exit code 2", async () => {
    const err = await run(process.execPath, [cli, "scan", site.url], { env: env() }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/private|loopback/i);
  });

  it("rejects an invalid URL with exit code 2", async () => {
    const err = await run(process.execPath, [cli, "scan", "notaurl"], { env: env() }).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/topicgate: /);
  });

  it("fails with exit code 3 and says so when the site is unreachable", async () => {
    const err = await run(process.execPath, [cli, "scan", "http://127.0.0.1:9/", "--allow-private"], { env: env(), timeout: 120_000 }).catch((e) => e);
    expect(err.code).toBe(3);
    expect(err.stderr).toMatch(/could not be fetched|unreachable|refused/i);
    // the scan is recorded as failed with its error, not left crawling
    const id = /scan (\S+):/.exec(err.stderr)![1];
    const list = JSON.parse((await run(process.execPath, [cli, "scans", "list", "--json"], { env: env() })).stdout) as { id: string; status: string; error: string | null }[];
    expect(list.find((s) => s.id === id)).toMatchObject({ status: "failed", error: expect.stringMatching(/unreachable|could not be fetched|Cannot reach/i) });
  });
});
