import { COMPOUNDING_LANGUAGES } from "../language/stopwords";
import type { Dictionary, TextRules } from "./tokenize";

/**
 * Compounds in languages that write them as one word (German "Paketverwaltung" is English "package management"): a
 * word made of two words the site itself uses, the first optionally followed by a linking element ("s", "es", "n",
 * "en", "e"), the second at least COMPOUND_MIN_PART letters long. Such a word is a phrase: it ranks as a keyphrase like
 * a two-word phrase does, and it is the name of a subject where a single plain word ("Datei", "Fall") is not.
 */
export const COMPOUND_MIN_PART = 4;
/** The first part may be shorter ("Netz" + "werk"): three letters. */
export const COMPOUND_MIN_HEAD = 3;
const LINKERS = ["", "s", "es", "n", "en", "e"];
const LETTERS = /^\p{L}+$/u;

/** Word ids of the dictionary that are compounds of two of its words; empty unless a compounding language is used. */
export function compoundWords(dict: Dictionary, rules: TextRules): Set<number> {
  const out = new Set<number>();
  if (!rules.languages.some((l) => COMPOUNDING_LANGUAGES.has(l))) return out;
  const isWord = (w: string) => w.length >= COMPOUND_MIN_HEAD && dict.ids.has(w) && !rules.stopwords.has(w);
  dict.words.forEach((word, id) => {
    if (word.length < COMPOUND_MIN_HEAD + COMPOUND_MIN_PART || !LETTERS.test(word)) return;
    for (let cut = COMPOUND_MIN_HEAD; cut <= word.length - COMPOUND_MIN_PART; cut++) {
      const tail = word.slice(cut);
      if (!isWord(tail) || tail.length < COMPOUND_MIN_PART) continue;
      const head = word.slice(0, cut);
      if (LINKERS.some((l) => head.endsWith(l) && isWord(head.slice(0, head.length - l.length)))) {
        out.add(id);
        return;
      }
    }
  });
  return out;
}

/** Is this unigram key a compound (and so a phrase of two words)? */
export function isCompound(corpus: { compounds: ReadonlySet<number> }, wordId: number): boolean {
  return corpus.compounds.has(wordId);
}
