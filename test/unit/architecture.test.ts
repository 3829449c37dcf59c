import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The layering README's Architecture section describes, checked on the source: which way imports go, and file sizes. */

const ROOT = path.resolve(__dirname, "../..");
const LIB = path.join(ROOT, "lib");
const MAX_LINES = 400;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Every module a file imports (static, dynamic, re-exports), as a path relative to the repository. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g)].map((m) => m[1]);
  return specs.flatMap((s) => {
    if (s.startsWith("@/")) return [s.slice(2)];
    if (s.startsWith(".")) return [path.relative(ROOT, path.resolve(path.dirname(file), s))];
    return [];
  });
}

const files = sourceFiles(LIB);
const rel = (f: string) => path.relative(ROOT, f);
const under = (p: string, dir: string) => p === dir || p.startsWith(dir + "/");

function violations(from: string, to: string): string[] {
  return files.filter((f) => under(rel(f), from)).flatMap((f) => importsOf(f).filter((i) => under(i, to)).map((i) => `${rel(f)} -> ${i}`));
}

describe("architecture", () => {
  it("reads the imports it checks (a layer that does import lib/db is seen doing so)", () => {
    expect(violations("lib/pipeline", "lib/db").length).toBeGreaterThan(0);
    expect(importsOf(path.join(LIB, "pipeline/run-scan.ts"))).toContain("lib/crawl");
  });

  it("keeps the crawler and the report free of storage: lib/crawl and lib/report import nothing from lib/db", () => {
    expect(violations("lib/crawl", "lib/db")).toEqual([]);
    expect(violations("lib/report", "lib/db")).toEqual([]);
  });

  it("keeps the pipeline below the edge: lib/pipeline imports nothing from lib/api", () => {
    expect(violations("lib/pipeline", "lib/api")).toEqual([]);
  });

  it(`keeps every lib/ file at ${MAX_LINES} lines or fewer (lib/generated aside)`, () => {
    const long = files.map((f) => ({ file: rel(f), lines: fs.readFileSync(f, "utf8").split("\n").length - 1 })).filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
