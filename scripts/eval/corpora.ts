/**
 * The Debian documentation packages the evaluation serves: python3.11-doc (the site under test, labelled by top
 * folder) and sqlite3-doc (text from an unrelated product, for off-topic pages). Both are downloaded with
 * `apt-get download` on first use and kept under the gitignored .cache/corpora.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { debianDocs } from "../../bench/lib/debian-docs";
import { ensureCorpus } from "../../bench/lib/python-doc-corpus";

export { htmlFiles } from "../../bench/lib/debian-docs";

/** The python3.11-doc HTML folder (shared with the benchmarks). */
export function pythonDocsDir(): string {
  return ensureCorpus();
}

/** The sqlite3-doc HTML folder. */
export function sqliteDocsDir(): string {
  return debianDocs("sqlite3-doc", "usr/share/doc/sqlite3");
}

export function readHtml(dir: string, rel: string): string {
  return readFileSync(path.join(dir, rel), "utf8");
}
