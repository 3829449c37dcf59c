/**
 * hreflang alternates from an HTTP `Link` header (RFC 8288; how non-HTML files and some servers declare them):
 * `<https://example.com/de/>; rel="alternate"; hreflang="de", <https://example.com/>; rel="alternate"; hreflang="x-default"`.
 */

/** Alternates read from one header at most (a header is not a place for thousands of them). */
export const MAX_HEADER_ALTERNATES = 100;

const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[a-zA-Z*-]+\s*=\s*(?:"[^"]*"|[^;,]*))*)/g;
const PARAM = /;\s*([a-zA-Z*-]+)\s*=\s*("([^"]*)"|[^;,]*)/g;

export function hreflangFromLinkHeader(header: string | undefined, base: string): { lang: string; href: string }[] {
  if (!header) return [];
  const out: { lang: string; href: string }[] = [];
  for (const m of header.slice(0, 64 * 1024).matchAll(LINK_VALUE)) {
    const params = new Map<string, string>();
    for (const p of m[2].matchAll(PARAM)) params.set(p[1].toLowerCase(), (p[3] ?? p[2]).trim());
    const rel = params.get("rel") ?? "";
    const lang = params.get("hreflang");
    if (!/(^|\s)alternate(\s|$)/i.test(rel) || !lang) continue;
    try {
      out.push({ lang, href: new URL(m[1].trim(), base).href });
    } catch {
      continue;
    }
    if (out.length >= MAX_HEADER_ALTERNATES) break;
  }
  return out;
}

/** Alternates of one page from its sources in order (link elements, header, sitemap), each (lang, href) once. */
export function mergeAlternates(...lists: { lang: string; href: string }[][]): { lang: string; href: string }[] {
  const seen = new Set<string>();
  const out: { lang: string; href: string }[] = [];
  for (const list of lists) {
    for (const a of list) {
      const key = `${a.lang.toLowerCase()} ${a.href}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(a);
    }
  }
  return out;
}
