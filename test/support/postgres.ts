import crypto from "node:crypto";
import pg from "pg";
import { openDatabase, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";

export const PG_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/** A fresh schema on the real PostgreSQL server; `url` selects it the Prisma way (?schema=). */
export async function createTestSchema(prefix = "tg"): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  return {
    schema,
    url: `${PG_URL}?schema=${schema}`,
    async drop() {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
      await admin.end();
    },
  };
}

/** A migrated test schema and two clients on it: two stateless servers sharing one PostgreSQL database. */
export async function twoPostgresServers(prefix: string): Promise<{ a: Db; b: Db; close(): Promise<void> }> {
  const schema = await createTestSchema(prefix);
  await migrate({ databaseKind: "postgresql", databaseUrl: schema.url });
  const a = openDatabase({ databaseKind: "postgresql", databaseUrl: schema.url });
  const b = openDatabase({ databaseKind: "postgresql", databaseUrl: schema.url });
  return {
    a,
    b,
    async close() {
      await a.$disconnect();
      await b.$disconnect();
      await schema.drop();
    },
  };
}
