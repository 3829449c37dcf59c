import crypto from "node:crypto";
import pg from "pg";

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
