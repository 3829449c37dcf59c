/**
 * Builds an AnalysisInput straight from the python3.11-doc HTML (no crawler, no LSTM) so the
 * analysis core can be evaluated against the docs' own sections. Labels = top folder.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import * as cheerio from "cheerio";
import type { AnalysisInput, AnalysisLink, AnalysisPage, LinkPosition } from "../../lib/analyze/types";

export const DOCS_ROOT = path.resolve(__dirname, "../../.cache/corpora/python3.11-doc/usr/share/doc/python3.11/html");
export const SITE = "https://docs.python.test/";

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name.startsWith("_")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith(".html")) out.push(full);
  }
  return out;
}

/** 64-bit simhash (Charikar 2002) over word 3-shingles, FNV-1a 64 per shingle. */
function simhash(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const acc = new Int32Array(64);
  for (let i = 0; i + 2 < words.length || (i === 0 && words.length > 0); i++) {
    const shingle = words.slice(i, i + 3).join(" ");
    let h = 0xcbf29ce484222325n;
    for (let k = 0; k < shingle.length; k++) h = ((h ^ BigInt(shingle.charCodeAt(k))) * 0x100000001b3n) & 0xffffffffffffffffn;
    for (let b = 0; b < 64; b++) acc[b] += (h >> BigInt(b)) & 1n ? 1 : -1;
    if (words.length < 3) break;
  }
  let out = 0n;
  for (let b = 0; b < 64; b++) if (acc[b] > 0) out |= 1n << BigInt(b);
  return out.toString(16).padStart(16, "0");
}

function positionOf($: cheerio.CheerioAPI, el: Parameters<cheerio.CheerioAPI>[0]): LinkPosition {
  const node = $(el);
  if (node.closest('div[role="main"], div.body').length) return "content";
  if (node.closest("div.sphinxsidebar").length) return "aside";
  if (node.closest("div.footer").length) return "footer";
  if (node.closest('div.related, [role="navigation"]').length) return "navigation";
  return "header";
}

export interface LabelledInput {
  input: AnalysisInput;
  labels: Map<string, string>;
}

export function loadPythonDocs(now = "2026-11-25T00:00:00Z"): LabelledInput {
  const files = walk(DOCS_ROOT).sort();
  const pages: AnalysisPage[] = [];
  const links: AnalysisLink[] = [];
  const labels = new Map<string, string>();
  for (const file of files) {
    const rel = path.relative(DOCS_ROOT, file).split(path.sep).join("/");
    const url = new URL(rel, SITE).href;
    labels.set(url, rel.includes("/") ? rel.split("/")[0] : "(root)");
    const $ = cheerio.load(readFileSync(file, "utf8"));
    const main = $('div[role="main"]').first().length ? $('div[role="main"]').first() : $("div.body").first();
    main.find("a.headerlink, script, style").remove();
    const headings = main
      .find("h1, h2, h3, h4, h5, h6")
      .toArray()
      .map((h) => ({ level: Number(h.tagName.slice(1)), text: $(h).text().replace(/\s+/g, " ").trim() }));
    // Block elements end with a newline so sentences and list items do not run together.
    main.find("p, li, dt, dd, pre, h1, h2, h3, h4, h5, h6, td, th, div, tr").each((_, el) => {
      $(el).append("\n");
    });
    const mainText = main.text().replace(/[ \t]+/g, " ").replace(/\n\s*\n+/g, "\n").trim();
    $("a[href]").each((_, a) => {
      const href = $(a).attr("href")!;
      if (href.startsWith("#") || href.startsWith("mailto:")) return;
      let target: URL;
      try {
        target = new URL(href, url);
      } catch {
        return;
      }
      target.hash = "";
      links.push({ fromUrl: url, toUrl: target.href, anchor: $(a).text().replace(/\s+/g, " ").trim(), position: positionOf($, a), nofollow: ($(a).attr("rel") ?? "").includes("nofollow") });
    });
    pages.push({
      url,
      status: 200,
      title: $("title").text().trim() || null,
      metaDescription: $('meta[name="description"]').attr("content") ?? null,
      headings,
      mainText,
      wordCount: (mainText.match(/\S+/g) ?? []).length,
      depth: 0,
      noindex: /noindex/i.test($('meta[name="robots"]').attr("content") ?? ""),
      // The docs' canonical points at docs.python.org/3/, another host: not a canonicalisation within this site.
      canonical: null,
      contentHash: createHash("sha1").update(mainText).digest("hex"),
      simhash: simhash(mainText),
      modifiedAt: null,
      inSitemap: true,
      lstmVector: null,
    });
  }
  // Depth = clicks from index.html over any link, as a crawler would see it.
  const index = new Map(pages.map((p, i) => [p.url, i]));
  const out = pages.map(() => [] as number[]);
  for (const l of links) {
    const a = index.get(l.fromUrl);
    const b = index.get(l.toUrl);
    if (a !== undefined && b !== undefined) out[a].push(b);
  }
  const depth = new Int32Array(pages.length).fill(-1);
  const start = index.get(new URL("index.html", SITE).href)!;
  depth[start] = 0;
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    for (const b of out[queue[q]]) {
      if (depth[b] >= 0) continue;
      depth[b] = depth[queue[q]] + 1;
      queue.push(b);
    }
  }
  pages.forEach((p, i) => (p.depth = depth[i] < 0 ? 99 : depth[i]));
  return { input: { siteUrl: SITE, pages, links, now }, labels };
}
