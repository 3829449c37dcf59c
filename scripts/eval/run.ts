/**
 * The four gates measured on five real sites of different styles, each served on 127.0.0.1 and scanned through the
 * product pipeline (crawl, sequence model training and encoding, analysis):
 *   python3.11-doc, python-django-doc (Sphinx), sqlite3-doc (hand-written HTML), debian-handbook (a DocBook book,
 *   en-US), ikiwiki (a wiki with a blog).
 * Each site's audit variant has injected off-topic, thin and near-duplicate pages written in its own template and a
 * tenth of its editorial links held out; topics are measured against the site's sections. Constants are tuned
 * leave-one-site-out: each site's figures come from the values that did best on the other four, and the table reports
 * those held-out figures. The handbook also runs the crawl checks: the same site with its links answering 301, and
 * without its canonicals to another host.
 *
 *   npm run eval                                full run (downloads the Debian packages on first use)
 *   npm run eval -- --reuse-scans               re-analyse the scans kept in .cache/eval/scans (no crawl, no training)
 *   npm run eval -- --sites sqlite3-doc,ikiwiki a subset (leave-one-out over the subset)
 *   npm run eval -- --no-tune                   the defaults of lib/analyze/options.ts, no sweeps
 *   npm run eval -- --encoder lstm              the sequence model the scans use (their cache is kept per encoder)
 *   npm run eval -- --languages de-DE,fr-FR,ja-JP,zh-CN   the handbook in those languages beside English, and a site
 *                                               serving three languages with hreflang (see languages.ts)
 *   npm run eval -- --reuse-scans --sweep-dir D [--sites a --sweep-only]
 *                                               keep each site's sweeps in D/<site>.json and reuse them: sweep sites in
 *                                               parallel processes, then one run over all sites reads them (clear D
 *                                               whenever the analysis changes)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { analyzeSite, DEFAULT_OPTIONS } from "../../lib/analyze";
import type { AnalysisOptions, AnalysisResult } from "../../lib/analyze/types";
import { baselineNmi, compareAudits, linkMeasures, pruningMeasures, r4, RECALL_AT, topicNmi, type CrawlComparison } from "./measures";
import { ablate, printAblation, type AblationRow } from "./ablation";
import { ENCODERS, type EncoderName, type ScannedSite } from "./scan";
import { scanEvalSite, type SiteScans } from "./site-scans";
import { EVAL_SITES } from "./sites";
import { runLanguageEval } from "./languages";

const TARGETS = { recallRatio: 1.3, pruneQuality: 0.9, originalsFlaggedShare: 0.02, authorityDelta: 2 } as const;
/** Analysis seeds each NMI is averaged over: one k-means seeding moves NMI by +-0.02. */
const NMI_SEEDS = [42, 43];
/**
 * A weight other than the product's default is chosen only when it beats the default's mean NMI by more than one
 * seeding's spread: a smaller gain is noise (on one earlier set of scans, following it moved the handbook from 0.60 to
 * 0.44 while the other four sites gained 0.00-0.03 each).
 */
const NMI_NOISE = 0.02;
/** Tuned leave-one-site-out: the sequence model's share of the page vectors, by topic NMI. */
const LSTM_WEIGHTS = [0, 0.1, 0.2, 0.4];
/** Tuned leave-one-site-out: the foreign-vocabulary off-topic rule, by pruning quality. */
const OFF_TOPIC_GRID = [0.5, 0.6, 0.7].flatMap((vocabulary) => [1.25, 1.5].map((lexical) => ({ vocabulary, lexical })));
/** Sweeps measure topics and pruning: no link suggestions (they do not change either). */
const SWEEP_OPTIONS: Partial<AnalysisOptions> = { ablation: false, maxSuggestionsPerSource: 0 };

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const reuse = flag("--reuse-scans");
const sweepDir = value("--sweep-dir");
const sweepOnly = flag("--sweep-only");
if (sweepOnly && !sweepDir) throw new Error("--sweep-only keeps its sweeps in --sweep-dir");
const tune = !flag("--no-tune");
const encoder = (value("--encoder") ?? "lstm") as EncoderName;
if (!ENCODERS.includes(encoder)) throw new Error(`--encoder ${encoder}: this build has ${ENCODERS.join(", ")}`);
const wanted = value("--sites")?.split(",").filter(Boolean);
const sites = EVAL_SITES.filter((s) => !wanted || wanted.includes(s.name));
if (wanted && sites.length !== wanted.length) throw new Error(`--sites: unknown site in ${wanted.join(",")} (known: ${EVAL_SITES.map((s) => s.name).join(", ")})`);

