import { withoutSectionNumber } from "../section-numbers";
import { isStopword } from "../tokenize";
import { dot, type Vector } from "../vectors";

/**
 * Cannibalisation: two pages competing for the same search intent. They share their primary subject (the terms of
 * their title, or H1 when the title is empty, the site's title template left out) and differ at most by words that do
 * not change the intent ("guide", "how to", "in brief"), and their purpose overlaps: their text is close, and so are
 * their section headings when both have some. Siblings of a series ("GiST indexes" and "GIN indexes", "Django 3.2.1
 * release notes" and "3.2.2", sqlite3_data_count and sqlite3_column_count) differ by their distinguishing term, in
 * their title or in their URL's last segment: they never cannibalise each other, however alike their text, and no
 * merge is ever advised between them.
 */

// Title words on more than a fifth of the pages are the site's title template ("Python 3.11 documentation", "release
// notes" on a site of release notes), not a page's subject.
export const TITLE_TEMPLATE_SHARE = 0.2;
// ...counted from this many pages up: below it every word of a small site's titles could look like template.
export const TITLE_TEMPLATE_MIN_PAGES = 5;
// Purpose overlap: text this close in the page vectors, and headings sharing a third of their terms (Jaccard).
export const CANNIBAL_HEADING_JACCARD = 1 / 3;
export const CANNIBAL_VECTOR_COSINE = 0.8;
// Words that frame a title without changing what it is about (how-to and format words in English titles), and words
// that mark a revision of the same page rather than another member of a series ("updated", "v2", "copy").
const REVISION_MARKER = /^(updated|update|revised|copy|draft|archived|backup|latest|v\d+)$/;
const INTENT_NEUTRAL_WORDS = new Set(
  (
    "guide guides tutorial tutorials introduction intro overview basics basic beginner beginners complete ultimate " +
    "explained explain step steps tip tips example examples getting started start quick quickstart simple easy learn briefly " +
    "learning understanding understand using howto what why brief summary short full reference handbook manual primer " +
    "walkthrough everything know"
  ).split(" "),
);
const INTENT_NEUTRAL = { has: (w: string) => INTENT_NEUTRAL_WORDS.has(w) || REVISION_MARKER.test(w) };

