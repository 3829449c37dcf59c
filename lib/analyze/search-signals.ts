import type { PageSearchAggregate, SearchAggregates } from "./search-aggregates";

/**
 * What search data says about each page, as inputs the gates can decide with: which pages have search value, which
 * are seen but not clicked, which queries sit just off the first page, which link targets have demand. Pure.
 * Thresholds scale with the period the data covers and compare a page with the site's own pages, not with fixed
 * industry click-through rates.
 */

export interface SearchSignalOptions {
  /** days the data covers; null when the file did not say */
  days: number | null;
  /** a page with at least this many clicks over the period has search value */
  minClicks: number;
  /** ... or at least this many impressions (or GA4 sessions) per day of the period */
  minImpressionsPerDay: number;
  /** positions of a "quick win": the end of the first results page and the second */
  quickWinPositions: [number, number];
  /** a CTR under this share of the site's median CTR at the same position is low */
  lowCtrRatio: number;
  /** pages of one position band needed before the site's median CTR of that band is trusted */
  minPagesPerBand: number;
}

export const SEARCH_SIGNAL_DEFAULTS: SearchSignalOptions = {
  days: null,
  // Content audits keep any page that earns clicks ("no traffic" is the pruning criterion in the usual audit method)
  minClicks: 1,
  // One impression a day on average: the page is shown for some query most days of the period.
  minImpressionsPerDay: 1,
  // From the brief: positions 8-20 are the bottom of page one and page two, where a small gain in position moves a
  // query onto the part of page one that gets clicked.
  quickWinPositions: [8, 20],
  // Half the site's own median CTR at the same position: far enough below that title and description are the likely
  // cause, not the normal spread between pages. A prior, not tuned: no evaluation site here has search data.
  lowCtrRatio: 0.5,
  minPagesPerBand: 5,
};

/** Search Console's export covers the last 3 months by default: the period assumed when a file does not say. */
export const UNKNOWN_PERIOD_DAYS = 90;

export function resolveSignalOptions(partial: Partial<SearchSignalOptions> = {}): SearchSignalOptions {
  return { ...SEARCH_SIGNAL_DEFAULTS, ...partial };
}

/** Days from startDate to endDate inclusive (YYYY-MM-DD), or null. */
export function periodDays(startDate: string | null, endDate: string | null): number | null {
  if (!startDate || !endDate) return null;
  const ms = Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`);
  return Number.isFinite(ms) && ms >= 0 ? Math.round(ms / 86_400_000) + 1 : null;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export interface SearchValue {
  url: string;
  hasValue: boolean;
  clicks: number | null;
  impressions: number | null;
  sessions: number | null;
  /** the numbers in words, for a reason: "38 clicks, 1,204 impressions (avg. position 7.2) over 28 days" */
  evidence: string;
}

export function impressionFloor(o: SearchSignalOptions): number {
  return o.minImpressionsPerDay * (o.days ?? UNKNOWN_PERIOD_DAYS);
}

function evidenceOf(p: PageSearchAggregate, o: SearchSignalOptions): string {
  const parts: string[] = [];
  if (p.clicks !== null) parts.push(`${fmt(p.clicks)} clicks, ${fmt(p.impressions ?? 0)} impressions${p.position !== null ? ` (avg. position ${p.position.toFixed(1)})` : ""}`);
  if (p.sessions !== null) parts.push(`${fmt(p.sessions)} sessions`);
  return `${parts.join("; ")} ${o.days ? `over ${o.days} days` : "over the imported period"}`;
}

/**
 * Whether each page has search value: clicks, or impressions or sessions above the floor. A page with value is
 * never pruned (update or merge it instead, with this evidence as the reason); only pages without it may be pruned.
 * Empty when there is no data at all (decisions then stay as without search data).
 */
export function searchValues(agg: SearchAggregates, options: Partial<SearchSignalOptions> = {}): Map<string, SearchValue> {
  const o = resolveSignalOptions(options);
  const out = new Map<string, SearchValue>();
  if (!agg.hasSearchConsole && !agg.hasTraffic) return out;
  const floor = impressionFloor(o);
  for (const p of agg.pages.values()) {
    const hasValue = (p.clicks ?? 0) >= o.minClicks || (p.impressions ?? 0) >= floor || (p.sessions ?? 0) >= floor;
    out.set(p.url, { url: p.url, hasValue, clicks: p.clicks, impressions: p.impressions, sessions: p.sessions, evidence: evidenceOf(p, o) });
  }
  return out;
}

/** Position bands for comparing CTRs: each of 1-10 alone, then 11-20, then beyond. */
export function positionBand(position: number): string {
  const r = Math.max(1, Math.round(position));
  return r <= 10 ? String(r) : r <= 20 ? "11-20" : "21+";
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface LowCtrPage {
  url: string;
  ctr: number;
  /** the site's median CTR of pages at the same position band */
  expectedCtr: number;
  impressions: number;
  position: number;
  evidence: string;
}

/** Pages shown often but clicked far less than the site's pages at the same position: "update title/description". */
export function lowCtrPages(agg: SearchAggregates, options: Partial<SearchSignalOptions> = {}): LowCtrPage[] {
  const o = resolveSignalOptions(options);
  const floor = impressionFloor(o);
  const seen = [...agg.pages.values()].filter((p) => p.impressions !== null && p.impressions >= floor && p.position !== null && p.ctr !== null);
  const bands = new Map<string, number[]>();
  for (const p of seen) {
    const b = positionBand(p.position as number);
    bands.set(b, [...(bands.get(b) ?? []), p.ctr as number]);
  }
  const expected = new Map([...bands].filter(([, v]) => v.length >= o.minPagesPerBand).map(([b, v]) => [b, median(v)]));
  const out: LowCtrPage[] = [];
  for (const p of seen) {
    const e = expected.get(positionBand(p.position as number));
    if (e === undefined || e <= 0 || (p.ctr as number) >= o.lowCtrRatio * e) continue;
    out.push({
      url: p.url, ctr: p.ctr as number, expectedCtr: e, impressions: p.impressions as number, position: p.position as number,
      evidence: `CTR ${((p.ctr as number) * 100).toFixed(1)}% on ${fmt(p.impressions as number)} impressions at position ${(p.position as number).toFixed(1)}, where the site's pages get ${(e * 100).toFixed(1)}%`,
    });
  }
  return out.sort((a, b) => b.impressions * (b.expectedCtr - b.ctr) - a.impressions * (a.expectedCtr - a.ctr) || (a.url < b.url ? -1 : 1));
}

