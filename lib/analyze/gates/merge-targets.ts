/**
 * Who merges into whom. A merge target is a final keeper: a page that stays and never merges itself, so the advice
 * has no chains (A into B, B into C) and no cycles (A into B, B into A). Pages are taken strongest first; a page with
 * candidates becomes a keeper and takes every page paired with it directly, each with the evidence of its own pair.
 */

export interface MergeCandidate {
  a: number;
  b: number;
  evidence: string;
  /** only a may merge, into b (a thin page into the page holding its text) */
  directed: boolean;
  kind: "duplicate" | "cannibal";
}

export interface MergeAdvice {
  into: number;
  evidence: string;
  kind: MergeCandidate["kind"];
}

/**
 * `order` lists pages strongest first; `canKeep(i)` says whether page i may be a merge target (a page slated for
 * removal may not). Returns each page's merge, or null for pages that stay.
 */
export function assignMergeTargets(n: number, candidates: MergeCandidate[], order: number[], canKeep: (i: number) => boolean): (MergeAdvice | null)[] {
  // incoming[k]: pages that may merge into k, with their pair
  const incoming = Array.from({ length: n }, () => [] as { page: number; pair: MergeCandidate }[]);
  const outgoing = Array.from({ length: n }, () => [] as { page: number; pair: MergeCandidate }[]);
  for (const c of candidates) {
    incoming[c.b].push({ page: c.a, pair: c });
    outgoing[c.a].push({ page: c.b, pair: c });
    if (!c.directed) {
      incoming[c.a].push({ page: c.b, pair: c });
      outgoing[c.b].push({ page: c.a, pair: c });
    }
  }
  const advice: (MergeAdvice | null)[] = new Array(n).fill(null);
  const keeper = new Uint8Array(n);
  // duplicates are stronger evidence than shared intent: when a page has both, its duplicate pair names the merge
  const rank = (p: MergeCandidate) => (p.kind === "duplicate" ? 0 : 1);
  for (const k of order) {
    if (advice[k] !== null || keeper[k] || incoming[k].length === 0 || !canKeep(k)) continue;
    const takers = incoming[k].filter(({ page }) => advice[page] === null && !keeper[page]);
    if (takers.length === 0) continue;
    keeper[k] = 1;
    takers.sort((x, y) => rank(x.pair) - rank(y.pair));
    for (const { page, pair } of takers) if (advice[page] === null) advice[page] = { into: k, evidence: pair.evidence, kind: pair.kind };
  }
  // A thin page whose text is on a page that merges itself goes to that page's keeper: its text ends up there.
  for (let i = 0; i < n; i++) {
    if (advice[i] !== null || keeper[i]) continue;
    for (const { page, pair } of outgoing[i]) {
      const via = advice[page];
      if (pair.directed && via !== null && via.into !== i && canKeep(via.into)) {
        advice[i] = { into: via.into, evidence: `${pair.evidence} (which merges into it too)`, kind: pair.kind };
        break;
      }
    }
  }
  return advice;
}
