import { issueChanges, issueType } from "../issues";
import type { IssueOccurrence, Severity } from "../issues/types";
import type { ScanReport } from "./scan-report";
import { searchDeltas, type SearchDeltas } from "./search-deltas";

/**
 * The change report between two scans of one site: a pure comparison of two scan reports plus, for each scan, the
 * content hash and status of every fetched URL and its content links. No database, clock or network.
 */
export interface ScanSnapshot {
  report: Pick<ScanReport, "scan" | "site" | "topics" | "pages"> & { searchData?: ScanReport["searchData"] };
  /** every fetched URL of the scan (any status) with its content hash */
  pages: { url: string; status: number; contentHash: string | null }[];
  links: { fromUrl: string; toUrl: string; position: string }[];
  /** the scan's issues (scans made before issues were recorded have none) */
  issues?: IssueOccurrence[];
}

/** An issue that appeared or went away between the two scans. */
export interface IssueChange {
  code: string;
  severity: Severity;
  title: string;
  key: string;
  pageUrl: string | null;
  detail: string | null;
}

export interface TopicRef {
  topicId: number;
  label: string;
}

export interface TopicMatch {
  previousTopicId: number;
  previousLabel: string;
  topicId: number;
  label: string;
  sharedPages: number;
}

export interface MovedPage {
  url: string;
  fromTopicId: number | null;
  fromLabel: string | null;
  toTopicId: number | null;
  toLabel: string | null;
}

export interface TopicDrift {
  /** the same topic in both scans (one to one) */
  matched: TopicMatch[];
  appeared: TopicRef[];
  vanished: TopicRef[];
  /** a previous topic whose pages now form several topics */
  split: { previousTopicId: number; previousLabel: string; into: TopicRef[] }[];
  /** several previous topics whose pages now form one topic */
  merged: { topicId: number; label: string; from: TopicRef[] }[];
  /** pages present in both scans whose topic is not the continuation of their previous topic */
  movedPages: MovedPage[];
}

export interface ScoreDelta {
  previous: number;
  current: number;
  delta: number;
}

export interface ContentLink {
  fromUrl: string;
  toUrl: string;
}

export interface ChangeReport {
  scanId: string;
  previousScanId: string;
  siteUrl: string;
  pagesAdded: string[];
  pagesRemoved: string[];
  pagesChanged: string[];
  statusChanges: { url: string; from: number; to: number }[];
  topicDrift: TopicDrift;
  newOffTopic: string[];
  newOrphans: string[];
  linksLost: ContentLink[];
  linksGained: ContentLink[];
  scoreDeltas: { authority: ScoreDelta; core: ScoreDelta; input: ScoreDelta; forget: ScoreDelta; output: ScoreDelta };
  /** clicks and impressions per page, when both scans used Search Console data (null otherwise) */
  searchDeltas: SearchDeltas | null;
  /** issues the current scan found and the previous one did not (absent in change reports made before issues existed) */
  issuesNew?: IssueChange[];
  /** issues the previous scan found and the current one does not: resolved since */
  issuesResolved?: IssueChange[];
}

export type ChangeSummary = Record<
  "pagesAdded" | "pagesRemoved" | "pagesChanged" | "statusChanges" | "topicsAppeared" | "topicsVanished" | "topicsSplit" | "topicsMerged" | "pagesMovedTopic" | "newOffTopic" | "newOrphans" | "linksLost" | "linksGained" | "issuesNew" | "issuesResolved",
  number
> & { authorityDelta: number; searchPagesChanged: number };

/**
 * Two topics of consecutive scans are one lineage when at least this share of either topic's surviving pages is
 * shared: clustering reassigns a few border pages every run (one page of a three-page topic is a move, not a split),
 * while a real split or merge carries close to half of a topic.
 */
export const TOPIC_PAGE_OVERLAP = 0.4;
/** Topics that share no surviving page still continue each other when their keyphrases mostly agree (Jaccard). */
export const TOPIC_KEYPHRASE_OVERLAP = 0.5;

/** The pruning gate states why a page is off topic with a reason starting with this (lib/analyze/gates/pruning.ts). */
const OFF_TOPIC_REASON = "off-topic";

const byUrl = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const linkKey = (l: ContentLink) => `${l.fromUrl}\n${l.toUrl}`;

function contentLinks(links: ScanSnapshot["links"]): Map<string, ContentLink> {
  const out = new Map<string, ContentLink>();
  for (const l of links) {
    if (l.position !== "content" || l.fromUrl === l.toUrl) continue;
    const link = { fromUrl: l.fromUrl, toUrl: l.toUrl };
    out.set(linkKey(link), link);
  }
  return out;
}

