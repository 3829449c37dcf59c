import zlib from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import type { Fetcher } from "./fetch";

/** sitemaps.org limits: 50,000 URLs per file; we also stop after this many sitemap files (index fan-out). */
export const MAX_SITEMAP_FILES = 50;
export const MAX_SITEMAP_URLS = 50_000;

const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, isArray: (name) => name === "url" || name === "sitemap" });

interface ParsedSitemap {
  urls: string[];
  sitemaps: string[];
}

/** Parses a sitemap or sitemap index (gzip detected by magic bytes, as .xml.gz is often served without an encoding). */
export function parseSitemap(raw: Buffer): ParsedSitemap {
  let buf = raw;
  if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = zlib.gunzipSync(buf, { maxOutputLength: 64 * 1024 * 1024 });
  const doc = parser.parse(buf.toString("utf8")) as Record<string, unknown>;
  const locs = (items: unknown): string[] =>
    Array.isArray(items)
      ? items.map((i) => (i && typeof i === "object" ? String((i as { loc?: unknown }).loc ?? "").trim() : "")).filter(Boolean)
      : [];
  const urlset = doc["urlset"] as { url?: unknown } | undefined;
  const index = doc["sitemapindex"] as { sitemap?: unknown } | undefined;
  return { urls: locs(urlset?.url), sitemaps: locs(index?.sitemap) };
}

export interface SitemapResult {
  urls: string[];
  files: string[];
  errors: string[];
}

/** Reads sitemaps breadth-first from the given roots, following indexes, within the file and URL limits. */
export async function collectSitemapUrls(fetcher: Fetcher, roots: string[], signal?: AbortSignal): Promise<SitemapResult> {
  const queue = [...new Set(roots)];
  const seen = new Set<string>(queue);
  const urls = new Set<string>();
  const files: string[] = [];
  const errors: string[] = [];
  while (queue.length > 0 && files.length < MAX_SITEMAP_FILES && urls.size < MAX_SITEMAP_URLS && !signal?.aborted) {
    const url = queue.shift()!;
    const r = await fetcher.fetchResource(url, signal);
    if (r.errorCode || r.status >= 400 || !r.raw) {
      if (r.status !== 404) errors.push(`${url}: ${r.error ?? `HTTP ${r.status}`}`);
      continue;
    }
    files.push(url);
    try {
      const parsed = parseSitemap(r.raw);
      for (const u of parsed.urls) if (urls.size < MAX_SITEMAP_URLS) urls.add(u);
      for (const s of parsed.sitemaps) {
        const abs = new URL(s, url).href;
        if (!seen.has(abs)) {
          seen.add(abs);
          queue.push(abs);
        }
      }
    } catch (e) {
      errors.push(`${url}: ${(e as Error).message}`);
    }
  }
  return { urls: [...urls], files, errors };
}
