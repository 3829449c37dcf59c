import crypto from "node:crypto";

/** Whitespace collapsed and lower-cased: two pages with the same words in the same order hash the same. */
export function normalizeForHash(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

export function contentHash(text: string): string {
  return crypto.createHash("sha256").update(normalizeForHash(text)).digest("hex");
}

/** Word count, exact hash and SimHash of a main text whose blocks are already whitespace-collapsed (one pass over the words). */
export function fingerprintText(text: string): { wordCount: number; contentHash: string; simhash: string } {
  const w = words(text);
  return {
    wordCount: w.length,
    contentHash: crypto.createHash("sha256").update(text.replace(/\n/g, " ").toLowerCase()).digest("hex"),
    simhash: simhashOfWords(w),
  };
}

// FNV-1a 32-bit with two offset bases gives the two halves of a 64-bit feature hash without BigInt (BigInt is ~20x slower here).
function fnv1a(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Word 3-shingles: Charikar-style SimHash over shingles detects near-duplicates better than over single words. */
const SHINGLE = 3;

/**
 * 64-bit SimHash (Charikar 2002, as used by Manku et al. 2007 for web near-duplicates) of a text, as 16 hex chars.
 * Pages whose fingerprints differ in <= 3 bits are near-duplicates.
 */
export function simhash(text: string): string {
  return simhashOfWords(words(text));
}

/** Lower-cased letter/digit runs: the unit of word counts and fingerprints. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function simhashOfWords(words: string[]): string {
  const h1 = new Uint32Array(words.length);
  const h2 = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    h1[i] = fnv1a(words[i], 0x811c9dc5);
    h2[i] = fnv1a(words[i], 0x050c5d1f);
  }
  const v = new Int32Array(64);
  const n = words.length === 0 ? 0 : Math.max(1, words.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    // order-sensitive combination of the shingle's word hashes (multiply-xorshift mixing)
    let hi = 0x9e3779b9;
    let lo = 0x85ebca6b;
    for (let k = i; k < Math.min(words.length, i + SHINGLE); k++) {
      hi = Math.imul(hi ^ h1[k], 0x01000193);
      hi ^= hi >>> 15;
      lo = Math.imul(lo ^ h2[k], 0xc2b2ae35);
      lo ^= lo >>> 13;
    }
    for (let b = 0; b < 32; b++) {
      v[b] += ((hi >>> b) & 1) * 2 - 1;
      v[32 + b] += ((lo >>> b) & 1) * 2 - 1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b] > 0) hi |= 1 << b;
    if (v[32 + b] > 0) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}
