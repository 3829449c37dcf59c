/**
 * Crawler traps: URL spaces a site generates without end (calendars stepping month after month, faceted navigation
 * combining every filter, empty result pages with a "next" link, session tokens in paths). A trap is told from a site's
 * ordinary numbered permalinks (`?p=123`, `?paged=2`, `/page/7/`, date archives) by what its pages bring: past a free
 * allowance per URL pattern, a URL is followed only from a page that brought new text to its own pattern. Archive and
 * post pages keep bringing new text; the months of an empty calendar and the facets of one product list do not.
 */

/** A path segment repeated this many times (`/a/b/a/b/a/b`) is a relative-link loop, not content. */
export const MAX_SEGMENT_REPEATS = 3;
/** Paths deeper than this are a generator, not a site (observed real sites stay below ~12). */
export const MAX_PATH_SEGMENTS = 20;
/** URLs of one pattern queued whatever their source; past it the content rule decides. */
export const MAX_URLS_PER_PATTERN = 50;
/**
 * New text that makes a page "bring content" to its pattern: about one sentence (15 English words of 5 letters, or two
 * sentences of CJK). A calendar month brings its month name (under 10 letters); a post or an archive page brings
 * paragraphs.
 */
export const MIN_NEW_LETTERS = 80;
/**
 * Weight of a block known but for its numbers (a template filled with a new date, price or page number): a calendar
 * month or an empty result page has one or two such blocks, far from a sentence's worth; a listing of numbered items
 * (`Screw M3x10, 0.12 EUR` and fifty more) has dozens, and is content.
 */
export const NEW_NUMBERS_WEIGHT = 0.25;
/** Block fingerprints remembered (30-bit integers, ~20 bytes each): past this, pages count as bringing content. */
const MAX_REMEMBERED_BLOCKS = 1_000_000;

/** Letters and digits runs of 16+ holding both (session tokens, hashes) stand for any such token in a pattern. */
const TOKEN = /[A-Za-z0-9_-]{16,}/g;

/**
 * The pattern of a URL: its path with digit runs collapsed (`/cal/2026/11` -> `/cal/#/#`) and long tokens replaced by
 * `*`, followed by its sorted parameter names (values dropped: `?a=1&b=2` and `?b=3&a=1` share a pattern).
 */
export function trapPattern(url: string): string {
  const u = new URL(url);
  const path = u.pathname.replace(TOKEN, (t) => (/\d/.test(t) && /[A-Za-z]/.test(t) ? "*" : t)).replace(/\d+/g, "#");
  const names = [...new Set(u.searchParams.keys())].sort();
  return names.length === 0 ? path : `${path}?${names.join("&")}`;
}

/** True for paths that repeat a segment or nest absurdly deep: never worth a request. */
export function isPathTrap(url: string): boolean {
  const segments = new URL(url).pathname.split("/").filter(Boolean);
  if (segments.length > MAX_PATH_SEGMENTS) return true;
  const counts = new Map<string, number>();
  for (const s of segments) {
    const c = (counts.get(s) ?? 0) + 1;
    if (c >= MAX_SEGMENT_REPEATS) return true;
    counts.set(s, c);
  }
  return false;
}

function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** ASCII letters plus every non-ASCII character: a cheap count of "text" that ignores digits, spaces and punctuation. */
function letters(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if ((c >= 0x61 && c <= 0x7a) || c > 0xbf) n++;
  }
  return n;
}

/** Counts URLs per pattern, judges fetched pages' new text, refuses traps; the refusals go into the crawl summary. */
export class TrapGuard {
  private readonly counts = new Map<string, number>();
  private readonly capped = new Map<string, number>();
  private readonly blocks = new Set<number>();
  constructor(private readonly limit = MAX_URLS_PER_PATTERN) {}

  /** Record an already-known URL (on resume) without judging it. */
  seed(url: string): void {
    const p = trapPattern(url);
    this.counts.set(p, (this.counts.get(p) ?? 0) + 1);
  }

  /**
   * Records a fetched page's main text (one block per line) and tells whether it brought new text to its pattern:
   * MIN_NEW_LETTERS letters in blocks no earlier page of the pattern had, a block that differs from a known one only
   * in its numbers counting NEW_NUMBERS_WEIGHT of its letters.
   */
  broughtContent(url: string, mainText: string): boolean {
    const salt = fnv1a(trapPattern(url));
    let fresh = 0;
    for (const block of mainText.split("\n")) {
      const n = letters(block);
      if (n === 0) continue;
      const lower = block.toLowerCase();
      const shape = fnv1a(lower.replace(/\d+/g, "#"), salt) >>> 2;
      const exact = fnv1a(lower, salt ^ 0x5bd1e995) >>> 2;
      if (this.blocks.has(exact)) continue;
      fresh += this.blocks.has(shape) ? n * NEW_NUMBERS_WEIGHT : n;
      if (this.blocks.size < MAX_REMEMBERED_BLOCKS) this.blocks.add(shape).add(exact);
    }
    return fresh >= MIN_NEW_LETTERS || this.blocks.size >= MAX_REMEMBERED_BLOCKS;
  }

  /**
   * Whether to queue `url`. `fromContentPage` says whether the page it was found on brought content (see
   * broughtContent); URLs from no page (the start, sitemaps, redirects) pass it as undefined and are only counted.
   */
  admit(url: string, fromContentPage?: boolean): boolean {
    if (isPathTrap(url)) return this.refuse("repeated-path-segments");
    const p = trapPattern(url);
    const c = this.counts.get(p) ?? 0;
    if (c >= this.limit && fromContentPage === false) return this.refuse(p);
    this.counts.set(p, c + 1);
    return true;
  }

  private refuse(pattern: string): false {
    this.capped.set(pattern, (this.capped.get(pattern) ?? 0) + 1);
    return false;
  }

  report(): { pattern: string; count: number }[] {
    return [...this.capped.entries()].map(([pattern, count]) => ({ pattern, count })).sort((a, b) => b.count - a.count);
  }
}
