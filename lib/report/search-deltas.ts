import type { ScanReport } from "./scan-report";

/** Change of one number between two scans (the change report's ScoreDelta shape). */
interface Delta {
  previous: number;
  current: number;
  delta: number;
}

export interface PageSearchDelta {
  url: string;
  clicks: Delta;
  impressions: Delta;
}

/**
 * Clicks and impressions per page between two scans that both used Search Console data: the pages in both scans whose
 * numbers moved, the biggest change in clicks first. The periods say what is compared (two scans that used the same
 * import show no change).
 */
export interface SearchDeltas {
  previous: { startDate: string | null; endDate: string | null };
  current: { startDate: string | null; endDate: string | null };
  pages: PageSearchDelta[];
}

type Report = Pick<ScanReport, "pages"> & { searchData?: ScanReport["searchData"] };

const delta = (previous: number, current: number): Delta => ({ previous, current, delta: current - previous });

/** null when either scan had no Search Console data (reports made before search data existed have none). */
export function searchDeltas(previous: Report, current: Report): SearchDeltas | null {
  if (!previous.searchData?.used || !current.searchData?.used) return null;
  const before = new Map(previous.pages.filter((p) => p.search?.clicks != null).map((p) => [p.url, p.search!]));
  if (before.size === 0) return null;
  const pages: PageSearchDelta[] = [];
  let currentHasConsole = false;
  for (const p of current.pages) {
    if (p.search?.clicks == null) continue;
    currentHasConsole = true;
    const b = before.get(p.url);
    if (!b) continue;
    const clicks = delta(b.clicks ?? 0, p.search.clicks);
    const impressions = delta(b.impressions ?? 0, p.search.impressions ?? 0);
    if (clicks.delta !== 0 || impressions.delta !== 0) pages.push({ url: p.url, clicks, impressions });
  }
  if (!currentHasConsole) return null;
  pages.sort((a, b) => Math.abs(b.clicks.delta) - Math.abs(a.clicks.delta) || Math.abs(b.impressions.delta) - Math.abs(a.impressions.delta) || (a.url < b.url ? -1 : 1));
  const period = (r: Report) => ({ startDate: r.searchData?.startDate ?? null, endDate: r.searchData?.endDate ?? null });
  return { previous: period(previous), current: period(current), pages };
}