function delta(previous: number, current: number): ScoreDelta {
  return { previous, current, delta: Math.round((current - previous) * 100) / 100 };
}

type ReportPage = ScanReport["pages"][number];

const isOffTopic = (p: ReportPage) => p.forget.reasons.some((r) => r.startsWith(OFF_TOPIC_REASON));

/** An orphan has no inbound content link; the start page and utility pages are reached by design, not through content. */
function isOrphan(p: ReportPage, startUrl: string): boolean {
  return p.inlinks === 0 && !p.isUtility && p.url !== startUrl;
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(a.map((x) => x.toLowerCase()));
  const sb = new Set(b.map((x) => x.toLowerCase()));
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  const union = sa.size + sb.size - inter;
  return union === 0 ? 0 : inter / union;
}

export function compareScans(previous: ScanSnapshot, current: ScanSnapshot): ChangeReport {
  const prevPages = new Map(previous.report.pages.map((p) => [p.url, p]));
  const curPages = new Map(current.report.pages.map((p) => [p.url, p]));
  const prevHash = new Map(previous.pages.map((p) => [p.url, p]));
  const curHash = new Map(current.pages.map((p) => [p.url, p]));

  const pagesAdded = [...curPages.keys()].filter((u) => !prevPages.has(u)).sort(byUrl);
  const pagesRemoved = [...prevPages.keys()].filter((u) => !curPages.has(u)).sort(byUrl);
  const common = [...curPages.keys()].filter((u) => prevPages.has(u)).sort(byUrl);
  const pagesChanged = common.filter((u) => {
    const a = prevHash.get(u)?.contentHash;
    const b = curHash.get(u)?.contentHash;
    return a != null && b != null && a !== b;
  });
  const statusChanges = [...curHash.values()]
    .filter((p) => prevHash.has(p.url) && prevHash.get(p.url)!.status !== p.status)
    .map((p) => ({ url: p.url, from: prevHash.get(p.url)!.status, to: p.status }))
    .sort((a, b) => byUrl(a.url, b.url));

  const startUrl = current.report.scan.url;
  const newOffTopic = [...curPages.values()]
    .filter((p) => isOffTopic(p) && !(prevPages.has(p.url) && isOffTopic(prevPages.get(p.url)!)))
    .map((p) => p.url)
    .sort(byUrl);
  const newOrphans = [...curPages.values()]
    .filter((p) => isOrphan(p, startUrl) && !(prevPages.has(p.url) && isOrphan(prevPages.get(p.url)!, previous.report.scan.url)))
    .map((p) => p.url)
    .sort(byUrl);

  const prevLinks = contentLinks(previous.links);
  const curLinks = contentLinks(current.links);
  const sortLinks = (a: ContentLink, b: ContentLink) => byUrl(linkKey(a), linkKey(b));
  const linksLost = [...prevLinks.entries()].filter(([k]) => !curLinks.has(k)).map(([, l]) => l).sort(sortLinks);
  const linksGained = [...curLinks.entries()].filter(([k]) => !prevLinks.has(k)).map(([, l]) => l).sort(sortLinks);

  const s0 = previous.report.site;
  const s1 = current.report.site;
  const issues = previous.issues && current.issues ? issueChanges(previous.issues, current.issues) : { new: [], resolved: [] };
  const issueChange = (o: IssueOccurrence): IssueChange => ({ code: o.code, severity: issueType(o.code).severity, title: issueType(o.code).title, key: o.key, pageUrl: o.pageUrl, detail: o.detail });
  return {
    scanId: current.report.scan.id,
    previousScanId: previous.report.scan.id,
    siteUrl: startUrl,
    pagesAdded,
    pagesRemoved,
    pagesChanged,
    statusChanges,
    topicDrift: topicDrift(previous.report, current.report, common, prevPages, curPages),
    newOffTopic,
    newOrphans,
    linksLost,
    linksGained,
    scoreDeltas: {
      authority: delta(s0.authority, s1.authority),
      core: delta(s0.gates.core, s1.gates.core),
      input: delta(s0.gates.input, s1.gates.input),
      forget: delta(s0.gates.forget, s1.gates.forget),
      output: delta(s0.gates.output, s1.gates.output),
    },
    searchDeltas: searchDeltas(previous.report, current.report),
    issuesNew: issues.new.map(issueChange),
    issuesResolved: issues.resolved.map(issueChange),
  };
}

