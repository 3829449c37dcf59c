import type { LinkResolution, ResolvedLink } from "./resolve-links";
import type { Finding } from "./types";

/**
 * Site issues: technical faults reported once with the pages they affect, apart from the content actions of the
 * forget gate. A fault the template repeats on every page (each page linking to a missing twin of itself, a menu link
 * to a missing page) is one issue, not one per page.
 *
 * Codes (stable):
 *   internal_redirect     internal links written to URLs that redirect (with their hop counts)
 *   redirect_chain        internal links that take two or more redirects to reach their page
 *   broken_link           internal links to URLs that answer an error (one finding per page holding them)
 *   template_broken_link  one broken link the site's template repeats on many pages
 *   canonical_other_host  most pages name canonicals on another host: the site looks like a copy of it
 *   duplicate_url         the same content served at several URLs
 *   empty_content         pages with no text of their own in their HTML (built by a script, or blank)
 *   hreflang_*            faults of the hreflang alternates (see hreflang.ts)
 */

// A broken link pattern on this many pages or more is the template's, not an editor's (three pages do not share a
// mistake by chance; a template repeats it on every page it renders).
export const TEMPLATE_FAULT_MIN_PAGES = 3;
// Examples named in a finding's detail.
const EXAMPLES = 3;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function sortedUrls(urls: Iterable<string>): string[] {
  return [...new Set(urls)].sort();
}

/** The path of a URL, or the URL itself when it does not parse. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * What a broken link's target is, seen from the page that carries it: "{page}.json" when the target is the page's own
 * URL with something changed (a twin the template derives from each page), else the target itself.
 */
export function brokenPattern(fromUrl: string, target: string): string {
  const from = pathOf(fromUrl).replace(/\/$/, "");
  const stem = from.replace(/\.[a-z0-9]+$/i, "");
  const to = pathOf(target);
  if (stem.length > 1 && to !== from && to.startsWith(stem)) return `{page}${to.slice(stem.length)}`;
  const name = stem.slice(stem.lastIndexOf("/") + 1);
  if (name.length > 2) {
    const at = to.lastIndexOf(name);
    if (at >= 0 && to.slice(0, at) !== stem.slice(0, stem.length - name.length)) return `${to.slice(0, at)}{name}${to.slice(at + name.length)}`;
  }
  return target;
}

function redirectFindings(links: ResolvedLink[]): Finding[] {
  const redirected = links.filter((r) => r.hops > 0 && r.sameSite && r.finalUrl !== null);
  if (redirected.length === 0) return [];
  const byUrl = new Map<string, ResolvedLink>();
  for (const r of redirected) if (!byUrl.has(r.written)) byUrl.set(r.written, r);
  const byHops = new Map<number, number>();
  for (const r of redirected) byHops.set(r.hops, (byHops.get(r.hops) ?? 0) + 1);
  const hopText = [...byHops.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([hops, count]) => `${plural(count, "link")} through ${plural(hops, "redirect")}`)
    .join(", ");
  const examples = [...byUrl.values()].slice(0, EXAMPLES).map((r) => `${r.written} -> ${r.finalUrl} (${plural(r.hops, "hop")})`);
  const sources = new Set(redirected.map((r) => r.link.fromUrl));
  const out: Finding[] = [
    {
      code: "internal_redirect",
      pageUrls: sortedUrls(sources),
      detail:
        `${plural(redirected.length, "internal link")} on ${plural(sources.size, "page")} lead to ${plural(byUrl.size, "URL")} that redirect (${hopText}); ` +
        `they are counted for the pages they reach. Link to the final URLs. For example: ${examples.join("; ")}.`,
    },
  ];
  const chains = redirected.filter((r) => r.hops >= 2);
  if (chains.length > 0) {
    const chainUrls = new Map<string, ResolvedLink>();
    for (const r of chains) if (!chainUrls.has(r.written)) chainUrls.set(r.written, r);
    out.push({
      code: "redirect_chain",
      pageUrls: sortedUrls(chains.map((r) => r.link.fromUrl)),
      detail:
        `${plural(chainUrls.size, "URL")} linked from the site take two or more redirects to reach their page: ` +
        [...chainUrls.values()].slice(0, EXAMPLES).map((r) => `${r.written} -> ${r.finalUrl} (${r.hops} hops)`).join("; ") +
        ". Point the links and the first redirect at the final URL.",
    });
  }
  return out;
}

