import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

export interface TestDatabase {
  db: Db;
  file: string;
  dir: string;
  close(): Promise<void>;
}

/** A real SQLite file in a fresh temporary folder, migrated with the committed migrations. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "topicgate-test-"));
  const file = path.join(dir, "topicgate.db");
  await migrate({ databaseKind: "sqlite", databaseUrl: file });
  const db = openDatabase({ databaseKind: "sqlite", databaseUrl: file });
  return {
    db,
    file,
    dir,
    async close() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
