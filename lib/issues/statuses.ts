import { compareCodes, issueType } from "./catalogue";
import type { Issue, IssueOccurrence, IssueStatusRecord, IssueStatusValue, IssuesSummary, Severity } from "./types";

/** The key of a status set on every page of a code. */
export const WHOLE_CODE = "";

const STATUS_ORDER: Record<IssueStatusValue, number> = { open: 0, ignored: 1, resolved: 2 };

export type StatusLookup = (code: string, key: string) => IssueStatusRecord | undefined;

/** Statuses by (code, key); a page's own status wins over one set on the whole code. */
export function statusLookup(records: IssueStatusRecord[]): StatusLookup {
  const map = new Map(records.map((r) => [`${r.code}\n${r.key}`, r]));
  return (code, key) => map.get(`${code}\n${key}`) ?? map.get(`${code}\n${WHOLE_CODE}`);
}

export function statusOf(lookup: StatusLookup, o: Pick<IssueOccurrence, "code" | "key">): IssueStatusValue {
  return lookup(o.code, o.key)?.status ?? "open";
}

/**
 * The statuses a new scan reopens: a resolved issue the scan found again. Only a status set before the scan started
 * counts (a crawl that began before someone marked the fix cannot have seen it). A status on the whole code reopens as
 * a whole. Returns the (code, key) records to set back to open, each once.
 */
export function statusesToReopen(occurrences: IssueOccurrence[], records: IssueStatusRecord[], scanStartedAt: Date): { code: string; key: string }[] {
  const lookup = statusLookup(records);
  const out = new Map<string, { code: string; key: string }>();
  for (const o of occurrences) {
    const r = lookup(o.code, o.key);
    if (r?.status !== "resolved" || r.updatedAt.getTime() >= scanStartedAt.getTime()) continue;
    out.set(`${r.code}\n${r.key}`, { code: r.code, key: r.key });
  }
  return [...out.values()];
}

/** The report's issues[]: one entry per code and status, errors first, with the pages of that status. */
export function issueList(occurrences: IssueOccurrence[], lookup: StatusLookup): Issue[] {
  const groups = new Map<string, Issue>();
  const listed = new Map<Issue, Set<string>>();
  for (const o of occurrences) {
    const status = statusOf(lookup, o);
    const id = `${o.code}\n${status}`;
    let g = groups.get(id);
    if (!g) {
      const t = issueType(o.code);
      groups.set(id, (g = { code: o.code, severity: t.severity, title: t.title, why: t.why, howToFix: t.howToFix, pageUrls: [], status, count: 0, items: [] }));
      listed.set(g, new Set());
    }
    g.count++;
    const urls = listed.get(g)!;
    if (o.pageUrl && !urls.has(o.pageUrl)) {
      urls.add(o.pageUrl);
      g.pageUrls.push(o.pageUrl);
    }
    g.items.push({ key: o.key, pageUrl: o.pageUrl, detail: o.detail });
  }
  return [...groups.values()].sort((a, b) => compareCodes(a.code, b.code) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
}

export const HEALTH_FORMULA = "health = 100 * (pages without an open error) / pages; ignored and resolved issues, warnings and notices do not count";

/**
 * The audit health score (0-100): the share of the report's pages (crawled HTML pages with status 200) that have no
 * open error, the convention of site-audit tools. An ignored or resolved issue leaves this score; the Topical Authority
 * score measures the site itself and no status changes it.
 */
export function issuesSummary(occurrences: IssueOccurrence[], lookup: StatusLookup, pageUrls: string[]): IssuesSummary {
  const pages = new Set(pageUrls);
  const withErrors = new Set<string>();
  const open: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  let ignored = 0;
  let resolved = 0;
  for (const o of occurrences) {
    const status = statusOf(lookup, o);
    if (status === "ignored") ignored++;
    else if (status === "resolved") resolved++;
    else {
      const severity = issueType(o.code).severity;
      open[severity]++;
      if (severity === "error" && o.pageUrl && pages.has(o.pageUrl)) withErrors.add(o.pageUrl);
    }
  }
  const health = pages.size ? Math.round((1000 * (pages.size - withErrors.size)) / pages.size) / 10 : 100;
  return { health, pages: pages.size, pagesWithOpenErrors: withErrors.size, open, ignored, resolved };
}

/** Issues in the current scan and not the previous one (new), and the other way round (resolved since). */
export function issueChanges(previous: IssueOccurrence[], current: IssueOccurrence[]): { new: IssueOccurrence[]; resolved: IssueOccurrence[] } {
  const id = (o: IssueOccurrence) => `${o.code}\n${o.key}`;
  const before = new Set(previous.map(id));
  const now = new Set(current.map(id));
  const order = (a: IssueOccurrence, b: IssueOccurrence) => compareCodes(a.code, b.code) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { new: current.filter((o) => !before.has(id(o))).sort(order), resolved: previous.filter((o) => !now.has(id(o))).sort(order) };
}
