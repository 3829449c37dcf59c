/**
 * Language tags (BCP 47) as pages and hreflang annotations write them: the primary language of a tag, and whether an
 * hreflang value is one search engines accept (an ISO 639-1 language, optionally a script and an ISO 3166-1 alpha-2
 * region, or "x-default").
 */

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/** The primary language subtag, lowercased ("de-AT" -> "de", "zh_Hant_TW" -> "zh"), or null when there is none. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

export const X_DEFAULT = "x-default";

/**
 * Why an hreflang value is not valid, or null when it is. Common faults: "jp" (Japanese is "ja"), "en-UK" (the United
 * Kingdom is "GB"), "english", a region alone ("us").
 */
export function hreflangProblem(value: string): string | null {
  const v = value.trim();
  if (v.toLowerCase() === X_DEFAULT) return null;
  const parts = v.split("-");
  if (parts.some((p) => p === "")) return `"${value}" is not a language code`;
  const [language, ...rest] = parts;
  if (!/^[a-zA-Z]{2}$/.test(language) || languageNames.of(language.toLowerCase()) === undefined) {
    return `"${value}": "${language}" is not an ISO 639-1 language code${language.toLowerCase() === "jp" ? ' (Japanese is "ja")' : ""}`;
  }
  let i = 0;
  if (rest[i] !== undefined && /^[a-zA-Z]{4}$/.test(rest[i])) i++; // script ("Hant")
  const region = rest[i];
  if (region !== undefined) {
    if (!/^[a-zA-Z]{2}$/.test(region) || regionNames.of(region.toUpperCase()) === undefined) return `"${value}": "${region}" is not an ISO 3166-1 alpha-2 region`;
    const canonical = Intl.getCanonicalLocales(`und-${region.toUpperCase()}`)[0].slice(4);
    if (canonical !== region.toUpperCase()) return `"${value}": the region code is "${canonical}", not "${region}"`;
    i++;
  }
  if (i < rest.length) return `"${value}" has more than a language, a script and a region`;
  return null;
}
