import { BREAK, type Dictionary, type TextRules } from "./tokenize";

/**
 * Navigation words by repetition, in any language: a word that starts one of the first or last NAV_EDGE_BLOCKS blocks
 * of a page on at least NAV_MIN_PAGE_SHARE of the site's pages is the template's "Next", "次へ", "Weiter" or "Suivant"
 * (links that carry the next page's title, so the block as a whole differs from page to page and the crawl's repeated
 * block removal keeps it). It is dropped there, and only there: the same word inside the text stays a word.
 */

// Blocks at each end of a page where a template's previous/next links sit (DocBook and Sphinx footers: 2-4 blocks).
export const NAV_EDGE_BLOCKS = 3;
// Half the pages: every page but the first and the last has "next" and "previous" links.
export const NAV_MIN_PAGE_SHARE = 0.5;
// A small site needs a few pages before anything repeats.
export const NAV_MIN_PAGES = 3;

/** A page's body tokens and where its blocks (lines of the main text) start. */
export interface BlockTokens {
  tokens: Int32Array;
  /** token index at which each block starts */
  blockStarts: number[];
}

/** Encodes the main text block by block, as one token sequence (the same tokens as the whole text), keeping block starts. */
export function encodeBlocks(dict: Dictionary, text: string, rules: TextRules): BlockTokens {
  const parts: Int32Array[] = [];
  const blockStarts: number[] = [];
  let length = 0;
  for (const line of text.split("\n")) {
    const t = dict.encode(line, rules);
    blockStarts.push(length);
    parts.push(t);
    length += t.length;
  }
  const tokens = new Int32Array(length);
  let at = 0;
  for (const p of parts) {
    tokens.set(p, at);
    at += p.length;
  }
  return { tokens, blockStarts };
}

/** Index of the first word of each edge block of a page (BREAK-only blocks have none). */
function edgeWordIndexes(page: BlockTokens): number[] {
  const n = page.blockStarts.length;
  const blocks = new Set<number>();
  for (let b = 0; b < Math.min(NAV_EDGE_BLOCKS, n); b++) blocks.add(b);
  for (let b = Math.max(0, n - NAV_EDGE_BLOCKS); b < n; b++) blocks.add(b);
  const out: number[] = [];
  for (const b of [...blocks].sort((x, y) => x - y)) {
    const end = b + 1 < n ? page.blockStarts[b + 1] : page.tokens.length;
    for (let i = page.blockStarts[b]; i < end; i++) {
      if (page.tokens[i] === BREAK) continue;
      out.push(i);
      break;
    }
  }
  return out;
}

/**
 * Drops the navigation words of the site's pages (see above) in place, and returns their word ids. The pages keep
 * their tokens otherwise.
 */
export function dropNavigationWords(pages: BlockTokens[]): Set<number> {
  const pagesWith = new Map<number, number>();
  const edges = pages.map(edgeWordIndexes);
  pages.forEach((p, k) => {
    for (const id of new Set(edges[k].map((i) => p.tokens[i]))) pagesWith.set(id, (pagesWith.get(id) ?? 0) + 1);
  });
  const need = Math.max(NAV_MIN_PAGES, Math.ceil(NAV_MIN_PAGE_SHARE * pages.length));
  const nav = new Set([...pagesWith].filter(([, c]) => c >= need).map(([id]) => id));
  if (nav.size === 0) return nav;
  pages.forEach((p, k) => {
    for (const i of edges[k]) if (nav.has(p.tokens[i])) p.tokens[i] = BREAK;
  });
  return nav;
}
