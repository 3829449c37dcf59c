import iso from "stopwords-iso/stopwords-iso.json";

/**
 * Stopwords per language: function words that never start, end or make a keyphrase, a label, a gap or an anchor.
 * English keeps the product's own list (the SMART/NLTK core plus words that carry no topic on web pages; the
 * evaluation's constants were chosen with it); every other language takes its list from stopwords-iso (a maintained
 * union of the published lists per ISO 639-1 code).
 */

// The SMART/NLTK core: function words.
const ENGLISH_FUNCTION_WORDS = (
  "a about above after again against all also am an and any are aren't as at be because been before being below " +
  "between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for " +
  "from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his " +
  "how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of " +
  "off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so " +
  "some such than that that's the their theirs them themselves then there there's these they they'd they'll they're " +
  "they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's " +
  "when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're " +
  "you've your yours yourself yourselves may might must shall us just via per within without upon yet however therefore thus"
).split(" ");
// Words that carry no topic on web pages, though an anchor may hold them ("What's new", "First steps").
const ENGLISH_WEB_WORDS = ("one two three many much " +
  "etc e.g i.e use used using uses get gets got make makes made see also like well way " +
  "new first last next previous back home page click read more every often always never really need needs depends " +
  "matters want wants good better best lot lots thing things something anything everything"
).split(" ");

/** Languages whose text gets its own stopwords (and, for zh, ja and th, word segmentation). */
export const SUPPORTED_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "da", "nb", "fi", "cs", "ru", "uk", "tr", "id", "vi", "ar", "fa", "ja", "zh", "ko", "th"] as const;

const lists = iso as unknown as Record<string, string[]>;
const cache = new Map<string, ReadonlySet<string>>([["en", new Set([...ENGLISH_FUNCTION_WORDS, ...ENGLISH_WEB_WORDS])]]);
const ENGLISH_FUNCTION_SET: ReadonlySet<string> = new Set(ENGLISH_FUNCTION_WORDS);

/** The function words of a language: what an anchor never starts or ends with (English's core list, else its stopwords). */
export function functionWordsOf(language: string): ReadonlySet<string> {
  return language === "en" ? ENGLISH_FUNCTION_SET : stopwordsOf(language);
}

/** The stopwords of a language (ISO 639-1, lowercase), empty for a language without a list. */
export function stopwordsOf(language: string): ReadonlySet<string> {
  let set = cache.get(language);
  if (set === undefined) {
    // Norwegian Bokmal is listed under "no"
    const list = lists[language] ?? (language === "nb" || language === "nn" ? lists.no : undefined) ?? [];
    set = new Set(list.map((w) => w.toLowerCase().replace(/’/g, "'")));
    cache.set(language, set);
  }
  return set;
}

/** Languages that write compounds as one word ("Paketverwaltung", "pakketbeheer", "pakethantering"). */
export const COMPOUNDING_LANGUAGES: ReadonlySet<string> = new Set(["de", "nl", "sv", "da", "nb", "no", "fi", "is"]);
