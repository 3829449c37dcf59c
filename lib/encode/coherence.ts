/**
 * Per-page coherence from the section readings, relative to the site: how well each section fits the rest of its page
 * (the page's own topic) and the other pages of the site (the site's language), and which sections drift: those whose
 * fit to their page is an outlier among all the site's sections. Pure: readings in, scores out.
 */
import type { SectionReading } from "./section-readings";

/** Robust z-score under which a section drifts: 3 scaled MADs below the site's median fit (Iglewicz & Hoaglin 1993 use 3.5 for outliers; 3 also catches a page's half written about something else). */
export const DRIFT_ROBUST_Z = 3;
/**
 * ...and at least this far (in cosine) below the median: on a site whose pages hold together tightly the MAD is tiny, and
 * a section that reads 0.1 less like its page is a nuance, not another subject.
 */
export const DRIFT_MIN_MARGIN = 0.5;
/** Other pages a section is compared with for its fit to the site: the mean of its closest few, so one twin page does not decide. */
export const SITE_NEIGHBOURS = 3;
/** Scale that makes the MAD estimate a normal distribution's standard deviation. */
const MAD_SCALE = 1.4826;

export interface SectionCoherence {
  heading: string;
  /** cosine with the rest of its page (centred on the site), -1..1; null on a one-section page */
  topicFit: number | null;
  /** mean cosine with the closest other pages of the site, -1..1 */
  siteFit: number;
  score: number;
  drifting: boolean;
}

export interface PageCoherence {
  /** token-weighted mean of the section scores, -1..1 */
  score: number;
  /** share of the page's tokens in drifting sections */
  driftingShare: number;
  sections: SectionCoherence[];
  driftingSections: { heading: string; score: number }[];
}

function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

function median(values: number[]): number {
  const s = [...values].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function weightedMean(vectors: { v: Float64Array; w: number }[], dim: number): Float64Array {
  const out = new Float64Array(dim);
  let total = 0;
  for (const { v, w } of vectors) {
    for (let i = 0; i < dim; i++) out[i] += v[i] * w;
    total += w;
  }
  if (total > 0) for (let i = 0; i < dim; i++) out[i] /= total;
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function scoreCoherence(pages: readonly SectionReading[][]): (PageCoherence | null)[] {
  const dim = pages.flat().find((s) => s.vector !== null)?.vector?.length ?? 0;
  if (dim === 0) return pages.map(() => null);
  const all = pages.flat().filter((s) => s.vector !== null);
  const mean = new Float64Array(dim);
  for (const s of all) for (let i = 0; i < dim; i++) mean[i] += (s.vector as Float32Array)[i] / all.length;
  const centred = pages.map((sections) =>
    sections.flatMap((s) => (s.vector === null ? [] : [{ heading: s.heading, w: Math.max(1, s.tokens), v: Float64Array.from(s.vector, (x, i) => x - mean[i]) }])),
  );
  const pageMeans = centred.map((sections) => (sections.length === 0 ? null : weightedMean(sections, dim)));

  const siteFit = (v: Float64Array, self: number): number => {
    const sims: number[] = [];
    pageMeans.forEach((m, j) => {
      if (m !== null && j !== self) sims.push(cosine(v, m));
    });
    sims.sort((a, b) => b - a);
    const top = sims.slice(0, SITE_NEIGHBOURS);
    return top.length === 0 ? 1 : top.reduce((a, b) => a + b, 0) / top.length;
  };
  const topicFits = centred.map((sections) =>
    sections.map((s, k) => (sections.length < 2 ? null : cosine(s.v, weightedMean(sections.filter((_, o) => o !== k), dim)))),
  );
  const observed = topicFits.flat().filter((x): x is number => x !== null);
  const centre = median(observed);
  const spread = MAD_SCALE * median(observed.map((x) => Math.abs(x - centre)));
  const driftBelow = centre - Math.max(DRIFT_ROBUST_Z * spread, DRIFT_MIN_MARGIN);

  return centred.map((sections, p) => {
    if (sections.length === 0) return null;
    const scored: SectionCoherence[] = sections.map((s, k) => {
      const topicFit = topicFits[p][k];
      const site = siteFit(s.v, p);
      const score = topicFit === null ? site : (topicFit + site) / 2;
      return { heading: s.heading, topicFit: topicFit === null ? null : round(topicFit), siteFit: round(site), score: round(score), drifting: topicFit !== null && topicFit < driftBelow };
    });
    const weight = sections.reduce((n, s) => n + s.w, 0);
    const driftingWeight = sections.reduce((n, s, k) => n + (scored[k].drifting ? s.w : 0), 0);
    return {
      score: round(scored.reduce((n, s, k) => n + s.score * sections[k].w, 0) / weight),
      driftingShare: round(driftingWeight / weight),
      sections: scored,
      driftingSections: scored.filter((s) => s.drifting).map((s) => ({ heading: s.heading, score: s.score })),
    };
  });
}
