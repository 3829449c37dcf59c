import type { AnalysisResult } from "@/lib/analyze/types";
import { saveAnalysis } from "@/lib/db/analysis";
import type { Db } from "@/lib/db/client";
import { savePageMapPositions } from "@/lib/db/page-map";
import { insertPagesAndLinks } from "@/lib/db/pages";
import { createScan, finishScan, setScanEncoder, setScanStatus } from "@/lib/db/scans";
import { upsertSite } from "@/lib/db/sites";

const TOPICS = ["gardening", "astronomy", "cooking", "cycling", "photography", "chess", "sailing", "pottery"];

/**
 * A finished scan of `n` pages written straight through lib/db (no crawl): pages, content links, analysis rows,
 * topics, recommendations and map positions, so dashboard tables and benchmarks can run at 20,000 pages in seconds.
 */
export async function generateScan(db: Db, n: number, host = `gen-${n}.example`): Promise<{ scanId: string; siteId: string; urls: string[] }> {
  const site = await upsertSite(db, `https://${host}/`);
  const scan = await createScan(db, { siteId: site.id, url: site.url, options: { maxPages: n, maxDepth: 10, concurrency: 4, allowPrivate: false }, trigger: "manual" });
  const urls = Array.from({ length: n }, (_, i) => `https://${host}/${TOPICS[i % TOPICS.length]}/page-${String(i).padStart(6, "0")}`);
  const pages = urls.map((url, i) => ({
    url, depth: 1 + (i % 6), status: 200, contentType: "text/html", title: `${TOPICS[i % TOPICS.length]} guide ${i}`,
    mainText: `${TOPICS[i % TOPICS.length]} text ${i}`, wordCount: 150 + ((i * 37) % 1800), contentHash: `h${i}`,
  }));
  const links = urls.flatMap((from, i) => [1, 8, 97].map((step) => ({ fromUrl: from, toUrl: urls[(i + step) % n], anchor: `${TOPICS[(i + step) % TOPICS.length]} guide`, position: "content", nofollow: false, rel: null })));
  await insertPagesAndLinks(db, scan.id, pages, links);
  const actions = ["keep", "keep", "keep", "update", "keep", "merge", "keep", "prune"] as const;
  const result: AnalysisResult = {
    site: {
      authority: 61.5,
      gates: { core: 70, input: 55, forget: 80, output: 45 },
      explanation: `Generated scan of ${n} pages in ${TOPICS.length} topics.`,
      formula: "authority = 0.3*core + 0.2*input + 0.2*forget + 0.3*output",
      linking: { contentLinks: links.length, templateLinks: 0, brokenLinks: 0, alignment: 0.5, communityTopicNmi: 0.4, hubCompleteness: 0.3, orphanShare: 0.01 },
    },
    topics: TOPICS.map((label, k) => ({
      id: k, label, keyphrases: [`${label} tips`, `${label} basics`], isCore: k < 4, pillarUrl: urls[k], pageCount: Math.ceil(n / TOPICS.length),
      cohesion: 0.5 + k / 40, coverage: 0.4 + k / 20, authority: 40 + k * 5, pagerankShare: 1 / TOPICS.length, hubCompleteness: 0.3,
    })),
    pages: urls.map((url, i) => {
      const action = actions[i % actions.length];
      return {
        url, topicId: i % TOPICS.length, topicSimilarity: 0.3 + ((i * 13) % 70) / 100, pagerank: (1 + ((i * 7919) % 1000)) / (n * 500), inlinks: i % 500 === 0 ? 0 : 3, outlinks: 3,
        templateInlinks: 0, templateOutlinks: 0, brokenOutlinks: 0, isOrphan: i % 500 === 0, isUtility: false,
        forget: { score: action === "keep" ? 0.1 : 0.4 + ((i * 17) % 60) / 100, action, reasons: action === "keep" ? [] : [`thin content (${150 + ((i * 37) % 1800)} words)`], ...(action === "merge" ? { mergeInto: urls[(i + 8) % n] } : {}) },
      };
    }),
    gaps: TOPICS.slice(0, 4).flatMap((label, k) => [0, 1, 2].map((j) => ({ topicId: k, keyphrase: `${label} subtopic ${j}`, evidence: urls.slice(k + j * 8, k + j * 8 + 3 + j) }))),
    linkClusters: [],
    findings: [],
    linkSuggestions: urls.slice(0, Math.min(n, 2000)).map((from, i) => ({ fromUrl: from, toUrl: urls[(i + 16) % n], anchor: `${TOPICS[i % TOPICS.length]} guide ${(i + 16) % n}`, context: `Read the ${TOPICS[i % TOPICS.length]} guide ${(i + 16) % n} next.`, score: 0.2 + ((i * 31) % 80) / 100, reason: "same topic, not linked yet" })),
  };
  const ids = new Map((await db.page.findMany({ where: { scanId: scan.id }, select: { id: true, url: true } })).map((p) => [p.url, p.id]));
  await saveAnalysis(db, scan.id, ids, result);
  await savePageMapPositions(db, scan.id, urls.map((url, i) => ({ pageId: ids.get(url) as number, x: ((i % TOPICS.length) % 4) / 4 + ((i * 7) % 100) / 500, y: Math.floor((i % TOPICS.length) / 4) / 2 + ((i * 13) % 100) / 250 })));
  await setScanEncoder(db, scan.id, { backend: "cpu", vocabSize: 4000, embeddingDim: 32, hiddenUnits: 64, bidirectional: true, seqLen: 32, tokensTrained: 100000, trainSeconds: 12, tokensEncoded: 200000, encodeSeconds: 3, heldOutPerplexity: 180, unigramPerplexity: 420, lossCurve: [7.2, 6.5, 6.1, 5.8, 5.6, 5.5] });
  await setScanStatus(db, scan.id, "analyzing", { startedAt: new Date() });
  await finishScan(db, scan.id, { report: { schemaVersion: 1, site: result.site }, authority: result.site.authority });
  return { scanId: scan.id, siteId: site.id, urls };
}