const log = (msg: string) => process.stderr.write(`[eval ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function analyse(scan: ScannedSite, options: Partial<AnalysisOptions>): AnalysisResult {
  // suggestions per source: the measure's depth (recall@10)
  return analyzeSite({ ...scan.input, options: { ...(scan.input.options ?? {}), maxSuggestionsPerSource: RECALL_AT, ...options } });
}

/** Pruning quality: the worse of precision and recall, less what flagging more than 2% of real pages costs. */
function pruningScore(m: ReturnType<typeof pruningMeasures>): number {
  return Math.min(m.precision, m.recall) - Math.max(0, m.originalsFlaggedShare - TARGETS.originalsFlaggedShare) * 10;
}

/**
 * The candidate with the best mean score over `others`; a candidate listed later (further from the defaults) must beat
 * the best so far by more than `margin` (ties and noise keep the one nearest the defaults).
 */
function chooseOn<T>(candidates: T[], others: string[], score: (site: string, c: T) => number, margin = 1e-9): T {
  let best = candidates[0];
  let bestScore = -Infinity;
  for (const c of candidates) {
    const s = mean(others.map((site) => score(site, c)));
    if (s > bestScore + (bestScore === -Infinity ? 0 : margin)) [best, bestScore] = [c, s];
  }
  return best;
}

/** Candidates ordered from the product's default outwards, so ties keep the default. */
const byDistance = <T>(xs: T[], d: (x: T) => number) => [...xs].sort((a, b) => d(a) - d(b));

interface SiteFigures {
  site: string;
  pages: number;
  tunedOn: string[];
  chosen: { lstmWeight: number; offTopicVocabularyRatio: number; offTopicLexicalRatio: number };
  nmi: number;
  nmiBaseline: number;
  nmiStrongBaseline: number;
  k: number;
  links: ReturnType<typeof linkMeasures>;
  pruning: ReturnType<typeof pruningMeasures>;
  authority: number;
  gates: AnalysisResult["site"]["gates"];
  findings: string[];
  labels: string[];
}

async function main(): Promise<void> {
  const started = Date.now();
  const scans: SiteScans[] = [];
  for (const site of sites) scans.push(await scanEvalSite(site, { encoder, reuse, crawlChecks: site.name === "debian-handbook" }));

  // Sweeps: every candidate value analysed on every site.
  const nmiBy = new Map<string, number>();
  const pruneBy = new Map<string, number>();
  const names = scans.map((s) => s.site.name);
  const weights = byDistance(LSTM_WEIGHTS, (w) => Math.abs(w - DEFAULT_OPTIONS.lstmWeight));
  const grid = byDistance(OFF_TOPIC_GRID, (g) => Math.abs(g.vocabulary - DEFAULT_OPTIONS.offTopicVocabularyRatio) + Math.abs(g.lexical - DEFAULT_OPTIONS.offTopicLexicalRatio));
  if (tune && (scans.length > 1 || sweepOnly)) {
    for (const s of scans) {
      const { scan, truth } = s.audit;
      const kept = sweepDir ? path.join(sweepDir, `${s.site.name}.json`) : null;
      if (kept && existsSync(kept)) {
        const saved = JSON.parse(readFileSync(kept, "utf8")) as { nmi: Record<string, number>; prune: Record<string, number> };
        for (const [k, v] of Object.entries(saved.nmi)) nmiBy.set(k, v);
        for (const [k, v] of Object.entries(saved.prune)) pruneBy.set(k, v);
        log(`${s.site.name}: sweeps read from ${kept}`);
        continue;
      }
      for (const w of weights) {
        const nmis = NMI_SEEDS.map((seed) => topicNmi(scan, truth, analyse(scan, { ...SWEEP_OPTIONS, lstmWeight: w, seed })));
        nmiBy.set(`${s.site.name}|${w}`, mean(nmis));
        log(`${s.site.name}: lstmWeight ${w} -> NMI ${r4(mean(nmis))}`);
      }
      for (const g of grid) {
        const m = pruningMeasures(scan, truth, analyse(scan, { ...SWEEP_OPTIONS, offTopicVocabularyRatio: g.vocabulary, offTopicLexicalRatio: g.lexical }));
        pruneBy.set(`${s.site.name}|${g.vocabulary}|${g.lexical}`, pruningScore(m));
        log(`${s.site.name}: off-topic ${g.vocabulary}/${g.lexical} -> precision ${m.precision}, recall ${m.recall}, originals ${m.originalsFlagged}`);
      }
      if (kept) {
        const mine = (m: Map<string, number>) => Object.fromEntries([...m].filter(([k]) => k.startsWith(`${s.site.name}|`)));
        mkdirSync(path.dirname(kept), { recursive: true });
        writeFileSync(kept, JSON.stringify({ nmi: mine(nmiBy), prune: mine(pruneBy) }, null, 2));
      }
    }
  }
  if (sweepOnly) return;

  const figures: SiteFigures[] = [];
  const ablations: AblationRow[] = [];
  const results = new Map<string, AnalysisResult>();
  for (const s of scans) {
    const others = names.filter((n) => n !== s.site.name);
    const tuned = tune && others.length > 0;
    const w = tuned ? chooseOn(weights, others, (site, c) => nmiBy.get(`${site}|${c}`)!, NMI_NOISE) : DEFAULT_OPTIONS.lstmWeight;
    const g = tuned
      ? chooseOn(grid, others, (site, c) => pruneBy.get(`${site}|${c.vocabulary}|${c.lexical}`)!)
      : { vocabulary: DEFAULT_OPTIONS.offTopicVocabularyRatio, lexical: DEFAULT_OPTIONS.offTopicLexicalRatio };
    const chosen = { lstmWeight: w, offTopicVocabularyRatio: g.vocabulary, offTopicLexicalRatio: g.lexical };
    const { scan, truth } = s.audit;
    const runs = NMI_SEEDS.map((seed, k) => analyse(scan, { ...chosen, seed, ...(k > 0 ? SWEEP_OPTIONS : { ablation: false }) }));
    const result = runs[0];
    results.set(s.site.name, result);
    ablations.push(ablate(s.site.name, encoder, scan, truth, chosen, NMI_SEEDS));
    log(`${s.site.name}: ablation ${JSON.stringify(ablations.at(-1))}`);
    const baselines = baselineNmi(scan, truth, result);
    const links = linkMeasures(scan, truth, result);
    const pruning = pruningMeasures(scan, truth, result);
    figures.push({
      site: s.site.name,
      pages: scan.input.pages.length,
      tunedOn: tuned ? others : [],
      chosen,
      nmi: r4(mean(runs.map((r) => topicNmi(scan, truth, r)))),
      nmiBaseline: baselines.plain,
      nmiStrongBaseline: baselines.strong,
      k: baselines.k,
      links,
      pruning,
      authority: result.site.authority,
      gates: result.site.gates,
      findings: result.findings.map((f) => `${f.code} (${f.pageUrls.length})`),
      labels: result.topics.map((t) => `${t.label}${t.isCore ? "" : " (not core)"}${t.offTopic ? " [off-topic]" : ""}`),
    });
    log(`${s.site.name}: NMI ${figures.at(-1)!.nmi} (baselines ${baselines.plain} / ${baselines.strong}), recall@${RECALL_AT} ${links.recall} vs ${links.baselineRecall}, pruning P ${pruning.precision} R ${pruning.recall}`);
  }

  // Crawl checks on the handbook: redirects and canonicals to another host.
  let crawl: { redirects: CrawlComparison; canonicals: CrawlComparison; canonicalFinding: string | null } | null = null;
  const handbook = scans.find((s) => s.crawlChecks);
  if (handbook?.crawlChecks) {
    const chosen = figures.find((f) => f.site === handbook.site.name)!.chosen;
    const { original, noCanonical, redirects } = handbook.crawlChecks;
    const a = { scan: original, result: analyse(original, chosen) };
    const finding = a.result.findings.filter((f) => f.code === "canonical_other_host");
    crawl = {
      redirects: compareAudits(a, { scan: redirects, result: analyse(redirects, chosen), cleanUrls: true }),
      canonicals: compareAudits({ scan: noCanonical, result: analyse(noCanonical, chosen) }, { ...a, cleanUrls: false }),
      canonicalFinding: finding.length === 1 ? (finding[0].detail ?? "") : null,
    };
  }

  const rows = figures.map((f) => {
    const p = f.pruning;
    const l = f.links;
    return {
      site: f.site,
      pages: f.pages,
      precision: p.precision,
      recall: p.recall,
      originalsFlagged: `${r4(p.originalsFlaggedShare * 100)}% (${p.originalsFlagged}/${p.originals})`,
      chains: p.chains,
      linkRecall: l.recall,
      linkBaseline: l.baselineRecall,
      linkRatio: l.ratio,
      nmi: f.nmi,
      nmiStrong: f.nmiStrongBaseline,
      nmiPlain: f.nmiBaseline,
      pass: {
        precision: p.precision >= TARGETS.pruneQuality,
        recall: p.recall >= TARGETS.pruneQuality,
        originals: p.originalsFlaggedShare <= TARGETS.originalsFlaggedShare,
        chains: p.chains === 0,
        links: l.ratio !== null && l.ratio >= TARGETS.recallRatio,
        nmi: f.nmi >= f.nmiStrongBaseline,
      },
    };
  });
  const results_ = {
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    reusedScans: reuse,
    encoder,
    targets: TARGETS,
    sweeps: { lstmWeight: Object.fromEntries(nmiBy), offTopic: Object.fromEntries(pruneBy) },
    allSites: tune && scans.length > 1
      ? {
          lstmWeight: chooseOn(weights, names, (site, c) => nmiBy.get(`${site}|${c}`)!, NMI_NOISE),
          offTopic: chooseOn(grid, names, (site, c) => pruneBy.get(`${site}|${c.vocabulary}|${c.lexical}`)!),
        }
      : null,
    scans: Object.fromEntries(scans.map((s) => [s.site.name, { pages: s.audit.scan.input.pages.length, links: s.audit.scan.input.links.length, encoder: s.audit.scan.encoder, seconds: Math.round(s.audit.scan.seconds) }])),
    rows,
    figures,
    ablations,
    crawl,
  };
  const out = path.resolve(`.cache/eval/results-${encoder}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results_, null, 2));

  const mark = (ok: boolean) => (ok ? "" : " ✗");
  console.log(`\nTopicGate evaluation, ${sites.length} site(s), encoder ${encoder}, ${results_.seconds} s${tune ? ", constants chosen leave-one-site-out" : ", defaults"}\n`);
  console.log(`| site | pages | prune/merge precision | recall | real pages flagged | merge chains | recall@${RECALL_AT} (TF-IDF baseline) | ratio | NMI (strong / plain baseline) | tuned on the other sites |`);
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const [i, r] of rows.entries()) {
    const f = figures[i];
    console.log(
      `| ${r.site} | ${r.pages} | ${r.precision}${mark(r.pass.precision)} | ${r.recall}${mark(r.pass.recall)} | ${r.originalsFlagged}${mark(r.pass.originals)} | ${r.chains}${mark(r.pass.chains)} | ` +
        `${r.linkRecall} (${r.linkBaseline}) | ${r.linkRatio ?? "-"}${mark(r.pass.links)} | ${r.nmi}${mark(r.pass.nmi)} (${r.nmiStrong} / ${r.nmiPlain}) | ` +
        `lstmWeight ${f.chosen.lstmWeight}, off-topic ${f.chosen.offTopicVocabularyRatio}/${f.chosen.offTopicLexicalRatio} |`,
    );
  }
  if (crawl) {
    const c = crawl;
    console.log(`\ndebian-handbook served through redirects: authority ${c.redirects.authority.join(" -> ")} (delta ${c.redirects.authorityDelta}), content links ${c.redirects.contentLinks.join(" -> ")}, orphans ${c.redirects.orphans.join(" -> ")}, PageRank Spearman ${c.redirects.pagerankSpearman}; issues: ${c.redirects.findings.join(", ") || "none"}`);
    console.log(`debian-handbook with its canonicals to another host: authority ${c.canonicals.authority.join(" (without) -> ")} (delta ${c.canonicals.authorityDelta}), topics ${c.canonicals.topics.join(" -> ")}; issues: ${c.canonicals.findings.join(", ") || "none"}`);
    console.log(`  canonical_other_host: ${c.canonicalFinding ?? "missing or repeated"}`);
  }
  printAblation(ablations);
  if (results_.allSites) console.log(`\nChosen on all ${names.length} sites (the product's defaults): lstmWeight ${results_.allSites.lstmWeight}, off-topic ${results_.allSites.offTopic.vocabulary}/${results_.allSites.offTopic.lexical}`);
  console.log(`Results: ${path.relative(process.cwd(), out)}`);
  const failed = rows.flatMap((r) => Object.entries(r.pass).filter(([, ok]) => !ok).map(([k]) => `${r.site}: ${k}`));
  console.log(failed.length ? `targets missed: ${failed.join(", ")}` : "every target met");
}

const languages = value("--languages");
if (languages !== undefined) {
  const multi = value("--multilingual");
  runLanguageEval(languages.split(",").filter(Boolean), { reuse, multilingual: flag("--no-multilingual") ? null : (multi ?? "en-US,de-DE,fr-FR").split(",").filter(Boolean) }).then(
    (ok) => void (process.exitCode = ok ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
