import { describe, expect, it } from "vitest";
import { EOS, EOS_ID, UNK, UNK_ID, Vocabulary } from "@/lib/encode/vocabulary";

const corpus = [
  ["b", "a", "a", "c", "d"],
  ["a", "b", "c", "e"],
  ["c", "b", "a"],
];

describe("Vocabulary", () => {
  it("reserves <unk> and <eos> and orders words by count, ties by code point", () => {
    const v = Vocabulary.build(corpus, { minCount: 1, maxSize: 100 });
    expect(v.words.slice(0, 2)).toEqual([UNK, EOS]);
    expect(v.words.slice(2)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("drops words under the minimum count and maps them to <unk>", () => {
    const v = Vocabulary.build(corpus, { minCount: 2, maxSize: 100 });
    expect(v.words).toEqual([UNK, EOS, "a", "b", "c"]);
    expect(v.idOf("d")).toBe(UNK_ID);
    expect(v.idOf("never-seen")).toBe(UNK_ID);
    expect(Array.from(v.encode(["a", "zzz", "c"]))).toEqual([2, UNK_ID, 4]);
  });

  it("caps the size including the special tokens", () => {
    const v = Vocabulary.build(corpus, { minCount: 1, maxSize: 4 });
    expect(v.size).toBe(4);
    expect(v.words).toEqual([UNK, EOS, "a", "b"]);
  });

  it("gives the same ids for the same corpus in any page order", () => {
    const a = Vocabulary.build(corpus, { minCount: 1, maxSize: 100 });
    const b = Vocabulary.build([...corpus].reverse(), { minCount: 1, maxSize: 100 });
    expect(b.words).toEqual(a.words);
    expect(a.idOf(EOS)).toBe(EOS_ID);
  });

  it("rejects a word list without the reserved tokens", () => {
    expect(() => new Vocabulary(["a", "b"])).toThrow();
  });
});
