/**
 * What the sequence model adds, on each site's audit scan: topic NMI of the lexical vectors alone (lstmWeight 0), the
 * sequence model's vectors alone (1) and the hybrid (the chosen weight), each the mean over the analysis seeds; and the
 * off-topic detection (precision and recall on the injected off-topic pages) with and without the pages' coherence.
 */
import { analyzeSite, DEFAULT_OPTIONS } from "../../lib/analyze";
import type { AnalysisOptions } from "../../lib/analyze/types";
import { pruningMeasures, r4, topicNmi } from "./measures";
import type { ScannedSite } from "./scan";
import type { VariantTruth } from "./site-scans";

export interface AblationRow {
  site: string;
  encoder: string;
  lexical: number;
  sequenceOnly: number | null;
  hybrid: number;
  hybridWeight: number;
  /** the hybrid at the product's default weight */
  hybridDefault: number;
  offTopic: { withCoherence: OffTopicFigures; withoutCoherence: OffTopicFigures };
}

interface OffTopicFigures {
  precision: number;
  recall: number;
  offTopicRecall: number;
  originalsFlagged: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function offTopicFigures(scan: ScannedSite, truth: VariantTruth, options: Partial<AnalysisOptions>): OffTopicFigures {
  const m = pruningMeasures(scan, truth, analyzeSite({ ...scan.input, options: { ...(scan.input.options ?? {}), ...options } }));
  const off = m.byKind["off-topic"];
  return { precision: m.precision, recall: m.recall, offTopicRecall: off && off.pages > 0 ? r4(off.flagged / off.pages) : 0, originalsFlagged: m.originalsFlagged };
}

export function ablate(site: string, encoder: string, scan: ScannedSite, truth: VariantTruth, chosen: Partial<AnalysisOptions>, seeds: number[]): AblationRow {
  const base: Partial<AnalysisOptions> = { ...chosen, ablation: false, maxSuggestionsPerSource: 0 };
  const nmiAt = (lstmWeight: number) => r4(mean(seeds.map((seed) => topicNmi(scan, truth, analyzeSite({ ...scan.input, options: { ...base, lstmWeight, seed } })))));
  const hasSequence = scan.input.pages.some((p) => p.lstmVector !== null);
  const hybridWeight = chosen.lstmWeight ?? 0;
  return {
    site,
    encoder,
    lexical: nmiAt(0),
    sequenceOnly: hasSequence ? nmiAt(1) : null,
    hybrid: nmiAt(hybridWeight),
    hybridWeight,
    hybridDefault: hasSequence ? nmiAt(DEFAULT_OPTIONS.lstmWeight) : nmiAt(0),
    offTopic: { withCoherence: offTopicFigures(scan, truth, { ...base, coherenceOffTopic: true }), withoutCoherence: offTopicFigures(scan, truth, { ...base, coherenceOffTopic: false }) },
  };
}

export function printAblation(rows: AblationRow[]): void {
  console.log("\nAblation: topic NMI by page vectors (mean over analysis seeds), off-topic detection with and without coherence\n");
  console.log(`| site | encoder | lexical only | sequence model only | hybrid (leave-one-out weight) | hybrid - lexical | hybrid at the default ${DEFAULT_OPTIONS.lstmWeight} | prune precision / recall / off-topic recall with coherence | without |`);
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const w = r.offTopic.withCoherence;
    const wo = r.offTopic.withoutCoherence;
    console.log(
      `| ${r.site} | ${r.encoder} | ${r.lexical} | ${r.sequenceOnly ?? "-"} | ${r.hybrid} (${r.hybridWeight}) | ${r4(r.hybrid - r.lexical)} | ${r.hybridDefault} | ${w.precision} / ${w.recall} / ${w.offTopicRecall} | ${wo.precision} / ${wo.recall} / ${wo.offTopicRecall} |`,
    );
  }
  if (rows.length > 1) console.log(`| mean | | ${r4(mean(rows.map((r) => r.lexical)))} | | ${r4(mean(rows.map((r) => r.hybrid)))} | ${r4(mean(rows.map((r) => r.hybrid - r.lexical)))} | ${r4(mean(rows.map((r) => r.hybridDefault)))} | | |`);
}
