import { describe, expect, it } from "vitest";
import { searchDeltas } from "@/lib/report/search-deltas";
import { withoutSearchData, type SearchDataSummary } from "@/lib/report/search-summary";
import type { ReportPage } from "@/lib/report/scan-report";

const used = (startDate: string, endDate: string): SearchDataSummary => ({ ...withoutSearchData(), used: true, startDate, endDate });
const page = (path: string, clicks: number | null, impressions: number | null) =>
  ({ url: `https://example.com${path}`, ...(clicks === null ? {} : { search: { clicks, impressions, ctr: null, position: null } }) }) as unknown as ReportPage;

describe("search deltas between two scans", () => {
  it("lists pages in both scans whose clicks or impressions moved, the biggest click change first", () => {
    const d = searchDeltas(
      { pages: [page("/a", 10, 100), page("/b", 5, 50), page("/c", 3, 30), page("/gone", 9, 9)], searchData: used("2026-09-01", "2026-09-28") },
      { pages: [page("/a", 12, 90), page("/b", 25, 50), page("/c", 3, 30), page("/new", 1, 1)], searchData: used("2026-10-01", "2026-10-28") },
    );
    expect(d?.previous).toEqual({ startDate: "2026-09-01", endDate: "2026-09-28" });
    expect(d?.pages.map((p) => [p.url.slice(19), p.clicks.delta, p.impressions.delta])).toEqual([["/b", 20, 0], ["/a", 2, -10]]);
  });

  it("is null when either scan had no search data (or only GA4 data)", () => {
    expect(searchDeltas({ pages: [page("/a", 1, 1)] }, { pages: [page("/a", 2, 2)], searchData: used("2026-10-01", "2026-10-28") })).toBeNull();
    expect(searchDeltas({ pages: [page("/a", null, null)], searchData: used("a", "b") }, { pages: [page("/a", 2, 2)], searchData: used("a", "b") })).toBeNull();
  });
});
