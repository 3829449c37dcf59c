/**
 * A cheap language guess for pages without <html lang>: script ranges for non-Latin scripts, then the share of each
 * language's most frequent function words (stop-word voting, as in Grefenstette 1995). Good enough to tell
 * the major European languages apart on a page of text; returns null when there is too little evidence.
 */
const STOPWORDS: Record<string, string[]> = {
  en: ["the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "as", "on", "are", "this", "be"],
  de: ["der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "zu", "auf", "sich", "von", "auch"],
  fr: ["le", "la", "les", "et", "des", "est", "une", "un", "du", "que", "pour", "dans", "pas", "sur", "avec"],
  es: ["el", "la", "los", "las", "y", "que", "es", "una", "por", "para", "con", "del", "se", "como", "más"],
  it: ["il", "di", "che", "è", "la", "per", "una", "sono", "con", "non", "gli", "del", "della", "anche", "come"],
  nl: ["de", "het", "een", "en", "van", "is", "dat", "niet", "met", "voor", "zijn", "op", "ook", "aan", "wordt"],
  pt: ["o", "a", "os", "que", "não", "uma", "para", "com", "do", "da", "em", "são", "mais", "como", "seu"],
};
/** Fewer matched function words than this is no evidence. */
const MIN_STOPWORD_HITS = 5;

const LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang]);

export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 5000);
  if (/[\u3040-\u30ff]/.test(sample)) return "ja";
  if (/[\uac00-\ud7af]/.test(sample)) return "ko";
  if (/[\u4e00-\u9fff]/.test(sample)) return "zh";
  if (/[\u0400-\u04ff]{3}/.test(sample)) return "ru";
  if (/[\u0600-\u06ff]{3}/.test(sample)) return "ar";
  if (/[\u0370-\u03ff]{3}/.test(sample)) return "el";
  const scores = new Map<string, number>();
  let hits = 0;
  for (const w of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const langs = LOOKUP.get(w);
    if (!langs) continue;
    hits++;
    for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + 1 / langs.length);
  }
  if (hits < MIN_STOPWORD_HITS) return null;
  return [...scores.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
