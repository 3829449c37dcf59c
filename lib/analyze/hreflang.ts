import { hreflangProblem, primaryLanguage, X_DEFAULT } from "../language/codes";
import type { AnalysisFetch, Finding } from "./types";

/**
 * hreflang alternates (link elements, HTTP Link headers and sitemap xhtml:link, gathered by the crawl) checked the way
 * search engines read them, each fault one site issue naming its pages:
 *   hreflang_invalid_code       a value that is no ISO 639-1 language (+ ISO 3166-1 region): "jp", "en-UK", "english"
 *   hreflang_not_reciprocal     A names B as its alternate but B does not name A back (search engines then ignore both)
 *   hreflang_broken_target      an alternate URL that answers an error or redirects
 *   hreflang_canonical_conflict a page with alternates canonicalised to another URL, or an alternate that is not its own
 *                               canonical (alternates must be the canonical URLs)
 *   hreflang_language_mismatch  an alternate declared in one language whose page is written in another
 *   hreflang_missing_x_default  a set of alternates without an x-default for visitors of every other language
 * Alternates that answer one another make one subject across languages: `groups` gives each page its group.
 */

export interface HreflangPage {
  url: string;
  canonical: string | null;
  /** the page's language (ISO 639-1) as declared or detected, null when unknown */
  language: string | null;
  hreflang?: { lang: string; href: string }[];
}

// Examples named in a finding's detail.
const EXAMPLES = 3;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function stripHash(url: string): string {
  const at = url.indexOf("#");
  return at < 0 ? url : url.slice(0, at);
}

export interface HreflangAudit {
  findings: Finding[];
  /** alternate group of each page (pages joined by alternates that are analysed pages), -1 for a page without one */
  groups: Int32Array;
}

export function auditHreflang(pages: HreflangPage[], fetches: AnalysisFetch[] = []): HreflangAudit {
  const index = new Map(pages.map((p, i) => [p.url, i]));
  const fetched = new Map(fetches.map((f) => [f.requestedUrl, f]));
  const problems = new Map<string, { pages: Set<string>; examples: string[] }>();
  const report = (code: string, page: string, example: string) => {
    let p = problems.get(code);
    if (!p) problems.set(code, (p = { pages: new Set(), examples: [] }));
    p.pages.add(page);
    if (p.examples.length < EXAMPLES && !p.examples.includes(example)) p.examples.push(example);
  };
  // parent pointers of the alternate groups (union-find)
  const parent = Int32Array.from(pages, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  const hasAlternates = new Uint8Array(pages.length);

  const named = pages.map((p) => new Set((p.hreflang ?? []).map((h) => stripHash(h.href))));
  pages.forEach((p, i) => {
    const alts = p.hreflang ?? [];
    if (alts.length === 0) return;
    const own = stripHash(p.url);
    const canonicalAway = p.canonical !== null && stripHash(p.canonical) !== own;
    if (canonicalAway) report("hreflang_canonical_conflict", p.url, `${p.url} has alternates but its canonical is ${p.canonical}`);
    let xDefault = false;
    let languages = 0;
    for (const { lang, href } of alts) {
      const problem = hreflangProblem(lang);
      if (problem) {
        report("hreflang_invalid_code", p.url, `${p.url}: ${problem}`);
        continue;
      }
      if (lang.toLowerCase() === X_DEFAULT) xDefault = true;
      else languages++;
      const target = stripHash(href);
      if (target === own) continue;
      const j = index.get(target);
      if (j === undefined) {
        const f = fetched.get(target);
        if (f && (f.status !== 200 || f.url !== f.requestedUrl)) {
          report("hreflang_broken_target", p.url, f.status !== 200 ? `${p.url} -> ${target} (${f.status || "not fetched"})` : `${p.url} -> ${target} (redirects to ${f.url})`);
        }
        continue;
      }
      const q = pages[j];
      hasAlternates[i] = 1;
      hasAlternates[j] = 1;
      parent[root(i)] = root(j);
      if (!named[j].has(own)) report("hreflang_not_reciprocal", p.url, `${p.url} names ${target} (${lang}), which does not name it back`);
      if (q.canonical !== null && stripHash(q.canonical) !== target) report("hreflang_canonical_conflict", p.url, `${p.url} names ${target}, whose canonical is ${q.canonical}`);
      const declared = primaryLanguage(lang);
      if (declared !== null && q.language !== null && declared !== q.language) {
        report("hreflang_language_mismatch", p.url, `${p.url} names ${target} as "${lang}", but it is written in "${q.language}"`);
      }
    }
    if (!xDefault && languages >= 2) report("hreflang_missing_x_default", p.url, p.url);
  });

  const roots = new Map<number, number>();
  const groups = Int32Array.from(pages, (_, i) => {
    if (!hasAlternates[i]) return -1;
    const r = root(i);
    if (!roots.has(r)) roots.set(r, roots.size);
    return roots.get(r)!;
  });
  const findings: Finding[] = [];
  for (const [code, { pages: affected, examples }] of [...problems].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    findings.push({ code, pageUrls: [...affected].sort(), detail: `${plural(affected.size, "page")}: ${examples.join("; ")}${affected.size > examples.length ? "; ..." : ""}.` });
  }
  return { findings, groups };
}
