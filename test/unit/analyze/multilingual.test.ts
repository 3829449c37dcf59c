import { describe, expect, it } from "vitest";
import { analyzeSite } from "../../../lib/analyze";
import { auditHreflang, type HreflangPage } from "../../../lib/analyze/hreflang";
import { buildCorpus } from "../../../lib/analyze/tokenize";
import { withoutScriptMix } from "../../../lib/analyze/languages";
import type { AnalysisPage } from "../../../lib/analyze/types";
import { page, SITE } from "./sites";

describe("navigation words found by repetition, in any language", () => {
  // a DocBook footer: "次へ" (Next) and "戻る" (Back) glued to the next and previous pages' titles, so each block differs
  const titles = ["パッケージ管理", "ネットワーク設定", "ユーザー管理", "カーネル構築", "バックアップ", "ファイアウォール"];
  const pages = titles.map((t, i) => ({
    title: t,
    headings: [],
    language: "ja",
    mainText: [
      `${t}について説明します。`,
      `${t}の概要です。`,
      `${t}の目的を述べます。`,
      `次の節では${t}の設定を扱います。`,
      `${t}の例を示します。`,
      `${t}のまとめです。`,
      `戻る${titles[(i + 5) % 6]}`,
      `次へ${titles[(i + 1) % 6]}`,
    ].join("\n"),
  }));

  it("drops the template's word at the edges of pages, and keeps it inside the text", () => {
    const corpus = buildCorpus(pages);
    const next = corpus.dict.ids.get("次")!;
    const back = corpus.dict.ids.get("戻る")!;
    expect(next).toBeDefined();
    for (const doc of corpus.docs) {
      const body = Array.from(doc.body);
      expect(body).not.toContain(back);
      // "次の節では" in the second block is a word of the text
      expect(body.filter((id) => id === next)).toHaveLength(1);
    }
  });
});

const hp = (url: string, hreflang: [string, string][], more: Partial<HreflangPage> = {}): HreflangPage => ({
  url: `${SITE}${url}`,
  canonical: null,
  language: url.split("/")[1],
  hreflang: hreflang.map(([lang, href]) => ({ lang, href: `${SITE}${href}` })),
  ...more,
});

describe("hreflang alternates", () => {
  const full = (p: string): [string, string][] => [["en", `/en/${p}`], ["de", `/de/${p}`], ["fr", `/fr/${p}`], ["x-default", `/en/${p}`]];

  it("a clean set of alternates is one group and no issue", () => {
    const audit = auditHreflang([hp("/en/a", full("a")), hp("/de/a", full("a")), hp("/fr/a", full("a"))]);
    expect(audit.findings).toEqual([]);
    expect(new Set(audit.groups)).toEqual(new Set([0]));
  });

  it("reports each planted fault once with its pages", () => {
    const pages = [
      hp("/en/a", full("a")),
      // names en and fr but fr does not name it back; no x-default; "jp" is no language
      hp("/de/b", [["de", "/de/b"], ["fr", "/fr/b"], ["jp", "/ja/b"]]),
      hp("/fr/b", [["fr", "/fr/b"], ["en", "/en/b"], ["x-default", "/en/b"]]),
      hp("/en/b", [["en", "/en/b"], ["fr", "/fr/b"], ["en-UK", "/en/b"], ["x-default", "/en/b"]]),
      // canonicalised away while naming alternates
      hp("/de/a", full("a"), { canonical: `${SITE}/de/a-old` }),
      hp("/fr/a", full("a")),
      // /de/c is written in English
      hp("/en/c", [["en", "/en/c"], ["de", "/de/c"], ["x-default", "/en/c"]]),
      hp("/de/c", [["en", "/en/c"], ["de", "/de/c"], ["x-default", "/en/c"]], { language: "en" }),
    ];
    const audit = auditHreflang(pages, [{ requestedUrl: `${SITE}/ja/b`, url: `${SITE}/ja/b`, status: 404, html: true, redirectHops: 0 }]);
    const byCode = Object.fromEntries(audit.findings.map((f) => [f.code, f.pageUrls.map((u) => u.slice(SITE.length))]));
    expect(byCode.hreflang_invalid_code).toEqual(["/de/b", "/en/b"]);
    expect(byCode.hreflang_not_reciprocal).toEqual(["/de/b"]);
    expect(byCode.hreflang_missing_x_default).toEqual(["/de/b"]);
    expect(byCode.hreflang_canonical_conflict).toEqual(["/de/a", "/en/a", "/fr/a"]);
    expect(byCode.hreflang_language_mismatch).toEqual(["/en/c"]);
    expect(audit.findings.find((f) => f.code === "hreflang_invalid_code")!.detail).toMatch(/"ja"/);
    expect(audit.findings.map((f) => f.code)).not.toContain("hreflang_broken_target");
  });

  it("an alternate that answers an error or redirects is a broken target", () => {
    const audit = auditHreflang([hp("/en/a", [["en", "/en/a"], ["de", "/de/a"], ["fr", "/fr/a"], ["x-default", "/en/a"]])], [
      { requestedUrl: `${SITE}/de/a`, url: `${SITE}/de/a`, status: 404, html: true, redirectHops: 0 },
      { requestedUrl: `${SITE}/fr/a`, url: `${SITE}/fr/a/`, status: 200, html: true, redirectHops: 1 },
    ]);
    expect(audit.findings.map((f) => f.code)).toEqual(["hreflang_broken_target"]);
    expect(audit.findings[0].detail).toMatch(/404/);
    expect(audit.findings[0].detail).toMatch(/redirects/);
  });
});

