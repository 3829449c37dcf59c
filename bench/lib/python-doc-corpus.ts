/**
 * The python3.11-doc site as a labelled benchmark corpus: main-content text per page, labelled
 * by its top folder (library, c-api, reference, ...). Downloads the Debian package when the
 * extracted copy is missing; it stays under the gitignored .cache/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import { debianDocs, htmlFiles } from "./debian-docs";

/** Parsing 530 pages with cheerio takes ~30 s, so the extracted text is cached beside the HTML. */
const TEXT_CACHE = path.resolve(".cache/bench/python-doc-text.json");
/** Sphinx chrome that repeats on every page and would drown the topical signal. */
const CHROME_SELECTORS = "nav, header, footer, script, style, .sphinxsidebar, .related, .footer, .headerlink";

export interface LabelledPage {
  id: string;
  label: string;
  text: string;
}

export function ensureCorpus(): string {
  return debianDocs("python3.11-doc", "usr/share/doc/python3.11/html");
}

export function loadCorpus(): LabelledPage[] {
  if (existsSync(TEXT_CACHE)) return JSON.parse(readFileSync(TEXT_CACHE, "utf8")) as LabelledPage[];
  const pages = extractCorpus();
  mkdirSync(path.dirname(TEXT_CACHE), { recursive: true });
  writeFileSync(TEXT_CACHE, JSON.stringify(pages));
  return pages;
}

function extractCorpus(): LabelledPage[] {
  const dir = ensureCorpus();
  return htmlFiles(dir).map((file) => {
    const $ = cheerio.load(readFileSync(path.join(dir, file), "utf8"));
    $(CHROME_SELECTORS).remove();
    const main = $("div[role=main]");
    const text = (main.length > 0 ? main : $("body")).text().replace(/\s+/g, " ").trim();
    const parts = file.split("/");
    return { id: file, label: parts.length > 1 ? parts[0] : "root", text };
  });
}