function topicDrift(
  previous: ScanSnapshot["report"],
  current: ScanSnapshot["report"],
  common: string[],
  prevPages: Map<string, ReportPage>,
  curPages: Map<string, ReportPage>,
): TopicDrift {
  const prevTopics = new Map(previous.topics.map((t) => [t.id, t]));
  const curTopics = new Map(current.topics.map((t) => [t.id, t]));
  const ref = (t: { id: number; label: string }): TopicRef => ({ topicId: t.id, label: t.label });

  // pages of each topic that exist in both scans, and the pairs of topics they connect
  const prevSize = new Map<number, number>();
  const curSize = new Map<number, number>();
  const shared = new Map<string, number>();
  for (const url of common) {
    const a = prevPages.get(url)!.topicId;
    const b = curPages.get(url)!.topicId;
    if (a !== null) prevSize.set(a, (prevSize.get(a) ?? 0) + 1);
    if (b !== null) curSize.set(b, (curSize.get(b) ?? 0) + 1);
    if (a !== null && b !== null) shared.set(`${a}:${b}`, (shared.get(`${a}:${b}`) ?? 0) + 1);
  }

  const edges: { p: number; c: number; shared: number }[] = [];
  for (const p of prevTopics.values()) {
    for (const c of curTopics.values()) {
      const n = shared.get(`${p.id}:${c.id}`) ?? 0;
      const linked =
        n > 0
          ? n / (prevSize.get(p.id) || 1) >= TOPIC_PAGE_OVERLAP || n / (curSize.get(c.id) || 1) >= TOPIC_PAGE_OVERLAP
          : !prevSize.get(p.id) && !curSize.get(c.id) && jaccard(p.keyphrases, c.keyphrases) >= TOPIC_KEYPHRASE_OVERLAP;
      if (linked) edges.push({ p: p.id, c: c.id, shared: n });
    }
  }
  const outs = (p: number) => edges.filter((e) => e.p === p);
  const ins = (c: number) => edges.filter((e) => e.c === c);

  const matched: TopicMatch[] = edges
    .filter((e) => outs(e.p).length === 1 && ins(e.c).length === 1)
    .map((e) => ({ previousTopicId: e.p, previousLabel: prevTopics.get(e.p)!.label, topicId: e.c, label: curTopics.get(e.c)!.label, sharedPages: e.shared }));
  const split = [...prevTopics.values()]
    .filter((p) => outs(p.id).length > 1)
    .map((p) => ({ previousTopicId: p.id, previousLabel: p.label, into: outs(p.id).map((e) => ref(curTopics.get(e.c)!)) }));
  const merged = [...curTopics.values()]
    .filter((c) => ins(c.id).length > 1)
    .map((c) => ({ topicId: c.id, label: c.label, from: ins(c.id).map((e) => ref(prevTopics.get(e.p)!)) }));
  const appeared = [...curTopics.values()].filter((c) => ins(c.id).length === 0).map(ref);
  const vanished = [...prevTopics.values()].filter((p) => outs(p.id).length === 0).map(ref);

  // a page stays put when it sits in the main continuation (most shared pages) of its previous topic
  const continuation = new Map<number, number>();
  for (const p of prevTopics.keys()) {
    const best = outs(p).sort((a, b) => b.shared - a.shared || a.c - b.c)[0];
    if (best) continuation.set(p, best.c);
  }
  const label = (topics: Map<number, { label: string }>, id: number | null) => (id === null ? null : (topics.get(id)?.label ?? null));
  const movedPages: MovedPage[] = [];
  for (const url of common) {
    const from = prevPages.get(url)!.topicId;
    const to = curPages.get(url)!.topicId;
    const expected = from === null ? null : (continuation.get(from) ?? undefined);
    if (to === expected || (from === null && to === null)) continue;
    movedPages.push({ url, fromTopicId: from, fromLabel: label(prevTopics, from), toTopicId: to, toLabel: label(curTopics, to) });
  }
  return { matched, appeared, vanished, split, merged, movedPages };
}

export function summarizeChanges(r: ChangeReport): ChangeSummary {
  return {
    pagesAdded: r.pagesAdded.length,
    pagesRemoved: r.pagesRemoved.length,
    pagesChanged: r.pagesChanged.length,
    statusChanges: r.statusChanges.length,
    topicsAppeared: r.topicDrift.appeared.length,
    topicsVanished: r.topicDrift.vanished.length,
    topicsSplit: r.topicDrift.split.length,
    topicsMerged: r.topicDrift.merged.length,
    pagesMovedTopic: r.topicDrift.movedPages.length,
    newOffTopic: r.newOffTopic.length,
    newOrphans: r.newOrphans.length,
    linksLost: r.linksLost.length,
    linksGained: r.linksGained.length,
    issuesNew: r.issuesNew?.length ?? 0,
    issuesResolved: r.issuesResolved?.length ?? 0,
    authorityDelta: r.scoreDeltas.authority.delta,
    searchPagesChanged: r.searchDeltas?.pages.length ?? 0,
  };
}
