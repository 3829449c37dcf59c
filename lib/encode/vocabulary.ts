/**
 * Site-sized vocabulary. Ids 0 and 1 are reserved: `<unk>` for rare words and `<eos>` that
 * separates pages in the training stream. Ordering is by count, ties by code point, so the
 * same corpus always gives the same ids.
 */
export const UNK = "<unk>";
export const EOS = "<eos>";
export const UNK_ID = 0;
export const EOS_ID = 1;
const SPECIAL_TOKENS = [UNK, EOS];

export interface VocabularyOptions {
  minCount: number;
  maxSize: number;
}

export class Vocabulary {
  readonly words: readonly string[];
  private readonly index: Map<string, number>;

  constructor(words: readonly string[]) {
    if (words[UNK_ID] !== UNK || words[EOS_ID] !== EOS) throw new Error("vocabulary must start with <unk>, <eos>");
    this.words = words;
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  static build(tokenLists: Iterable<readonly string[]>, options: VocabularyOptions): Vocabulary {
    const counts = new Map<string, number>();
    for (const tokens of tokenLists) for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    const kept = [...counts.entries()]
      .filter(([, c]) => c >= options.minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, Math.max(0, options.maxSize - SPECIAL_TOKENS.length))
      .map(([w]) => w);
    return new Vocabulary([...SPECIAL_TOKENS, ...kept]);
  }

  get size(): number {
    return this.words.length;
  }

  idOf(word: string): number {
    return this.index.get(word) ?? UNK_ID;
  }

  encode(tokens: readonly string[]): Int32Array {
    const ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) ids[i] = this.idOf(tokens[i]);
    return ids;
  }
}