const TERM = /[\p{L}\p{N}][\p{L}\p{N}._+#-]*/gu;

/** Light suffix stripping so "installing" and "install", "indexes" and "index" compare equal. */
export function stem(word: string): string {
  if (/\d/.test(word) || word.length <= 4) return word;
  for (const suffix of ["ing", "ies", "es", "ed", "s"]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return suffix === "ies" ? `${word.slice(0, -3)}y` : word.slice(0, -suffix.length);
  }
  return word;
}

/** Terms of a text: lower-cased, stopwords out, version numbers kept whole ("3.2.1"), stemmed. */
export function titleTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(TERM)) {
    const w = m[0].replace(/[._+#-]+$/, "");
    if (w === "" || isStopword(w)) continue;
    out.push(stem(w));
  }
  return out;
}

export interface PageIntent {
  /** terms of the page's primary subject: its title (or H1), without the site's title template */
  subject: Set<string>;
  /** terms of its URL's last path segment (its slug) */
  slug: Set<string>;
  /** terms of its section headings */
  headings: Set<string>;
  /**
   * every word of the subject but articles and prepositions, template words out: stopwords such as "read" and "write",
   * "new" and "old" tell pages of a series apart that the subject terms would show as one narrowing the other
   */
  words: Set<string>;
}

// Words that join a title's terms without naming anything.
const FUNCTION_WORDS = new Set("a an the of to in on for and or with from into by at as is are be its it this that".split(" "));

function subjectWords(text: string): string[] {
  return [...text.toLowerCase().matchAll(TERM)].map((m) => m[0].replace(/[._+#-]+$/, "")).filter((w) => w !== "" && !FUNCTION_WORDS.has(w)).map(stem);
}

/** Terms of the last segment of a URL's path ("/releases/1.8.15.html" -> "1.8.15"; "/c3ref/data_count.html" -> data, count). */
function slugTerms(url: string): string[] {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // a relative URL: its path as written
  }
  const last = path.replace(/\/+$/, "").split("/").pop() ?? "";
  return titleTerms(decodeURIComponent(last).replace(/\.(html?|php|aspx?)$/i, "").replace(/[_-]+/g, " "));
}

/** The primary subject, slug and heading terms of every page; `counted` pages make up the template statistics. */
export function pageIntents(pages: { url: string; title: string | null; headings: { level: number; text: string }[] }[], counted: (i: number) => boolean): PageIntent[] {
  const subjectTexts = pages.map((p) => withoutSectionNumber(p.title && p.title.trim() ? p.title : (p.headings.find((h) => h.level === 1)?.text ?? "")));
  const subjects = subjectTexts.map((t) => new Set(titleTerms(t)));
  const slugs = pages.map((p) => new Set(slugTerms(p.url)));
  const templateOf = (sets: Set<string>[]) => {
    const df = new Map<string, number>();
    let total = 0;
    sets.forEach((set, i) => {
      if (!counted(i)) return;
      total++;
      for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
    });
    return (w: string) => total >= TITLE_TEMPLATE_MIN_PAGES && (df.get(w) ?? 0) > TITLE_TEMPLATE_SHARE * total;
  };
  const subjectTemplate = templateOf(subjects);
  const slugTemplate = templateOf(slugs);
  return pages.map((p, i) => ({
    subject: new Set([...subjects[i]].filter((w) => !subjectTemplate(w))),
    slug: new Set([...slugs[i]].filter((w) => !slugTemplate(w))),
    headings: new Set(p.headings.filter((h) => h.level > 1).flatMap((h) => titleTerms(h.text))),
    words: new Set(subjectWords(subjectTexts[i]).filter((w) => !subjectTemplate(w))),
  }));
}

/**
 * Siblings of a series: each subject has a distinguishing term the other lacks (one term put in place of another:
 * "GiST" for "GIN", "3.2.2" for "3.2.1"). A subject that only adds to the other ("Dialling in" and "Dialling in
 * espresso") narrows it and can compete with it. Pages without a subject are not siblings.
 */
export function seriesSiblings(a: PageIntent, b: PageIntent): boolean {
  return differByTerm(a.subject, b.subject) || differByTerm(a.slug, b.slug);
}

/**
 * Members of a numbered series ("Django 3.2.1 release notes" and "3.2.2", "part 1" and "part 2"): one subject or slug
 * has a number the other lacks. Search data can show two pages of a series splitting a query's clicks; each release
 * or part still has its own page, so no merge is advised between them.
 */
export function numberedSiblings(a: PageIntent, b: PageIntent): boolean {
  const numbered = (x: Set<string>, y: Set<string>) => x.size > 0 && y.size > 0 && [...x].some((w) => !y.has(w) && /\d/.test(w));
  return numbered(a.subject, b.subject) || numbered(b.subject, a.subject) || numbered(a.slug, b.slug) || numbered(b.slug, a.slug);
}

/**
 * Each set has a term of its own that is not a framing word, or one of them has a number of its own (a number names a
 * member of a series: "part 2", "2009", "v2", "3.2.1").
 */
function differByTerm(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return false;
  const own = (x: Set<string>, y: Set<string>) => [...x].filter((w) => !y.has(w) && !INTENT_NEUTRAL.has(w));
  const [ofA, ofB] = [own(a, b), own(b, a)];
  return (ofA.length > 0 && ofB.length > 0) || [...ofA, ...ofB].some((w) => /\d/.test(w));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

export interface CannibalPair {
  a: number;
  b: number;
  evidence: string;
}

// A subject that narrows another ("Dialling in" and "Dialling in espresso") adds at most this many terms: more is a
// subtopic of its own, not a second page for the same search.
export const NARROWING_MAX_ADDED_TERMS = 1;
// ...and, being a guess from overlapping titles rather than one subject, it needs text this close when either page has
// no section headings to compare (the near-duplicate cut of duplicates.ts).
export const NARROWING_VECTOR_COSINE_NO_HEADINGS = 0.9;
// A subject term on more pages than this names a family of pages (a product, a section), not one intent: pairs are not
// looked for through it.
export const NARROWING_MAX_POSTINGS = 50;

/** The subject's terms that name what the page is about (framing words out); null when they name nothing. */
function subjectKeyTerms(intent: PageIntent): string[] | null {
  const terms = [...intent.subject].filter((w) => !INTENT_NEUTRAL.has(w)).sort();
  return terms.length && /\p{L}/u.test(terms.join(" ")) ? terms : null;
}

/**
 * Pairs among `members` that compete for the same intent, with their evidence: the same subject, or one subject
 * narrowing the other by a term; headings overlapping and text close. Siblings of a series (each subject with a term of
 * its own) are never pairs.
 */
export function cannibalPairs(members: number[], intents: PageIntent[], vectors: Vector[]): CannibalPair[] {
  const keys = new Map<number, string[]>();
  const postings = new Map<string, number[]>();
  const bySubject = new Map<string, number[]>();
  for (const i of members) {
    const terms = subjectKeyTerms(intents[i]);
    if (!terms) continue;
    keys.set(i, terms);
    const key = terms.join(" ");
    bySubject.set(key, [...(bySubject.get(key) ?? []), i]);
    for (const w of terms) {
      let list = postings.get(w);
      if (!list) postings.set(w, (list = []));
      list.push(i);
    }
  }
  const out: CannibalPair[] = [];
  const seen = new Set<string>();
  for (const [a, terms] of keys) {
    // pages whose subject holds every term of a's: the same subject, or a narrower one
    const lists = terms.map((w) => postings.get(w)!).sort((x, y) => x.length - y.length);
    const candidates = lists[0].length > NARROWING_MAX_POSTINGS ? bySubject.get(terms.join(" "))! : lists[0];
    for (const b of candidates) {
      if (b === a || !lists.every((l) => l.includes(b))) continue;
      const other = keys.get(b)!;
      const added = other.length - terms.length;
      if (added > NARROWING_MAX_ADDED_TERMS || (added === 0 && a > b)) continue;
      // narrowing: every word of the broader subject is in the narrower one ("Read data" is not narrowed by "Write data")
      if (added > 0 && ![...intents[a].words].every((w) => intents[b].words.has(w) || INTENT_NEUTRAL.has(w))) continue;
      const pair = a < b ? `${a},${b}` : `${b},${a}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      const headings = jaccard(intents[a].headings, intents[b].headings);
      const similarity = dot(vectors[a], vectors[b]);
      const bothHaveHeadings = intents[a].headings.size > 0 && intents[b].headings.size > 0;
      if (similarity < CANNIBAL_VECTOR_COSINE || (bothHaveHeadings && headings < CANNIBAL_HEADING_JACCARD)) continue;
      if (added > 0 && !bothHaveHeadings && similarity < NARROWING_VECTOR_COSINE_NO_HEADINGS) continue;
      const subject = added === 0 ? `same subject in title/H1 ("${terms.join(" ")}")` : `"${other.join(" ")}" narrows "${terms.join(" ")}" in title/H1`;
      out.push({ a, b, evidence: `${subject}, section headings ${Math.round(headings * 100)}% shared, text similarity ${similarity.toFixed(2)}` });
    }
  }
  return out;
}
