import type { ScanReport } from "./scan-report";

/** The part of a finished report the dashboard's overview shows. */
export type ReportHead = Pick<ScanReport, "site" | "searchData" | "languages">;

const CACHE_SIZE = 50;

/**
 * Finished reports never change, so the overview keeps their head (site section, search data, languages) instead of
 * unpacking the whole report per view. The oldest entry goes when the cache is full.
 */
export class ReportHeadCache {
  private readonly heads = new Map<string, ReportHead>();
  constructor(private readonly size = CACHE_SIZE) {}

  /** The head of a scan's report, read through `load` (the stored report) the first time. */
  async get(scanId: string, load: (scanId: string) => Promise<ScanReport | null>): Promise<ReportHead | null> {
    const hit = this.heads.get(scanId);
    if (hit) return hit;
    const report = await load(scanId);
    if (!report) return null;
    if (this.heads.size >= this.size) this.heads.delete(this.heads.keys().next().value as string);
    const head = { site: report.site, searchData: report.searchData, languages: report.languages };
    this.heads.set(scanId, head);
    return head;
  }
}
