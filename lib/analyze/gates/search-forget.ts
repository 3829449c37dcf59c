import type { SearchDecisions } from "../search-decisions";
import type { ForgetAction } from "../types";
import type { MergeCandidate } from "./merge-targets";

/**
 * What search data changes in the forget gate. A page that earns clicks or is shown in search (see searchValues) is never
 * pruned: it is updated, or merged where another page says the same, with its numbers as the reason. Only pages without
 * search value over the period are pruned, and that is said too. A page shown often but clicked far less than the
 * site's pages at its position gets "update title/description". Pages splitting the clicks of their top queries
 * cannibalise each other, with the queries as evidence; where both pages have query data, the queries decide, and a
 * guess from similar titles and text alone is dropped.
 */

// A page kept for its search value asks at most for an update: its forget score is capped at the update level.
export const SEARCH_VALUE_MAX_SCORE = 0.5;
// Low click-through: the title and description need work, a lighter ask than thin content.
export const LOW_CTR_SEVERITY = 0.4;

/** Pages splitting the clicks of their top queries, the one with fewer clicks merging into the other. */
export function queryCannibals(search: SearchDecisions | null, mergeable: (i: number) => boolean): MergeCandidate[] {
  if (!search) return [];
  return search.cannibals
    .filter((p) => mergeable(p.a) && mergeable(p.b))
    .map((p) => ({ a: p.a, b: p.b, evidence: `shared top queries with split clicks: ${p.evidence}`, directed: true, kind: "cannibal" }));
}

/**
 * The merge candidates once query evidence is in: the query pairs, and the others except guesses from similar titles
 * and text between two pages that both have query data (their queries say whether they compete).
 */
export function withQueryEvidence(candidates: MergeCandidate[], byQueries: MergeCandidate[], search: SearchDecisions | null): MergeCandidate[] {
  if (!search) return candidates;
  const key = (p: MergeCandidate) => (p.a < p.b ? `${p.a},${p.b}` : `${p.b},${p.a}`);
  const paired = new Set(byQueries.map(key));
  const decided = (i: number) => search.hasQueries && search.hasQueryRows[i];
  const kept = candidates.filter((p) => !paired.has(key(p)) && !(p.kind === "cannibal" && decided(p.a) && decided(p.b)));
  return [...byQueries, ...kept];
}

export interface Decision {
  score: number;
  action: ForgetAction;
  reasons: string[];
}

/** The decision of page i once its search figures are read. */
export function withSearchData(d: Decision, i: number, search: SearchDecisions | null): Decision {
  if (!search) return d;
  const value = search.value[i];
  const low = search.lowCtr[i];
  const reasons = [...d.reasons];
  let { action, score } = d;
  if (value?.hasValue) {
    if (action === "prune") {
      action = "update";
      reasons.push(`search value: ${value.evidence}; not pruned: update it (or merge it into a page of the site) so the traffic is kept`);
    } else if (action === "merge") {
      reasons.push(`search value: ${value.evidence}; redirect it to the page it merges into so the traffic is kept`);
    }
    score = Math.min(score, action === "merge" ? score : SEARCH_VALUE_MAX_SCORE);
  } else if (action === "prune") {
    reasons.push(`no search value: ${value ? value.evidence : "no search data rows for this page over the period"}`);
  }
  if (low && action !== "prune" && action !== "merge") {
    if (action === "keep") action = "update";
    reasons.push(`update title/description: ${low.evidence}`);
    score = Math.max(score, LOW_CTR_SEVERITY);
  }
  return { action, score: Math.round(score * 100) / 100, reasons };
}
