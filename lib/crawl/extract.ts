import { load } from "cheerio";
import type { AnyNode, Element } from "domhandler";
import crypto from "node:crypto";
import { fingerprintText } from "./fingerprint";
import { detectLanguage } from "./language";

export type LinkPosition = "navigation" | "content" | "footer" | "header" | "aside";

export interface ExtractedLink {
  /** absolute URL as written (resolved against the base), not yet normalised */
  href: string;
  anchor: string;
  rel: string | null;
  nofollow: boolean;
  position: LinkPosition;
  context: string | null;
}

export interface Extracted {
  title: string | null;
  metaDescription: string | null;
  canonical: string | null;
  hreflang: { lang: string; href: string }[];
  headings: { level: number; text: string }[];
  /** main content, one block per line */
  mainText: string;
  blockHashes: string[];
  links: ExtractedLink[];
  wordCount: number;
  language: string | null;
  publishedAt: Date | null;
  modifiedAt: Date | null;
  contentHash: string;
  simhash: string;
  metaRobots: { noindex: boolean; nofollow: boolean; raw: string | null };
}

/** Elements whose text is never content. */
const SKIP = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select", "button"]);
/** Elements that end a text block (a paragraph, list item, heading, cell...). */
const BLOCK = new Set([
  "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "th", "tr", "table", "dd",
  "dt", "dl", "section", "article", "main", "figcaption", "figure", "br", "hr", "header", "footer", "nav", "aside", "form",
  "address", "details", "summary", "body", "caption",
]);
const HEADING: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** class/id tokens that mark navigation or sidebars on sites without semantic elements (Sphinx, WordPress themes). */
const NAV_CLASS = /(^|[\s_-])(nav|navbar|navigation|menu|breadcrumbs?|related|pagination|skip-?link|toc-?nav)($|[\s_-])/i;
const ASIDE_CLASS = /(^|[\s_-])(sidebar|sphinxsidebar|widget-area)($|[\s_-])/i;
const FOOTER_CLASS = /(^|[\s_-])(footer|site-footer|copyright)($|[\s_-])/i;
/** Longest context sentence kept for a link. */
const MAX_CONTEXT_CHARS = 300;

