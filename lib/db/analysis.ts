import type { AnalysisResult } from "../analyze/types";
import type { Db } from "./client";

/** Stores what the gates concluded: a row per page, per topic, and per recommendation (replacing a previous run's). */
export async function saveAnalysis(db: Db, scanId: string, pageIds: Map<string, number>, result: AnalysisResult): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.pageAnalysis.deleteMany({ where: { scanId } });
    await tx.topic.deleteMany({ where: { scanId } });
    await tx.recommendation.deleteMany({ where: { scanId } });
    await tx.pageAnalysis.createMany({
      data: result.pages
        .filter((p) => pageIds.has(p.url))
        .map((p) => ({
          scanId,
          pageId: pageIds.get(p.url) as number,
          topicKey: p.topicId,
          topicSimilarity: p.topicSimilarity,
          pagerank: p.pagerank,
          inlinks: p.inlinks,
          outlinks: p.outlinks,
          isUtility: p.isUtility,
          forgetAction: p.forget.action,
          forgetScore: p.forget.score,
          forgetReasons: p.forget.reasons,
          mergeInto: p.forget.mergeInto ?? null,
        })),
    });
    await tx.topic.createMany({
      data: result.topics.map((t) => ({
        scanId,
        topicKey: t.id,
        label: t.label,
        keyphrases: t.keyphrases,
        isCore: t.isCore,
        pillarUrl: t.pillarUrl,
        pageCount: t.pageCount,
        cohesion: t.cohesion,
        coverage: t.coverage,
        authority: t.authority,
      })),
    });
    await tx.recommendation.createMany({
      data: [
        ...result.pages
          .filter((p) => p.forget.action !== "keep")
          .map((p) => ({ scanId, kind: p.forget.action, pageUrl: p.url, targetUrl: p.forget.mergeInto ?? null, score: p.forget.score, data: { reasons: p.forget.reasons } })),
        ...result.gaps.map((g) => ({ scanId, kind: "gap", pageUrl: null, targetUrl: null, score: g.evidence.length, data: g as unknown as object })),
        ...(result.search?.quickWins ?? []).map((w) => ({ scanId, kind: "quick-win", pageUrl: w.url, targetUrl: null, score: w.impressions, data: w as unknown as object })),
        ...result.linkSuggestions.map((s) => ({ scanId, kind: "link", pageUrl: s.fromUrl, targetUrl: s.toUrl, score: s.score, data: s as unknown as object })),
      ],
    });
  });
}
