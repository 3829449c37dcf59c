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
  const lower = text.toLowerCase();
  const w = wordHashes(lower);
  return {
    wordCount: w.count,
    // lower-casing maps neither to nor from "\n" or " ", so this is the hash of the text with newlines as spaces, lower-cased
    contentHash: crypto.createHash("sha256").update(lower.replace(/\n/g, " ")).digest("hex"),
    simhash: simhashOfHashes(w.h1, w.h2, w.count),
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
  return simhashOfHashes(h1, h2, words.length);
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/**
 * The words of `words()` (of an already lower-cased text) as their two FNV-1a hashes, without making the strings:
 * the word split and its allocations were the largest part of fingerprinting a page.
 */
function wordHashes(lower: string): { count: number; h1: Uint32Array; h2: Uint32Array } {
  let h1: Uint32Array = new Uint32Array(256);
  let h2: Uint32Array = new Uint32Array(256);
  let count = 0;
  let a = 0;
  let b = 0;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    let units = 1;
    let isWord: boolean;
    if (c < 0x80) isWord = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < lower.length && (lower.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      units = 2;
      isWord = WORD_CHAR.test(lower.slice(i, i + 2));
    } else isWord = WORD_CHAR.test(lower[i]);
    if (!isWord) {
      if (inWord) {
        if (count === h1.length) [h1, h2] = [grow(h1), grow(h2)];
        h1[count] = a;
        h2[count++] = b;
        inWord = false;
      }
      continue;
    }
    if (!inWord) {
      a = 0x811c9dc5;
      b = 0x050c5d1f;
      inWord = true;
    }
    for (let k = 0; k < units; k++) {
      const u = lower.charCodeAt(i + k);
      a = Math.imul(a ^ u, 0x01000193) >>> 0;
      b = Math.imul(b ^ u, 0x01000193) >>> 0;
    }
    i += units - 1;
  }
  if (inWord) {
    if (count === h1.length) [h1, h2] = [grow(h1), grow(h2)];
    h1[count] = a;
    h2[count++] = b;
  }
  return { count, h1, h2 };
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Bit counts over all shingles kept as 32-bit "vertical" counters (plane k holds bit k of every position's count), so
 * one shingle costs a few word operations instead of 64 additions; v[b] > 0 is then 2 * count[b] > shingles.
 */
function simhashOfHashes(h1: Uint32Array, h2: Uint32Array, words: number): string {
  const n = words === 0 ? 0 : Math.max(1, words - SHINGLE + 1);
  const hiPlanes = new Uint32Array(32);
  const loPlanes = new Uint32Array(32);
  for (let i = 0; i < n; i++) {
    // order-sensitive combination of the shingle's word hashes (multiply-xorshift mixing)
    let hi = 0x9e3779b9;
    let lo = 0x85ebca6b;
    for (let k = i; k < Math.min(words, i + SHINGLE); k++) {
      hi = Math.imul(hi ^ h1[k], 0x01000193);
      hi ^= hi >>> 15;
      lo = Math.imul(lo ^ h2[k], 0xc2b2ae35);
      lo ^= lo >>> 13;
    }
    for (let p = 0, carry = hi >>> 0; carry !== 0; p++) {
      const next = hiPlanes[p] & carry;
      hiPlanes[p] ^= carry;
      carry = next;
    }
    for (let p = 0, carry = lo >>> 0; carry !== 0; p++) {
      const next = loPlanes[p] & carry;
      loPlanes[p] ^= carry;
      carry = next;
    }
  }
  const planes = Math.max(1, Math.ceil(Math.log2(n + 1)));
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (2 * countAt(hiPlanes, planes, b) > n) hi |= 1 << b;
    if (2 * countAt(loPlanes, planes, b) > n) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

/** The count of shingles with `bit` set; counts never exceed the shingles, so only the first `planes` planes hold bits. */
function countAt(planes: Uint32Array, used: number, bit: number): number {
  let c = 0;
  for (let p = 0; p < used; p++) c += ((planes[p] >>> bit) & 1) * 2 ** p;
  return c;
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
