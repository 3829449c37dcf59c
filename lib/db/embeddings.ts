import type { Db } from "./client";

export function vectorToBytes(v: Float32Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer);
}

export function bytesToVector(b: Uint8Array): Float32Array {
  const copy = new Uint8Array(b); // aligned copy: the driver's buffer may start at any offset
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

/** Replaces the scan's page vectors (a resumed encode phase writes them again). */
export async function saveEmbeddings(db: Db, scanId: string, vectors: { pageId: number; vector: Float32Array }[]): Promise<void> {
  await db.embedding.deleteMany({ where: { scanId } });
  const BATCH = 500;
  for (let i = 0; i < vectors.length; i += BATCH) {
    await db.embedding.createMany({
      data: vectors.slice(i, i + BATCH).map((v) => ({ scanId, pageId: v.pageId, dim: v.vector.length, vector: vectorToBytes(v.vector) })),
    });
  }
}

export async function loadEmbeddings(db: Db, scanId: string): Promise<Map<number, Float32Array>> {
  const rows = await db.embedding.findMany({ where: { scanId }, select: { pageId: true, vector: true } });
  return new Map(rows.map((r) => [r.pageId, bytesToVector(r.vector)]));
}

export interface StoredEncoderModel {
  scanId: string;
  siteId: string;
  backend: string;
  config: Record<string, unknown>;
  vocab: string[];
  weights: Uint8Array;
  stats: Record<string, unknown>;
}

export async function saveEncoderModel(db: Db, model: StoredEncoderModel): Promise<void> {
  const data = {
    siteId: model.siteId,
    backend: model.backend,
    config: model.config as object,
    vocab: model.vocab,
    weights: new Uint8Array(model.weights),
    stats: model.stats as object,
  };
  await db.encoderModel.upsert({ where: { scanId: model.scanId }, create: { scanId: model.scanId, ...data }, update: data });
}

/** The most recent model trained for a site (warm start of a recrawl), other than the given scan's. */
export async function latestEncoderModel(db: Db, siteId: string, excludeScanId?: string): Promise<StoredEncoderModel | null> {
  const row = await db.encoderModel.findFirst({
    where: { siteId, ...(excludeScanId ? { scanId: { not: excludeScanId } } : {}) },
    orderBy: { createdAt: "desc" },
  });
  if (!row) return null;
  return {
    scanId: row.scanId,
    siteId: row.siteId,
    backend: row.backend,
    config: row.config as Record<string, unknown>,
    vocab: row.vocab as string[],
    weights: new Uint8Array(row.weights),
    stats: row.stats as Record<string, unknown>,
  };
}
