/**
 * The Debian documentation packages the evaluation serves: python3.11-doc (the site under test, labelled by top
 * folder) and sqlite3-doc (text from an unrelated product, for off-topic pages). Both are downloaded with
 * `apt-get download` on first use and kept under the gitignored .cache/corpora.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureCorpus } from "../../bench/lib/python-doc-corpus";

const CORPORA = path.resolve(".cache/corpora");

/** The python3.11-doc HTML folder (shared with the benchmarks, which download it the same way). */
export function pythonDocsDir(): string {
  return ensureCorpus();
}

/** The sqlite3-doc HTML folder. */
export function sqliteDocsDir(): string {
  const root = path.join(CORPORA, "sqlite3-doc");
  const html = path.join(root, "usr/share/doc/sqlite3");
  if (existsSync(html)) return html;
  mkdirSync(root, { recursive: true });
  execFileSync("apt-get", ["download", "sqlite3-doc"], { cwd: CORPORA, stdio: "inherit" });
  const deb = readdirSync(CORPORA).find((f) => f.startsWith("sqlite3-doc_") && f.endsWith(".deb"));
  if (!deb) throw new Error("apt-get download sqlite3-doc produced no .deb");
  execFileSync("dpkg", ["-x", path.join(CORPORA, deb), root], { stdio: "inherit" });
  return html;
}

/** Every .html file under `dir` (folders starting with "_" hold Sphinx assets), as sorted relative paths with "/". */
export function htmlFiles(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith("_")) out.push(...htmlFiles(dir, child));
    } else if (entry.name.endsWith(".html")) out.push(child);
  }
  return out.sort();
}

export function readHtml(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), "utf8");
}
