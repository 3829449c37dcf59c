import type { Corpus } from "./tokenize";

/** One sparse row: column indices ascending, values L2-normalised. */
export interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

export interface TfidfMatrix {
  rows: SparseRow[];
  /** phrase key of each column */
  columns: number[];
  idf: Float64Array;
}

// Title and H1 words say what a page is about more than body words; headings in between.
// The usual field boosts of search engines (BM25F-style weights 2-3x) are the source.
export const TITLE_BOOST = 3;
export const HEADING_BOOST = 2;
// Terms in more than half the pages are site vocabulary, not topic vocabulary (standard max_df=0.5).
export const MAX_DF_RATIO = 0.5;
// Below this many pages every page may be about one thing; the max_df cut applies from here up.
export const MAX_DF_MIN_PAGES = 10;
// Largest vocabulary kept (by document frequency); 2^15 columns keep 20k pages in memory.
export const MAX_VOCABULARY = 1 << 15;

function docPhraseCounts(corpus: Corpus, i: number): Map<number, number> {
  const b = corpus.bags[i];
  const counts = new Map<number, number>();
  const add = (bag: { ids: Int32Array; counts: Float64Array }, w: number) => {
    for (let t = 0; t < bag.ids.length; t++) counts.set(bag.ids[t], (counts.get(bag.ids[t]) ?? 0) + w * bag.counts[t]);
  };
  add(b.body, 1);
  add(b.title, TITLE_BOOST);
  add(b.headings, HEADING_BOOST);
  return counts;
}

/**
 * TF-IDF over unigrams and bigrams with sublinear tf (1 + ln tf) and smooth idf, rows L2-normalised
 * (Salton & Buckley 1988; the scikit-learn defaults).
 */
export function buildTfidf(corpus: Corpus): TfidfMatrix {
  const n = corpus.docs.length;
  const perDoc: Map<number, number>[] = [];
  const dfArr = new Int32Array(corpus.phraseKeys.length);
  for (let i = 0; i < n; i++) {
    const counts = docPhraseCounts(corpus, i);
    perDoc.push(counts);
    for (const k of counts.keys()) dfArr[k]++;
  }
  const df = new Map<number, number>();
  dfArr.forEach((d, k) => d > 0 && df.set(k, d));
  // Small sites keep every term; larger ones drop terms seen on one page only (they cannot link pages).
  const minDf = n >= 20 ? 2 : 1;
  const maxDf = n >= MAX_DF_MIN_PAGES ? Math.max(2, Math.floor(n * MAX_DF_RATIO)) : n;
  let kept = [...df.entries()].filter(([, d]) => d >= minDf && d <= maxDf);
  if (kept.length === 0) kept = [...df.entries()];
  kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  kept = kept.slice(0, MAX_VOCABULARY);
  kept.sort((a, b) => a[0] - b[0]);
  const column = new Map<number, number>();
  const columns: number[] = [];
  const idf = new Float64Array(kept.length);
  kept.forEach(([k, d], j) => {
    column.set(k, j);
    columns.push(corpus.phraseKeys[k]);
    idf[j] = Math.log((1 + n) / (1 + d)) + 1;
  });
  const rows: SparseRow[] = perDoc.map((counts) => {
    const entries: [number, number][] = [];
    for (const [k, c] of counts) {
      const j = column.get(k);
      if (j !== undefined) entries.push([j, (1 + Math.log(c)) * idf[j]]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const idx = new Int32Array(entries.length);
    const val = new Float64Array(entries.length);
    let norm = 0;
    entries.forEach(([j, v], t) => {
      idx[t] = j;
      val[t] = v;
      norm += v * v;
    });
    norm = Math.sqrt(norm) || 1;
    for (let t = 0; t < val.length; t++) val[t] /= norm;
    return { idx, val };
  });
  return { rows, columns, idf };
}

export function sparseDot(a: SparseRow, b: SparseRow): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i];
    const y = b.idx[j];
    if (x === y) {
      s += a.val[i++] * b.val[j++];
    } else if (x < y) i++;
    else j++;
  }
  return s;
}
