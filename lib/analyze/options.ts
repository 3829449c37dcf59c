import type { AnalysisOptions } from "./types";

/** Defaults of every tunable number; each says where it comes from. */
export const DEFAULT_OPTIONS: AnalysisOptions = {
  // Equal say to the LSTM and lexical blocks until scripts/eval measures a better split.
  lstmWeight: 0.5,
  // 100-300 dimensions is the usual LSA range (Deerwester et al. 1990); 100 keeps 20k pages fast.
  lsaDimensions: 100,
  kMin: 2,
  kMax: null,
  seed: 42,
  // Common SEO audit threshold for thin content (Screaming Frog and Sitebulb flag < 200 words).
  thinWordCount: 200,
  // Two years without change: the refresh cycle most content audits use.
  staleDays: 730,
  // Manku, Jain, Das Sarma 2007: k = 3 on 64-bit simhashes finds near-duplicate web pages.
  nearDuplicateHamming: 3,
  maxSuggestionsPerSource: 5,
  maxSuggestionsPerTarget: 10,
  subtopicsPerCore: 12,
};

export function resolveOptions(partial: Partial<AnalysisOptions> | undefined): AnalysisOptions {
  const merged = { ...DEFAULT_OPTIONS, ...(partial ?? {}) };
  merged.lstmWeight = Math.min(1, Math.max(0, merged.lstmWeight));
  return merged;
}
