import type { Db } from "./client";

/** Stores each page's topic-map position on its analysis row (written after the gates, read by the map and graph). */
export async function savePageMapPositions(db: Db, scanId: string, positions: { pageId: number; x: number; y: number }[]): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const p of positions) await tx.pageAnalysis.updateMany({ where: { scanId, pageId: p.pageId }, data: { mapX: p.x, mapY: p.y } });
  });
}
