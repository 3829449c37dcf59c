import { describe, expect, it } from "vitest";
import { hreflangProblem, primaryLanguage } from "../../../lib/language/codes";
import { joinWords, segmentWords } from "../../../lib/language/segment";
import { stopwordsOf } from "../../../lib/language/stopwords";
import { tokenize } from "../../../lib/encode/tokenizer";
import { buildCorpus, phraseText, textRules, tokenizeWords, trimToContentWords } from "../../../lib/analyze/tokenize";
import { gapsOf } from "../../../lib/analyze/gates/expansion";

const words = (text: string, langs: string[]) => tokenizeWords(text, textRules(langs));

describe("word segmentation of unspaced scripts", () => {
  it("splits a Japanese run into words and drops its particles", () => {
    const out = words("パッケージ管理システムの設定ファイル", ["ja"]);
    expect(out).toEqual(expect.arrayContaining(["パッケージ", "管理", "システム", "設定", "ファイル"]));
    expect(out).not.toContain("の");
    expect(out).not.toContain("パッケージ管理システムの設定ファイル");
  });

  it("keeps a katakana loanword whole where ICU's dictionary would cut it", () => {
    expect(segmentWords("ディストリビューションの設定")).toEqual(["ディストリビューション", "の", "設定"]);
    expect(words("ネットワーク設定", ["ja"])).toEqual(["ネットワーク", "設定"]);
  });

  it("splits Chinese and Thai too, and writes their phrases without spaces", () => {
    expect(segmentWords("软件包管理系统")).toEqual(expect.arrayContaining(["软件", "管理", "系统"]));
    expect(segmentWords("ภาษาไทยง่ายนิดเดียว")).toContain("ภาษา");
    expect(joinWords(["パッケージ", "管理"])).toBe("パッケージ管理");
    expect(joinWords(["apt", "コマンド"])).toBe("apt コマンド");
    const corpus = buildCorpus([{ title: "設定ファイル", headings: [], mainText: "設定ファイルを編集します。", language: "ja" }]);
    const key = corpus.phraseKeys.find((k) => phraseText(corpus.dict, k) === "設定ファイル");
    expect(key).toBeDefined();
  });

  it("the sequence model's tokenizer segments the same way", () => {
    expect(tokenize("次へ パッケージ管理")).toEqual(["次", "へ", "パッケージ", "管理"]);
    expect(tokenize("os.path.join and 3.11")).toEqual(["os.path.join", "and", "3.11"]);
  });
});

describe("stopwords per language", () => {
  it("drops German, French and Russian function words", () => {
    expect(words("Die Verwaltung der Pakete und die Konfiguration", ["de"])).toEqual([null, "verwaltung", null, "pakete", null, null, "konfiguration"]);
    expect(words("la gestion des paquets avec apt", ["fr"])).toEqual([null, "gestion", null, "paquets", null, "apt"]);
    expect(words("управление пакетами и настройка", ["ru"])).toEqual(["управление", "пакетами", null, "настройка"]);
  });

  it("has a list for every language the README names", () => {
    for (const l of ["en", "de", "fr", "es", "it", "nl", "pt", "pl", "sv", "ru", "ja", "zh", "ko"]) expect(stopwordsOf(l).size, l).toBeGreaterThan(20);
  });

  it("keeps English behaviour for English text", () => {
    expect(words("The event loop runs the tasks", ["en"])).toEqual([null, "event", "loop", "runs", null, "tasks"]);
  });
});

describe("anchors start and end on content words, as written", () => {
  it("trims function words of the page's language at both ends only", () => {
    const de = textRules(["de"]);
    expect(trimToContentWords("und apt", de)).toBe("apt");
    expect(trimToContentWords("im laufenden Betrieb", de)).toBe("laufenden Betrieb");
    expect(trimToContentWords("Verwaltung der Pakete", de)).toBe("Verwaltung der Pakete");
    expect(trimToContentWords("the asyncio module", textRules(["en"]))).toBe("asyncio module");
    expect(trimToContentWords("Python 3.11", textRules(["en"]))).toBe("Python 3.11");
    expect(trimToContentWords("パッケージの設定", textRules(["ja"]))).toBe("パッケージの設定");
    expect(trimToContentWords("の設定", textRules(["ja"]))).toBe("設定");
    expect(trimToContentWords("und die", de)).toBe("");
  });
});

describe("German compounds", () => {
  const pages = [
    { title: "Paketverwaltung", headings: [], mainText: "Die Paketverwaltung installiert jedes Paket. Die Verwaltung ist einfach.", language: "de" },
    { title: "Datei", headings: [], mainText: "Eine Datei und eine Konfigurationsdatei. Die Konfiguration steht in der Datei.", language: "de" },
  ];
  it("finds words made of two words of the site", () => {
    const corpus = buildCorpus(pages);
    const compound = (w: string) => corpus.compounds.has(corpus.dict.ids.get(w)!);
    expect(compound("paketverwaltung")).toBe(true);
    expect(compound("konfigurationsdatei")).toBe(true);
    expect(compound("datei")).toBe(false);
    expect(compound("verwaltung")).toBe(false);
  });

  it("a single plain German word is no gap, a compound is", () => {
    const corpus = buildCorpus(pages);
    const expansion = { topicId: 0, pages: 4, coverage: 0, subtopics: ["datei", "konfigurationsdatei"].map((k) => ({ keyphrase: k, mentions: 3, dedicated: null, mentioning: [0, 1] })) };
    const compound = (w: string) => corpus.compounds.has(corpus.dict.ids.get(w) ?? -1);
    const gaps = gapsOf([expansion], ["a", "b"], () => true, { rules: corpus.rules, compound, compounding: true });
    expect(gaps.map((g) => g.keyphrase)).toEqual(["konfigurationsdatei"]);
    // the same subtopics on an English site keep the named one-word gap
    expect(gapsOf([expansion], ["a", "b"], () => true).map((g) => g.keyphrase)).toEqual(["datei", "konfigurationsdatei"]);
  });
});

describe("language codes", () => {
  it("reads the primary language of a tag", () => {
    expect(primaryLanguage("de-AT")).toBe("de");
    expect(primaryLanguage("zh_Hant_TW")).toBe("zh");
    expect(primaryLanguage("")).toBeNull();
  });

  it("accepts valid hreflang values and explains the common mistakes", () => {
    for (const ok of ["de", "en-GB", "zh-Hant-TW", "x-default", "pt-BR"]) expect(hreflangProblem(ok), ok).toBeNull();
    expect(hreflangProblem("jp")).toMatch(/"ja"/);
    expect(hreflangProblem("en-UK")).toMatch(/"GB"/);
    expect(hreflangProblem("english")).toMatch(/not an ISO 639-1/);
    expect(hreflangProblem("de-XX")).toMatch(/region/);
  });
});
