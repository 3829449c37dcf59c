import type { Db } from "./client";

/** API keys: only the sha-256 of a key is stored; the key itself is shown once when it is created. */
export type KeyScope = "read" | "write";

export interface ApiKeyRow {
  id: string;
  workspaceId: string;
  /** read: GET only; write: also starts, changes and cancels */
  scope: KeyScope;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const KEY_COLUMNS = { id: true, workspaceId: true, scope: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function insertApiKey(db: Db, key: { name: string; hash: string; prefix: string; workspaceId: string; scope: KeyScope }): Promise<ApiKeyRow> {
  return (await db.apiKey.create({ data: key, select: KEY_COLUMNS })) as ApiKeyRow;
}

export async function findApiKeyByHash(db: Db, hash: string): Promise<ApiKeyRow | null> {
  return (await db.apiKey.findUnique({ where: { hash }, select: KEY_COLUMNS })) as ApiKeyRow | null;
}

/** The keys of one workspace, or of every workspace when none is named (the local CLI). */
export async function listApiKeys(db: Db, workspaceId?: string): Promise<ApiKeyRow[]> {
  return (await db.apiKey.findMany({ where: workspaceId ? { workspaceId } : {}, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: KEY_COLUMNS })) as ApiKeyRow[];
}

/** Returns false when the key does not exist or was already revoked. */
export async function revokeApiKey(db: Db, id: string, now = new Date()): Promise<boolean> {
  const r = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return r.count === 1;
}

export async function touchApiKey(db: Db, id: string, now = new Date()): Promise<void> {
  await db.apiKey.updateMany({ where: { id }, data: { lastUsedAt: now } });
}
