import { queryGaps, queryTerms } from "../query-signals";
import type { SearchInput } from "../search-aggregates";
import type { AnalysisPage, GapResult } from "../types";
import type { CoreTopic } from "./cores";

/**
 * The input gate's gaps from search data: queries shown with impressions that no fitting page answers (no page, an
 * off-topic page, a page past the second results page, or past the first without being about it), each with the query's
 * figures as its evidence, placed in the topic the site would answer it from.
 */

/** Most query gaps reported: the ones with the most impressions. */
export const MAX_QUERY_GAPS = 50;

export function searchGaps(args: {
  search: SearchInput | undefined;
  pages: AnalysisPage[];
  topics: CoreTopic[];
  topicOf: Int32Array;
  offTopic: (i: number) => boolean;
}): GapResult[] {
  const { search, pages, topics, topicOf } = args;
  if (!search || !search.aggregates.hasQueries) return [];
  const index = new Map(pages.map((p, i) => [p.url, i]));
  const gapPages = pages.map((p, i) => ({
    url: p.url,
    title: p.title,
    headings: p.headings.filter((h) => h.level <= 2).map((h) => h.text),
    offTopic: args.offTopic(i),
  }));
  const gaps = queryGaps(search.aggregates, gapPages, { days: search.days }).slice(0, MAX_QUERY_GAPS);
  return gaps.map((g) => {
    const best = g.bestUrl === null ? undefined : index.get(g.bestUrl);
    const topicId = best !== undefined && topicOf[best] >= 0 && !args.offTopic(best) ? topicOf[best] : nearestTopic(queryTerms(g.query), pages, topics);
    return {
      topicId,
      keyphrase: g.query,
      evidence: g.bestUrl === null ? [] : [g.bestUrl],
      source: "query" as const,
      query: { impressions: g.impressions, clicks: g.clicks, position: g.bestPosition === null ? null : Math.round(g.bestPosition * 10) / 10, reason: g.reason, detail: g.evidence },
    };
  });
}

/** The topic (core first) with the most pages naming a query term in their title or headings; the first core topic when none does. */
function nearestTopic(terms: string[], pages: AnalysisPage[], topics: CoreTopic[]): number {
  const candidates = topics.filter((t) => t.offTopic === null);
  let best = candidates.find((t) => t.isCore) ?? candidates[0] ?? topics[0];
  let bestCount = 0;
  for (const t of candidates) {
    const count = t.members.filter((i) => {
      const text = `${pages[i].title ?? ""} ${pages[i].headings.map((h) => h.text).join(" ")}`.toLowerCase();
      return terms.some((w) => text.includes(w));
    }).length;
    if (count > bestCount || (count === bestCount && count > 0 && t.isCore && !best.isCore)) [best, bestCount] = [t, count];
  }
  return best?.id ?? 0;
}
