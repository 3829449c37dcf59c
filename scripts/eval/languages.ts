/**
 * The analysis in several languages: the Debian Administrator's Handbook (127 pages, 16 chapters) as it ships in each
 * language, without its canonicals to debian-handbook.info, scanned through the product pipeline; topic NMI against
 * the chapters beside English's, and checks that no gap or topic label is made of stopwords or of the template's
 * navigation words (read from each language's own `ul.docnav` links), and that every suggested anchor starts and
 * ends on a content word. Then a site serving three languages side by side with hreflang alternates (and planted
 * hreflang faults): its topics should gather each subject in every language, and each planted fault be reported.
 *
 *   npm run eval -- --languages de-DE,fr-FR,ja-JP,zh-CN [--reuse-scans] [--multilingual en-US,de-DE,fr-FR]
 */
import { load } from "cheerio";
import { analyzeSite, nmi } from "../../lib/analyze";
import type { AnalysisResult } from "../../lib/analyze/types";
import { primaryLanguage } from "../../lib/language/codes";
import { needsSegmentation } from "../../lib/language/segment";
import { textRules, tokenizeWords, trimToContentWords } from "../../lib/analyze/tokenize";
import { DocSite, SiteVariant } from "./doc-site";
import { r4, topicNmi } from "./measures";
import { scanSite, type ScannedSite } from "./scan";
import { pathOf, type VariantTruth } from "./site-scans";
import { resolveLabels, siteByName, type EvalSite } from "./sites";
import { buildMultilingual, MULTILINGUAL_VERSION, type PlantedFault } from "./multilingual";

const NMI_SEEDS = [42, 43];
/** The target: each language's topic NMI within this of English's. */
export const NMI_TOLERANCE = 0.05;
const VARIANT_VERSION = 1;