// Three subjects written in three languages, every page naming its alternates.
const VOCAB: Record<string, Record<string, string[]>> = {
  coffee: {
    en: ["espresso", "grinder", "beans", "roast", "crema", "kettle", "milk", "caffeine", "aroma", "filter"],
    de: ["espressomaschine", "mühle", "bohnen", "röstung", "schaum", "wasserkocher", "milch", "koffein", "duft", "kaffeefilter"],
    fr: ["cafetière", "moulin", "grains", "torréfaction", "mousse", "bouilloire", "lait", "caféine", "arôme", "filtre"],
  },
  hiking: {
    en: ["trail", "backpack", "boots", "summit", "tent", "campsite", "elevation", "compass", "ridge", "blisters"],
    de: ["wanderweg", "rucksack", "stiefel", "gipfel", "zelt", "zeltplatz", "höhe", "kompass", "grat", "blasen"],
    fr: ["sentier", "sacoche", "chaussures", "sommet", "tente", "bivouac", "altitude", "boussole", "crête", "ampoules"],
  },
  tax: {
    en: ["deduction", "income", "refund", "filing", "audit", "accountant", "payroll", "receipts", "bracket", "pension"],
    de: ["abzug", "einkommen", "erstattung", "steuererklärung", "prüfung", "steuerberater", "lohnabrechnung", "belege", "steuersatz", "rente"],
    fr: ["déduction", "revenu", "remboursement", "déclaration", "contrôle", "comptable", "paie", "reçus", "tranche", "retraite"],
  },
};
const SENTENCE: Record<string, (a: string, b: string) => string> = {
  en: (a, b) => `The ${a} matters when you think about the ${b}.`,
  de: (a, b) => `Der ${a} ist wichtig, wenn man über den ${b} nachdenkt.`,
  fr: (a, b) => `Le ${a} compte quand on pense au ${b}.`,
};

function multilingualSite(): AnalysisPage[] {
  const out: AnalysisPage[] = [];
  for (const [subject, byLang] of Object.entries(VOCAB)) {
    for (let n = 0; n < 3; n++) {
      const slug = `${subject}-${n}`;
      const alternates = ["en", "de", "fr"].map((l) => ({ lang: l, href: `${SITE}/${l}/${slug}` }));
      for (const lang of ["en", "de", "fr"]) {
        const w = byLang[lang];
        const text = Array.from({ length: 24 }, (_, k) => SENTENCE[lang](w[(k * 3 + n) % w.length], w[(k * 7 + n * 2 + 1) % w.length])).join(" ");
        out.push(page(`/${lang}/${slug}`, `${w[n]} ${w[n + 3]}`, text, { language: lang, hreflang: [...alternates, { lang: "x-default", href: `${SITE}/en/${slug}` }] }));
      }
    }
  }
  return out;
}

describe("a site written in three languages", () => {
  it("gets topics by subject, each holding pages of all three languages, and a view per language", () => {
    const pages = multilingualSite();
    const result = analyzeSite({ siteUrl: SITE, pages, links: [], now: "2026-06-02T00:00:00Z", options: { kMin: 2, kMax: 6 } });
    const langOf = new Map(pages.map((p) => [p.url, p.language]));
    const subjectOf = (url: string) => url.split("/").pop()!.split("-")[0];
    const topics = new Map<number, { langs: Set<string>; subjects: Set<string> }>();
    for (const p of result.pages) {
      expect(p.language).toBe(langOf.get(p.url));
      if (p.topicId === null) continue;
      let t = topics.get(p.topicId);
      if (!t) topics.set(p.topicId, (t = { langs: new Set(), subjects: new Set() }));
      t.langs.add(p.language!);
      t.subjects.add(subjectOf(p.url));
    }
    expect(topics.size).toBe(3);
    for (const t of topics.values()) {
      expect([...t.langs].sort()).toEqual(["de", "en", "fr"]);
      expect(t.subjects.size).toBe(1);
    }
    expect(result.languages!.map((l) => [l.code, l.pages, l.topics.length])).toEqual([["de", 9, 3], ["en", 9, 3], ["fr", 9, 3]]);
    expect(result.findings.filter((f) => f.code.startsWith("hreflang_"))).toEqual([]);
    // no page is foreign to the site for being written in another of its languages
    expect(result.pages.filter((p) => p.forget.reasons.some((r) => /vocabulary|off-topic/i.test(r)))).toEqual([]);
  });
});

describe("a site half translated", () => {
  // pages on two subjects, each with a different share of Japanese text (a translation in progress)
  const ja = "パッケージの管理について説明します。";
  const en = "The package manager installs software.";
  const shares = [0, 0.25, 0.5, 0.75, 1, 0, 0.25, 0.5, 0.75, 1];
  const pages = shares.map((s) => ({ title: null, headings: [], language: "ja", mainText: Array.from({ length: 8 }, (_, k) => (k < s * 8 ? ja : en)).join("\n") }));
  const corpus = buildCorpus(pages);

  it("takes out of the page vectors what the share of translated text explains", () => {
    // a vector that is half subject, half "how much is Japanese"
    const vectors = shares.map((s, i) => Float64Array.from([i < 5 ? 1 : -1, 4 * s]));
    const cos = (a: Float64Array, b: Float64Array) => (a[0] * b[0] + a[1] * b[1]) / Math.hypot(...a) / Math.hypot(...b);
    expect(cos(vectors[0], vectors[4])).toBeLessThan(0.3);
    const out = withoutScriptMix(vectors, corpus);
    expect(cos(out[0], out[4])).toBeGreaterThan(0.99);
    expect(cos(out[0], out[5])).toBeLessThan(0.7);
    // a site in one script keeps its vectors
    const english = buildCorpus(pages.map((p) => ({ ...p, mainText: en })));
    expect(withoutScriptMix(vectors, english)).toBe(vectors);
  });
});
