import { canonicalisedElsewhere } from "../analyze/link-graph";
import type { CrawledPage } from "./detect-crawl";
import type { Finding } from "./types";

/**
 * Issues of the pages themselves: what the four gates concluded (off-topic, cannibals, duplicates, orphans, thin and
 * stale pages, gaps) and what every audit checks on a page (title, description, noindex). Pure.
 */

export interface AuditedPage {
  url: string;
  title: string | null;
  noindex: boolean;
  canonical: string | null;
  isUtility: boolean;
  forget: { reasons: string[]; mergeInto?: string };
}

export interface PageFacts {
  /** the report's pages (every crawled HTML page with status 200) */
  pages: AuditedPage[];
  /** the crawl's view of the same pages (meta description) */
  crawled: Pick<CrawledPage, "url" | "metaDescription">[];
  topics: { id: number; label: string; pillarUrl: string | null }[];
  gaps: { topicId: number; keyphrase: string; evidence: string[] }[];
}

/**
 * The pruning gate's reasons (lib/analyze/gates/pruning.ts) by the words they start with. The gate keeps its verdicts
 * as sentences for people; these prefixes are the part of them that is a stable contract.
 */
const REASON_CODES: [prefix: string, code: string][] = [
  ["off-topic", "off_topic_page"],
  ["cannibalises", "cannibalisation"],
  ["near-duplicate of", "near_duplicate"],
  ["thin, and its text is on", "near_duplicate"],
  ["thin:", "thin_page"],
  ["orphan", "orphan_page"],
  ["stale:", "stale_page"],
];

/** Off-topic, cannibal, duplicate, thin, orphan and stale pages, as the gates found them. */
export function gateFindings(facts: PageFacts): Finding[] {
  const out: Finding[] = [];
  for (const p of facts.pages) {
    for (const reason of p.forget.reasons) {
      const hit = REASON_CODES.find(([prefix]) => reason.startsWith(prefix));
      if (hit) out.push({ code: hit[1], pageUrls: [p.url], detail: reason });
    }
  }
  return out;
}

const normTitle = (t: string) => t.replace(/\s+/g, " ").trim().toLowerCase();

/** Missing titles and descriptions, duplicate titles, noindex pages. Only indexable pages compete for titles. */
export function onPageFindings(facts: PageFacts): Finding[] {
  const out: Finding[] = [];
  const description = new Map(facts.crawled.map((p) => [p.url, p.metaDescription]));
  const byTitle = new Map<string, { title: string; urls: string[] }>();
  for (const p of facts.pages) {
    const title = p.title?.trim() ?? "";
    if (!title) out.push({ code: "missing_title", pageUrls: [p.url] });
    if (p.noindex) {
      out.push({ code: "noindex_page", pageUrls: [p.url] });
      continue;
    }
    if (canonicalisedElsewhere(p)) continue;
    if (!(description.get(p.url) ?? "").trim()) out.push({ code: "missing_description", pageUrls: [p.url] });
    if (title) {
      const k = normTitle(title);
      const g = byTitle.get(k);
      if (g) g.urls.push(p.url);
      else byTitle.set(k, { title, urls: [p.url] });
    }
  }
  for (const g of byTitle.values()) {
    if (g.urls.length < 2) continue;
    out.push({ code: "duplicate_title", pageUrls: g.urls, detail: `"${g.title}" is the title of ${g.urls.length} pages` });
  }
  return out;
}

/**
 * Content gaps: one per subtopic, kept by its keyphrase. The page is the topic's pillar, where the new page gets linked
 * from; the detail names the pages that mention the subject.
 */
export function gapFindings(facts: PageFacts): { key: string; finding: Finding }[] {
  const topics = new Map(facts.topics.map((t) => [t.id, t]));
  return facts.gaps.map((g) => {
    const topic = topics.get(g.topicId);
    const page = topic?.pillarUrl ?? g.evidence[0] ?? null;
    const mentions = g.evidence.slice(0, 3).join(", ") + (g.evidence.length > 3 ? ` and ${g.evidence.length - 3} more` : "");
    return {
      key: `${topic?.label ?? g.topicId}: ${g.keyphrase}`,
      finding: { code: "content_gap", pageUrls: page ? [page] : [], detail: `"${g.keyphrase}" (topic "${topic?.label ?? g.topicId}") is mentioned on ${mentions} without a page of its own` },
    };
  });
}
