import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { Config } from "../config";
import { parsePostgresUrl } from "./postgres-url";

/**
 * Applies the committed migrations for the configured database and records each in `_prisma_migrations` the way
 * Prisma does (same table, checksum = sha256 of migration.sql), so a machine with Prisma's native engine sees the
 * same history. Prisma's own `migrate deploy` cannot run through the PostgreSQL driver adapter, hence this step.
 */
export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** SQLite waits this long for a lock held by the other process (web server and worker share the file). */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

const MIGRATIONS_TABLE_SQLITE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const MIGRATIONS_TABLE_POSTGRES = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

export function migrationsDir(kind: Config["databaseKind"], root = process.cwd()): string {
  return kind === "sqlite" ? path.join(root, "prisma", "migrations") : path.join(root, "prisma", "postgres", "migrations");
}

export function readMigrations(dir: string): MigrationFile[] {
  if (!fs.existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(cfg: Pick<Config, "databaseKind" | "databaseUrl">, root = process.cwd()): Promise<MigrationResult> {
  const migrations = readMigrations(migrationsDir(cfg.databaseKind, root));
  return cfg.databaseKind === "sqlite" ? migrateSqlite(cfg.databaseUrl, migrations) : migratePostgres(cfg.databaseUrl, migrations);
}

function checkHistory(applied: Map<string, string>, migrations: MigrationFile[]): void {
  for (const m of migrations) {
    const checksum = applied.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied to this database (checksum differs)`);
    }
  }
}

function migrateSqlite(file: string, migrations: MigrationFile[]): MigrationResult {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    // WAL lets the web server read while the worker writes; it is a property of the file, set once here.
    db.pragma("journal_mode = WAL");
    db.exec(MIGRATIONS_TABLE_SQLITE);
    const rows = db.prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`).all() as { migration_name: string; checksum: string }[];
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkHistory(applied, migrations);
    const done: string[] = [];
    // Prisma redefines a SQLite table by copying it, dropping the old one and renaming the copy, between
    // PRAGMA foreign_keys=OFF/ON lines that SQLite ignores inside a transaction: with the keys enforced, dropping
    // Site would cascade to every scan. The keys are off for the run and checked before each migration commits.
    db.pragma("foreign_keys = OFF");
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      const apply = db.transaction(() => {
        db.exec(m.sql);
        const dangling = db.pragma("foreign_key_check") as unknown[];
        if (dangling.length > 0) throw new Error(`migration ${m.name} would leave ${dangling.length} rows whose foreign keys point nowhere; nothing was changed`);
        db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`)
          .run(crypto.randomUUID(), m.checksum, new Date().toISOString(), m.name, new Date().toISOString());
      });
      apply.immediate();
      done.push(m.name);
    }
    return { applied: done, alreadyApplied: applied.size };
  } finally {
    db.close();
  }
}

/** Serialises concurrent migrate runs from several machines (arbitrary constant key for pg_advisory_lock). */
const PG_MIGRATE_LOCK_KEY = 72_707_101;

async function migratePostgres(url: string, migrations: MigrationFile[]): Promise<MigrationResult> {
  const target = parsePostgresUrl(url);
  const client = new pg.Client({ connectionString: target.searchPathUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
    await client.query("SELECT pg_advisory_lock($1)", [PG_MIGRATE_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE_POSTGRES);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkHistory(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)`,
          [crypto.randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
      done.push(m.name);
    }
    return { applied: done, alreadyApplied: applied.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_MIGRATE_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
