import type { PageTextStore, PageTextUpdate } from "./store";
import { fingerprintText } from "./fingerprint";

/**
 * A text block (paragraph, list item, cell...) found on at least this share of a site's HTML pages, and on at least
 * REPEATED_BLOCK_MIN_PAGES pages, is template text (cookie notes, "share this", author boxes) rather than content.
 * 30% keeps section-specific templates (a docs sidebar blurb on every page of one section) out of the main text
 * while phrases that merely recur ("See also") on a few pages survive.
 */
export const REPEATED_BLOCK_MIN_SHARE = 0.3;
export const REPEATED_BLOCK_MIN_PAGES = 3;
const BATCH = 500;

/** What Page.extra holds for this pass: hashes of the ORIGINAL blocks and which of them were removed. */
export interface BlockInfo {
  blockHashes?: string[];
  removedBlocks?: number[];
}

function blockInfo(extra: unknown): BlockInfo {
  return extra && typeof extra === "object" ? (extra as BlockInfo) : {};
}

/**
 * Removes blocks repeated across many pages from each page's stored main text and recomputes word count and hashes.
 * Idempotent and resumable: counts use the original block hashes kept in Page.extra, and each page records the
 * indexes already removed, so running it again (after more pages arrived, or after a crash midway) is correct.
 */
export async function removeRepeatedBlocks(store: PageTextStore, scanId: string): Promise<{ pages: number; repeatedBlocks: number; pagesChanged: number }> {
  const perBlock = new Map<string, number>();
  let pages = 0;
  for (let after = 0; ; ) {
    const rows = await store.listPageBlockHashes(scanId, after, BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      pages++;
      for (const h of new Set(blockInfo(r.extra).blockHashes ?? [])) perBlock.set(h, (perBlock.get(h) ?? 0) + 1);
    }
    after = rows[rows.length - 1].id;
  }
  const threshold = Math.max(REPEATED_BLOCK_MIN_PAGES, Math.ceil(pages * REPEATED_BLOCK_MIN_SHARE));
  const repeated = new Set([...perBlock].filter(([, n]) => n >= threshold).map(([h]) => h));
  if (repeated.size === 0) return { pages, repeatedBlocks: 0, pagesChanged: 0 };

  let pagesChanged = 0;
  for (let after = 0; ; ) {
    const rows = await store.listPageBlockHashes(scanId, after, BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    const toRemove = new Map<number, number[]>();
    for (const r of rows) {
      const info = blockInfo(r.extra);
      const removed = new Set(info.removedBlocks ?? []);
      const indexes = (info.blockHashes ?? []).map((h, i) => (repeated.has(h) && !removed.has(i) ? i : -1)).filter((i) => i >= 0);
      if (indexes.length > 0) toRemove.set(r.id, indexes);
    }
    if (toRemove.size === 0) continue;
    const updates: PageTextUpdate[] = [];
    for (const page of await store.listPageTexts([...toRemove.keys()])) {
      if (page.mainText === null) continue;
      const info = blockInfo(page.extra);
      const hashes = info.blockHashes ?? [];
      const removed = new Set(info.removedBlocks ?? []);
      const lines = page.mainText === "" ? [] : page.mainText.split("\n");
      const kept = hashes.map((_, i) => i).filter((i) => !removed.has(i));
      if (kept.length !== lines.length) continue; // text was changed by something else: leave it
      const nowRemoved = new Set([...removed, ...toRemove.get(page.id)!]);
      const text = kept.map((orig, k) => (nowRemoved.has(orig) ? null : lines[k])).filter((l): l is string => l !== null).join("\n");
      const fp = fingerprintText(text);
      updates.push({
        id: page.id,
        mainText: text,
        wordCount: fp.wordCount,
        contentHash: fp.contentHash,
        simhash: fp.simhash,
        extra: { ...(page.extra as object), removedBlocks: [...nowRemoved].sort((a, b) => a - b) },
      });
    }
    await store.updatePageTexts(updates);
    pagesChanged += updates.length;
  }
  return { pages, repeatedBlocks: repeated.size, pagesChanged };
}
