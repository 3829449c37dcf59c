/**
 * The forget gate's reading of the sequence model's per-section coherence (lib/encode/coherence.ts): pages whose
 * sections drift to another subject (refresh them: split or refocus), and pages whose sections fit the site's language
 * least of all while their words are not the site's (off-topic evidence the topics alone can miss).
 */
import type { AnalysisPage } from "../types";
import { median } from "../order-statistics";

/** A page is asked to refocus when at least this share of its text sits in drifting sections (a quarter: more than an aside). */
export const DRIFT_UPDATE_SHARE = 0.25;
/** Robust z-score of a page's coherence under which it is foreign to the site's language (stricter than a section's drift: it can prune). */
export const FOREIGN_ROBUST_Z = 3.5;
const MAD_SCALE = 1.4826;

export interface CoherenceSignals {
  drift: (string | null)[];
  foreign: (string | null)[];
}

export function coherenceSignals(pages: readonly AnalysisPage[], comparable: (i: number) => boolean, coverage: Float64Array, siteCoverage: number): CoherenceSignals {
  const drift = pages.map((p) => {
    const c = p.coherence;
    if (!c || c.driftingShare < DRIFT_UPDATE_SHARE || c.driftingSections.length === 0) return null;
    const named = c.driftingSections.slice(0, 3).map((s) => `"${s.heading}"`).join(", ");
    return `drifts: ${named} read${c.driftingSections.length === 1 ? "s" : ""} as another subject than the rest of the page (${Math.round(c.driftingShare * 100)}% of its text)`;
  });
  const scored = pages.map((p, i) => (comparable(i) && p.coherence ? p.coherence.score : null));
  const values = scored.filter((x): x is number => x !== null);
  const centre = median(values);
  const spread = MAD_SCALE * median(values.map((x) => Math.abs(x - centre)));
  const foreign = scored.map((s, i) => {
    if (s === null || spread === 0 || values.length < 8) return null;
    const z = (s - centre) / spread;
    if (z >= -FOREIGN_ROBUST_Z || coverage[i] >= siteCoverage) return null;
    return `off-topic: its sections fit the site's language least of all (coherence ${s.toFixed(2)} against the site's median ${centre.toFixed(2)}) and its words are not the site's (${Math.round(coverage[i] * 100)}% site vocabulary against ${Math.round(siteCoverage * 100)}%)`;
  });
  return { drift, foreign };
}