function brokenFindings(links: ResolvedLink[]): Finding[] {
  const broken = links.filter((r) => r.brokenStatus > 0);
  if (broken.length === 0) return [];
  // group by pattern; a pattern is the template's when it recurs on many pages, or a template-position link does
  const groups = new Map<string, { links: ResolvedLink[]; pages: Set<string>; template: Set<string> }>();
  for (const r of broken) {
    const key = brokenPattern(r.link.fromUrl, r.written);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { links: [], pages: new Set(), template: new Set() }));
    g.links.push(r);
    g.pages.add(r.link.fromUrl);
    if (r.link.position !== "content") g.template.add(r.link.fromUrl);
  }
  const out: Finding[] = [];
  const single: ResolvedLink[] = [];
  for (const [pattern, g] of [...groups.entries()].sort((a, b) => b[1].pages.size - a[1].pages.size || (a[0] < b[0] ? -1 : 1))) {
    const derived = pattern.includes("{page}") || pattern.includes("{name}");
    const templated = (derived && g.pages.size >= TEMPLATE_FAULT_MIN_PAGES) || g.template.size >= TEMPLATE_FAULT_MIN_PAGES;
    if (!templated) {
      single.push(...g.links);
      continue;
    }
    const example = g.links[0];
    const status = [...new Set(g.links.map((r) => r.brokenStatus))].sort().join("/");
    out.push({
      code: "template_broken_link",
      pageUrls: sortedUrls(g.pages),
      detail: derived
        ? `${plural(g.pages.size, "page")} each link to ${pattern.replace("{page}", "its own URL + ").replace("{name}", "<page name>")}, which answers ${status} ` +
          `(for example ${example.link.fromUrl} -> ${example.written}). The site's template writes this link: fix it once there.`
        : `${plural(g.pages.size, "page")} link to ${pattern} from their ${[...new Set(g.links.map((r) => r.link.position))].join("/")}, which answers ${status}. ` +
          "The site's template writes this link: fix it once there.",
    });
  }
  // an editor's broken link is fixed on the page that holds it: one finding per page, naming its broken targets
  const bySource = new Map<string, Map<string, number>>();
  for (const r of single) {
    let targets = bySource.get(r.link.fromUrl);
    if (!targets) bySource.set(r.link.fromUrl, (targets = new Map()));
    targets.set(r.written, r.brokenStatus);
  }
  for (const [from, targets] of [...bySource.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const named = [...targets.entries()].slice(0, EXAMPLES * 2).map(([u, s]) => `${u} (HTTP ${s})`);
    out.push({
      code: "broken_link",
      pageUrls: [from],
      detail: `links to ${named.join(", ")}${targets.size > named.length ? ` and ${targets.size - named.length} more` : ""}`,
    });
  }
  return out;
}

/** The site issues found while resolving links and canonicals; `empty` marks the pages without text of their own. */
export function siteFindings(urls: string[], res: LinkResolution, empty: boolean[] = res.empty): Finding[] {
  const out: Finding[] = [...redirectFindings(res.links), ...brokenFindings(res.links)];
  if (res.copyOf) {
    const { host, origin, pages } = res.copyOf;
    out.push({
      code: "canonical_other_host",
      pageUrls: sortedUrls(pages.map((i) => urls[i])),
      detail:
        `${pages.length} of ${urls.length} pages name a canonical URL on ${host}: this site looks like a copy of ${origin} (a staging site or a mirror), ` +
        `and search engines are told to index ${host} instead. The pages are audited as they are here. If this is the live site, make each page's canonical its own URL.`,
    });
  }
  const dupes = new Map<number, number[]>();
  res.foldReason.forEach((reason, i) => {
    if (reason === null || !reason.startsWith("the same content")) return;
    const into = res.standsFor[i];
    let list = dupes.get(into);
    if (!list) dupes.set(into, (list = []));
    list.push(i);
  });
  if (dupes.size > 0) {
    const groups = [...dupes.entries()];
    out.push({
      code: "duplicate_url",
      pageUrls: sortedUrls(groups.flatMap(([k, list]) => [urls[k], ...list.map((i) => urls[i])])),
      detail:
        `${plural(groups.reduce((s, [, l]) => s + l.length, 0), "URL")} serve the same content as another URL: ` +
        groups.slice(0, EXAMPLES).map(([k, list]) => `${list.map((i) => urls[i]).join(", ")} = ${urls[k]}`).join("; ") +
        ". Redirect them to one URL or give them its canonical; they are audited as that page.",
    });
  }
  const emptyUrls = urls.filter((_, i) => empty[i]);
  if (emptyUrls.length > 0) {
    out.push({
      code: "empty_content",
      pageUrls: sortedUrls(emptyUrls),
      detail:
        `${plural(emptyUrls.length, "page")} have no text of their own in their HTML: a script builds them in the browser, or they are blank. ` +
        "Search engines may see them empty; serve their text in the HTML. They are not judged as content.",
    });
  }
  return out;
}
