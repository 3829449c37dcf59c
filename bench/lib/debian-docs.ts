/**
 * Debian documentation packages as real local websites: downloaded with `apt-get download` on first use and
 * extracted under the gitignored .cache/corpora/<package>.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

const CORPORA = path.resolve(__dirname, "../../.cache/corpora");

/**
 * The folder at `htmlSubdir` inside Debian package `pkg`, downloaded and extracted under `corpora` (by default
 * .cache/corpora) when missing.
 */
export function debianDocs(pkg: string, htmlSubdir: string, corpora = CORPORA): string {
  const root = path.join(corpora, pkg);
  const html = path.join(root, htmlSubdir);
  if (existsSync(html)) return html;
  mkdirSync(root, { recursive: true });
  execFileSync("apt-get", ["download", pkg], { cwd: corpora, stdio: "inherit" });
  const deb = readdirSync(corpora).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
  if (!deb) throw new Error(`apt-get download ${pkg} produced no .deb`);
  execFileSync("dpkg", ["-x", path.join(corpora, deb), root], { stdio: "inherit" });
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
