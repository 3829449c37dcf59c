import type { Db } from "./client";

/** A secret the installation made for itself: created on first use, the same for every process afterwards. */
export async function instanceSecret(db: Db, name: string, generate: () => string): Promise<string> {
  const found = await db.instanceSecret.findUnique({ where: { name } });
  if (found) return found.value;
  try {
    return (await db.instanceSecret.create({ data: { name, value: generate() } })).value;
  } catch (error) {
    // another process created it first (unique name): use theirs
    if ((error as { code?: string }).code !== "P2002") throw error;
    return (await db.instanceSecret.findUniqueOrThrow({ where: { name } })).value;
  }
}

export async function readInstanceSecret(db: Db, name: string): Promise<string | null> {
  return (await db.instanceSecret.findUnique({ where: { name } }))?.value ?? null;
}

export async function writeInstanceSecret(db: Db, name: string, value: string): Promise<void> {
  await db.instanceSecret.upsert({ where: { name }, create: { name, value }, update: { value } });
}

export async function deleteInstanceSecret(db: Db, name: string): Promise<void> {
  await db.instanceSecret.deleteMany({ where: { name } });
}
