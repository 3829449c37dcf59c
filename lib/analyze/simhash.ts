/** 64-bit simhash fingerprints as 16-digit hex; Hamming distance and the pigeonhole buckets that find close pairs. */

function halves(hex: string): [number, number] | null {
  const h = hex.trim().toLowerCase().replace(/^0x/, "").padStart(16, "0");
  if (!/^[0-9a-f]{16}$/.test(h)) return null;
  return [parseInt(h.slice(0, 8), 16), parseInt(h.slice(8), 16)];
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits; Infinity when either fingerprint is not 64-bit hex. */
export function hammingDistance(a: string, b: string): number {
  const x = halves(a);
  const y = halves(b);
  if (x === null || y === null) return Infinity;
  return popcount32((x[0] ^ y[0]) >>> 0) + popcount32((x[1] ^ y[1]) >>> 0);
}

/**
 * Pairs of indices whose fingerprints differ in at most `maxDistance` bits. Splitting 64 bits into
 * maxDistance + 1 blocks guarantees two such fingerprints share one block exactly (pigeonhole,
 * Manku et al. 2007), so only pages sharing a block are compared.
 */
export function closeSimhashPairs(hashes: (string | null)[], maxDistance: number): [number, number][] {
  const blocks = Math.min(16, maxDistance + 1);
  const width = Math.ceil(16 / blocks);
  const buckets = new Map<string, number[]>();
  const normalised = hashes.map((h) => (h === null || halves(h) === null ? null : h.trim().toLowerCase().replace(/^0x/, "").padStart(16, "0")));
  normalised.forEach((h, i) => {
    if (h === null) return;
    for (let b = 0; b < blocks; b++) {
      const key = `${b}:${h.slice(b * width, (b + 1) * width)}`;
      let list = buckets.get(key);
      if (!list) buckets.set(key, (list = []));
      list.push(i);
    }
  });
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  for (const list of buckets.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x];
        const j = list[y];
        const key = `${i},${j}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (hammingDistance(normalised[i]!, normalised[j]!) <= maxDistance) pairs.push([i, j]);
      }
    }
  }
  return pairs;
}