export interface QuickWin {
  /** null when only page totals are known */
  query: string | null;
  url: string;
  position: number;
  impressions: number;
  clicks: number;
  evidence: string;
}

/** Queries (or, without query data, pages) ranking at positions 8-20 with impressions above the floor: the page to improve. */
export function quickWins(agg: SearchAggregates, options: Partial<SearchSignalOptions> = {}): QuickWin[] {
  const o = resolveSignalOptions(options);
  const [lo, hi] = o.quickWinPositions;
  const floor = impressionFloor(o);
  const inRange = (pos: number | null, impressions: number) => pos !== null && pos >= lo && pos <= hi && impressions >= floor;
  const out: QuickWin[] = [];
  for (const p of agg.pages.values()) {
    if (agg.hasQueries) {
      for (const q of p.queries) {
        if (inRange(q.position, q.impressions)) out.push({ query: q.query, url: p.url, position: q.position as number, impressions: q.impressions, clicks: q.clicks, evidence: `"${q.query}" at position ${(q.position as number).toFixed(1)} with ${fmt(q.impressions)} impressions and ${fmt(q.clicks)} clicks` });
      }
    } else if (p.impressions !== null && inRange(p.position, p.impressions)) {
      out.push({ query: null, url: p.url, position: p.position as number, impressions: p.impressions, clicks: p.clicks ?? 0, evidence: `position ${(p.position as number).toFixed(1)} with ${fmt(p.impressions)} impressions and ${fmt(p.clicks ?? 0)} clicks` });
    }
  }
  return out.sort((a, b) => b.impressions - a.impressions || a.position - b.position || (a.url < b.url ? -1 : 1));
}

/**
 * How much each page would gain from more internal links, 0-1: pages Google already shows (impressions) but ranks
 * weakly gain most; top-3 pages and pages nobody sees gain nothing. Link suggestions can add it to a target's need.
 */
export function linkTargetDemand(agg: SearchAggregates, options: Partial<SearchSignalOptions> = {}): Map<string, number> {
  const o = resolveSignalOptions(options);
  const floor = impressionFloor(o);
  const [, hi] = o.quickWinPositions;
  const shown = [...agg.pages.values()].filter((p) => p.impressions !== null && p.impressions >= floor && p.position !== null);
  const maxLog = Math.max(0, ...shown.map((p) => Math.log1p(p.impressions as number)));
  const out = new Map<string, number>();
  for (const p of shown) {
    // positions 1-3 take most clicks already; past the second page the same links move a page less
    const weakness = Math.min(1, Math.max(0, ((p.position as number) - 3) / (hi - 3)));
    const demand = maxLog > 0 ? (Math.log1p(p.impressions as number) / maxLog) * weakness : 0;
    if (demand > 0) out.set(p.url, demand);
  }
  return out;
}