function regionOf(el: Element): LinkPosition | null {
  const name = el.name;
  const role = el.attribs.role;
  if (name === "nav" || role === "navigation" || role === "menubar") return "navigation";
  if (name === "footer" || role === "contentinfo") return "footer";
  if (name === "header" || role === "banner") return "header";
  if (name === "aside" || role === "complementary") return "aside";
  const cls = `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
  if (cls.length > 1) {
    if (ASIDE_CLASS.test(cls)) return "aside";
    if (FOOTER_CLASS.test(cls)) return "footer";
    if (NAV_CLASS.test(cls)) return "navigation";
  }
  return null;
}

function clean(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function parseDate(s: unknown): Date | null {
  if (typeof s !== "string" || !s.trim()) return null;
  const t = Date.parse(s.trim());
  return Number.isNaN(t) ? null : new Date(t);
}

function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !/[.!?]\s/.test(text.slice(a - 2, a))) a--;
  let b = end;
  while (b < text.length && !/[.!?]/.test(text[b] ?? "")) b++;
  let s = text.slice(a, Math.min(text.length, b + 1)).trim();
  if (s.length > MAX_CONTEXT_CHARS) {
    const mid = Math.max(0, start - a - MAX_CONTEXT_CHARS / 2);
    s = s.slice(mid, mid + MAX_CONTEXT_CHARS).trim();
  }
  return s;
}

function jsonLdDates(json: string): { published: Date | null; modified: Date | null } {
  const out = { published: null as Date | null, modified: null as Date | null };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return out;
  }
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    out.published ??= parseDate(o.datePublished);
    out.modified ??= parseDate(o.dateModified);
    for (const k of ["@graph", "mainEntity", "mainEntityOfPage"]) if (k in o) visit(o[k], depth + 1);
  };
  visit(data, 0);
  return out;
}

/** Meta robots / X-Robots-Tag directives that apply to us: unprefixed, or prefixed with our product token. */
export function robotsDirectives(values: string[], botToken: string): { noindex: boolean; nofollow: boolean } {
  let noindex = false;
  let nofollow = false;
  for (const value of values) {
    let v = value.toLowerCase();
    const prefixed = /^\s*([a-z0-9_-]+)\s*:\s*(.*)$/.exec(v);
    if (prefixed && !["noindex", "nofollow", "none", "all", "index", "follow", "unavailable_after", "max-snippet", "max-image-preview", "max-video-preview"].includes(prefixed[1])) {
      if (prefixed[1] !== botToken) continue;
      v = prefixed[2];
    }
    const tokens = v.split(/[\s,]+/);
    if (tokens.includes("noindex") || tokens.includes("none")) noindex = true;
    if (tokens.includes("nofollow") || tokens.includes("none")) nofollow = true;
  }
  return { noindex, nofollow };
}

interface PendingLink {
  link: ExtractedLink;
  start: number;
  blockSeq: number;
}

/**
 * One pass over the parsed document (htmlparser2 through cheerio: several times faster than parse5 on large pages,
 * and the same parser crawlee uses) collecting head metadata, content blocks, headings and links with their region.
 */
export function extractPage(html: string, pageUrl: string, opts: { botToken: string; lastModified?: string | null }): Extracted {
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const root = $.root()[0];
  let base = pageUrl;
  // a regex pre-check on the raw HTML skips two whole-document selector scans on the (usual) pages without them
  const baseHref = /<base\s[^>]*href/i.test(html) ? $("base[href]").first().attr("href") : undefined;
  if (baseHref) {
    try {
      base = new URL(baseHref, pageUrl).href;
    } catch {
      /* keep the page URL */
    }
  }
  const hasMain = /<main[\s>]|role\s*=\s*["']?main\b/i.test(html) && $("main, [role=main]").length > 0;

  let title: string | null = null;
  let metaDescription: string | null = null;
  let canonical: string | null = null;
  let htmlLang: string | null = null;
  const hreflang: { lang: string; href: string }[] = [];
  const headings: { level: number; text: string }[] = [];
  const robotsValues: string[] = [];
  let published: Date | null = null;
  let modified: Date | null = null;
  const jsonLd: string[] = [];

  const blocks: string[] = [];
  let buf = "";
  let blockSeq = 0;
  const links: ExtractedLink[] = [];
  const pending: PendingLink[] = [];

  const resolve = (href: string): string | null => {
    try {
      return new URL(href, base).href;
    } catch {
      return null;
    }
  };
  const flush = (): void => {
    const text = clean(buf);
    const leading = buf.length - buf.trimStart().length;
    for (const p of pending) {
      if (p.blockSeq !== blockSeq) continue;
      // offsets were taken in the raw buffer; approximate them in the collapsed text
      const rawBefore = buf.slice(0, p.start);
      const start = Math.max(0, clean(rawBefore).length + (rawBefore.length > leading && /\s$/.test(rawBefore) ? 1 : 0));
      p.link.context = text ? sentenceAround(text, start, start + p.link.anchor.length) : null;
    }
    pending.length = 0;
    if (text) blocks.push(text);
    buf = "";
    blockSeq++;
  };

  const textOf = (node: AnyNode): string => {
    let s = "";
    const walk = (n: AnyNode): void => {
      if (n.type === "text") s += (n as unknown as { data: string }).data;
      else if ("children" in n && n.type === "tag") {
        if (SKIP.has((n as Element).name)) return;
        for (const c of (n as Element).children) walk(c);
      } else if (n.type === "tag" || n.type === "root") for (const c of (n as Element).children ?? []) walk(c);
    };
    walk(node);
    return s;
  };

  const visit = (node: AnyNode, region: LinkPosition, inMain: boolean, inHead: boolean): void => {
    if (node.type === "text") {
      if (!inHead && region === "content" && inMain) buf += (node as unknown as { data: string }).data;
      return;
    }
    if (node.type === "script") {
      const el = node as Element;
      if ((el.attribs.type ?? "").toLowerCase() === "application/ld+json") jsonLd.push(textOf(el) || el.children.map((c) => (c as unknown as { data?: string }).data ?? "").join(""));
      return;
    }
    if (node.type !== "tag" && node.type !== "root") return;
    const el = node as Element;
    const name = node.type === "root" ? "#root" : el.name;
    if (SKIP.has(name)) return;
    const a = el.attribs ?? {};
    if (name === "html" && a.lang) htmlLang = a.lang;
    if (name === "head") inHead = true;
    if (inHead || name === "meta" || name === "link" || name === "title") {
      if (name === "title" && title === null && !inSvg(el)) title = clean(textOf(el)) || null;
      else if (name === "meta") {
        const key = (a.name ?? a.property ?? a["http-equiv"] ?? "").toLowerCase();
        const content = a.content ?? "";
        if (key === "description" && metaDescription === null) metaDescription = clean(content) || null;
        else if (key === "robots" || key === opts.botToken) robotsValues.push(content);
        else if (key === "article:published_time") published ??= parseDate(content);
        else if (key === "article:modified_time" || key === "og:updated_time") modified ??= parseDate(content);
        else if (key === "content-language" && !htmlLang) htmlLang = content;
      } else if (name === "link") {
        const rel = (a.rel ?? "").toLowerCase().split(/\s+/);
        if (rel.includes("canonical") && canonical === null && a.href) canonical = resolve(a.href);
        if (rel.includes("alternate") && a.hreflang && a.href) {
          const href = resolve(a.href);
          if (href) hreflang.push({ lang: a.hreflang, href });
        }
      }
      if (name !== "head" && name !== "html" && name !== "#root") {
        if (!inHead) {
          /* fallthrough: meta/link in body handled above, they have no children */
        }
        return;
      }
    }
    let childRegion = region;
    let childMain = inMain;
    if (name !== "#root") {
      const r = regionOf(el);
      if (r !== null && region === "content") childRegion = r;
      if (hasMain && (name === "main" || a.role === "main")) {
        childMain = true;
        if (r === null) childRegion = "content";
      }
    }
    const isBlock = BLOCK.has(name);
    if (isBlock && childMain && childRegion === "content") flush();
    if (name in HEADING && childRegion === "content" && childMain) {
      const text = clean(textOf(el));
      if (text) headings.push({ level: HEADING[name], text });
    }
    if (name === "a" && a.href !== undefined && !inHead) {
      const href = resolve(a.href);
      if (href) {
        const rel = a.rel ? a.rel.toLowerCase() : null;
        const anchor = clean(textOf(el)) || clean(a.title ?? "") || clean($(el).find("img[alt]").first().attr("alt") ?? "");
        const link: ExtractedLink = {
          href,
          anchor,
          rel,
          nofollow: rel !== null && rel.split(/\s+/).some((t) => t === "nofollow" || t === "ugc" || t === "sponsored"),
          position: childRegion,
          context: null,
        };
        links.push(link);
        if (childRegion === "content" && childMain) pending.push({ link, start: buf.length, blockSeq });
      }
    }
    for (const c of el.children ?? []) visit(c, childRegion, childMain, inHead);
    if (isBlock && childMain && childRegion === "content") flush();
    else if (name === "head") inHead = false;
  };
  visit(root, "content", !hasMain, false);
  flush();

  for (const j of jsonLd) {
    const d = jsonLdDates(j);
    published ??= d.published;
    modified ??= d.modified;
  }
  modified ??= parseDate(opts.lastModified ?? undefined);
  const mainText = blocks.join("\n");
  const fp = fingerprintText(mainText);
  const robots = robotsDirectives(robotsValues, opts.botToken);
  const langAttr = htmlLang as string | null;
  return {
    title,
    metaDescription,
    canonical,
    hreflang,
    headings,
    mainText,
    // blocks are whitespace-collapsed already; a lower-cased sha1 prefix is a stable id for "the same block"
    blockHashes: blocks.map((b) => crypto.createHash("sha1").update(b.toLowerCase()).digest("hex").slice(0, 16)),
    links,
    wordCount: fp.wordCount,
    language: langAttr ? langAttr.toLowerCase().split(/[-_]/)[0] : detectLanguage(mainText),
    publishedAt: published,
    modifiedAt: modified,
    contentHash: fp.contentHash,
    simhash: fp.simhash,
    metaRobots: { ...robots, raw: robotsValues.length ? robotsValues.join(", ") : null },
  };
}

function inSvg(el: Element): boolean {
  for (let p = el.parent as Element | null; p; p = p.parent as Element | null) if (p.name === "svg") return true;
  return false;
}