const log = (msg: string) => process.stderr.write(`[eval ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The handbook in one language (its folder name: "de-DE"). */
export function handbookIn(lang: string): EvalSite {
  const en = siteByName("debian-handbook");
  return { ...en, name: `debian-handbook-${lang}`, dir: () => en.dir().replace(/en-US$/, lang) };
}

/** The navigation words of the handbook's template in its language: the texts of its docnav links. */
function navigationWords(docs: DocSite): Set<string> {
  const out = new Set<string>();
  for (const html of [...docs.pages.values()].slice(0, 10)) {
    const $ = load(html);
    $("ul.docnav strong").each((_, s) => void out.add($(s).text().trim().toLowerCase()));
  }
  return out;
}

interface LanguageFigures {
  lang: string;
  pages: number;
  topics: number;
  nmi: number;
  labels: string[];
  badLabels: string[];
  gaps: number;
  badGaps: string[];
  anchors: number;
  badAnchors: string[];
  seconds: number;
}

/** A phrase made only of stopwords, or holding a navigation word, is no subject. */
function badPhrase(text: string, lang: string, nav: Set<string>): boolean {
  const rules = textRules([lang]);
  const lower = text.toLowerCase();
  // navigation words as whole words ("up" is in "upgrade"); in unspaced scripts anywhere in the phrase
  const words = new Set(lower.split(/[^\p{L}\p{N}]+/u));
  if ([...nav].some((w) => w !== "" && (needsSegmentation(w) ? lower.includes(w) : words.has(w)))) return true;
  return tokenizeWords(text, rules).every((w) => w === null);
}

async function scanLanguage(lang: string, reuse: boolean): Promise<{ scan: ScannedSite; truth: VariantTruth; nav: Set<string> }> {
  const site = handbookIn(lang);
  const docs = DocSite.load(site);
  const nav = navigationWords(docs);
  const labels: Record<string, string> = {};
  for (const [rel, html] of docs.pages) labels[rel] = site.label(rel, () => html);
  const truth: VariantTruth = { heldOutLinks: [], injected: [], labels };
  const { scan } = await scanSite<VariantTruth>({
    name: `${site.name}--no-canonical--lstm`,
    key: `languages:no-canonical:${VARIANT_VERSION}`,
    assetsDir: site.dir(),
    crawlOnly: false,
    reuse,
    build: () => {
      const v = new SiteVariant(docs);
      v.editAll(($) => void $('link[rel="canonical"]').remove());
      const built = v.build();
      return { pages: built.pages, serve: { removed: built.removed }, kept: truth };
    },
  });
  return { scan, truth, nav };
}

function figuresOf(lang: string, scan: ScannedSite, truth: VariantTruth, nav: Set<string>): LanguageFigures {
  const code = primaryLanguage(lang) ?? "en";
  const runs = NMI_SEEDS.map((seed) => analyzeSite({ ...scan.input, options: { ...(scan.input.options ?? {}), seed, ablation: false } }));
  const result = runs[0];
  const rules = textRules([code]);
  const labels = result.topics.map((t) => t.label);
  return {
    lang,
    pages: scan.input.pages.length,
    topics: result.topics.length,
    nmi: r4(mean(runs.map((r) => topicNmi(scan, truth, r)))),
    labels,
    badLabels: labels.filter((l) => l.split(/,\s*/).some((part) => badPhrase(part.replace(/\s*\(.*\)$/, ""), code, nav))),
    gaps: result.gaps.length,
    badGaps: result.gaps.map((g) => g.keyphrase).filter((g) => badPhrase(g, code, nav)),
    anchors: result.linkSuggestions.length,
    badAnchors: result.linkSuggestions.map((s) => s.anchor).filter((a) => /^[\p{L}\p{N}'’\s-]+$/u.test(a) && trimToContentWords(a, rules) !== a),
    seconds: Math.round(scan.seconds),
  };
}

interface MultilingualFigures {
  pages: number;
  topics: number;
  /** topics of 3+ pages holding pages of every served language */
  topicsInEveryLanguage: string;
  nmi: number;
  languages: NonNullable<AnalysisResult["languages"]>;
  faults: { fault: PlantedFault; reported: boolean }[];
  otherFindings: string[];
}

async function multilingual(langs: string[], reuse: boolean): Promise<MultilingualFigures> {
  const sites = langs.map((l) => handbookIn(l));
  const docs = sites.map((s) => DocSite.load(s));
  const labels: Record<string, string> = {};
  docs.forEach((d, k) => {
    const own = resolveLabels(new Map([...d.pages].map(([rel, html]) => [rel, sites[k].label(rel, () => html)])));
    for (const [rel, label] of own) labels[`${langs[k]}/${rel}`] = label;
  });
  const truth: VariantTruth = { heldOutLinks: [], injected: [], labels };
  const built = buildMultilingual(langs, docs);
  const { scan } = await scanSite<VariantTruth & { faults: PlantedFault[] }>({
    name: `debian-handbook-multilingual-${langs.join("+")}--lstm`,
    key: `multilingual:${MULTILINGUAL_VERSION}`,
    assetsDir: sites[0].dir().replace(/\/[^/]+$/, ""),
    crawlOnly: false,
    reuse,
    build: () => ({ pages: built.pages, serve: {}, kept: { ...truth, faults: built.faults } }),
  });
  const result = analyzeSite({ ...scan.input, options: { ...(scan.input.options ?? {}), ablation: false } });
  const langOf = (url: string) => pathOf(scan, url).split("/")[0];
  const perTopic = new Map<number, Set<string>>();
  const sizes = new Map<number, number>();
  for (const p of result.pages) {
    if (p.topicId === null) continue;
    let s = perTopic.get(p.topicId);
    if (!s) perTopic.set(p.topicId, (s = new Set()));
    s.add(langOf(p.url));
    sizes.set(p.topicId, (sizes.get(p.topicId) ?? 0) + 1);
  }
  const sized = [...perTopic].filter(([t]) => (sizes.get(t) ?? 0) >= 3);
  const labelled = result.pages.filter((p) => p.topicId !== null && labels[pathOf(scan, p.url)] !== undefined);
  const faults = built.faults.map((fault) => {
    const f = result.findings.find((x) => x.code === fault.code);
    return { fault, reported: f !== undefined && f.pageUrls.some((u) => pathOf(scan, u) === fault.page) };
  });
  return {
    pages: scan.input.pages.length,
    topics: result.topics.length,
    topicsInEveryLanguage: `${sized.filter(([, s]) => s.size === langs.length).length}/${sized.length}`,
    nmi: r4(nmi(labelled.map((p) => p.topicId!), labelled.map((p) => labels[pathOf(scan, p.url)]))),
    languages: result.languages ?? [],
    faults,
    otherFindings: result.findings.filter((f) => !f.code.startsWith("hreflang_")).map((f) => `${f.code} (${f.pageUrls.length})`),
  };
}

export async function runLanguageEval(requested: string[], opts: { reuse: boolean; multilingual: string[] | null }): Promise<boolean> {
  const langs = ["en-US", ...requested.filter((l) => l !== "en-US")];
  const figures: LanguageFigures[] = [];
  for (const lang of langs) {
    log(`debian-handbook ${lang}: ${opts.reuse ? "reusing a kept scan or " : ""}scanning`);
    const { scan, truth, nav } = await scanLanguage(lang, opts.reuse);
    figures.push(figuresOf(lang, scan, truth, nav));
    const f = figures.at(-1)!;
    log(`debian-handbook ${lang}: ${f.pages} pages, ${f.topics} topics, NMI ${f.nmi} (scan ${f.seconds} s)`);
  }
  const en = figures[0];
  console.log(`\nThe handbook in ${langs.length} languages (canonicals removed, product defaults, NMI mean of seeds ${NMI_SEEDS.join(", ")})\n`);
  console.log("| language | pages | topics | NMI | vs en-US | labels of stopwords/navigation | gaps (bad) | anchors (not on content words) | labels |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  let ok = true;
  for (const f of figures) {
    const delta = r4(f.nmi - en.nmi);
    const pass = f === en || Math.abs(delta) <= NMI_TOLERANCE || delta > 0;
    const clean = f.badLabels.length === 0 && f.badGaps.length === 0 && f.badAnchors.length === 0;
    ok &&= pass && clean;
    console.log(
      `| ${f.lang} | ${f.pages} | ${f.topics} | ${f.nmi}${pass ? "" : " ✗"} | ${f === en ? "-" : delta} | ${f.badLabels.length ? f.badLabels.join("; ") + " ✗" : "0"} | ` +
        `${f.gaps} (${f.badGaps.length ? f.badGaps.join(", ") + " ✗" : "0"}) | ${f.anchors} (${f.badAnchors.length ? f.badAnchors.slice(0, 5).join(", ") + " ✗" : "0"}) | ${f.labels.slice(0, 6).join("; ")} |`,
    );
  }
  if (opts.multilingual) {
    log(`multilingual ${opts.multilingual.join("+")}: ${opts.reuse ? "reusing a kept scan or " : ""}scanning`);
    const m = await multilingual(opts.multilingual, opts.reuse);
    const reported = m.faults.filter((f) => f.reported).length;
    ok &&= reported === m.faults.length;
    console.log(`\nThree languages on one site with hreflang (${opts.multilingual.join(", ")}): ${m.pages} pages, ${m.topics} topics, topics of 3+ pages holding every language ${m.topicsInEveryLanguage}, NMI against the chapters ${m.nmi}`);
    console.log(`  languages: ${m.languages.map((l) => `${l.code} ${l.pages} pages in ${l.topics.length} topics`).join(", ")}`);
    console.log(`  planted hreflang faults reported: ${reported}/${m.faults.length}`);
    for (const f of m.faults) console.log(`    ${f.reported ? "reported" : "MISSED  "} ${f.fault.code} on ${f.fault.page}: ${f.fault.what}`);
    if (m.otherFindings.length) console.log(`  other site issues: ${m.otherFindings.join(", ")}`);
  }
  console.log(ok ? "every language target met" : "language targets missed (marked ✗)");
  return ok;
}
