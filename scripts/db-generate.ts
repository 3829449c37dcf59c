/**
 * Keeps the PostgreSQL twin of the schema in step and generates both Prisma clients.
 *
 *   tsx scripts/db-generate.ts                     write prisma/postgres/schema.prisma, generate both clients
 *   tsx scripts/db-generate.ts --migration NAME    also write a migration for each provider (needs PostgreSQL
 *                                                  reachable at DATABASE_URL or 127.0.0.1:5432 for the diff)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { postgresTwin } from "../lib/db/schema-twin";

const root = path.resolve(__dirname, "..");
const sqliteSchema = path.join(root, "prisma", "schema.prisma");
const pgSchema = path.join(root, "prisma", "postgres", "schema.prisma");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

function prisma(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(prismaBin, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function writeMigration(name: string): void {
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const pgUrl = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/postgres";
  const targets = [
    { schema: sqliteSchema, dir: path.join(root, "prisma", "migrations"), config: path.join(root, "prisma.config.ts"), env: {} as Record<string, string> },
    { schema: pgSchema, dir: path.join(root, "prisma", "postgres", "migrations"), config: path.join(root, "prisma", "postgres", "prisma.config.ts"), env: { DATABASE_URL: pgUrl } },
  ];
  for (const t of targets) {
    // Each migration folder keeps the schema it was generated from, so the next migration is a diff from it.
    const snapshot = path.join(t.dir, "schema.snapshot.prisma");
    const from = fs.existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
    const sql = prisma(["migrate", "diff", "--config", t.config, ...from, "--to-schema-datamodel", t.schema, "--script"], t.env);
    if (/^-- This is an empty migration/m.test(sql)) {
      console.log(`${path.relative(root, t.dir)}: schema unchanged, no migration written`);
      continue;
    }
    const folder = path.join(t.dir, `${stamp}_${name}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "migration.sql"), sql);
    fs.copyFileSync(t.schema, snapshot);
    console.log(`wrote ${path.relative(root, folder)}/migration.sql`);
  }
  fs.writeFileSync(path.join(root, "prisma", "migrations", "migration_lock.toml"), 'provider = "sqlite"\n');
  fs.writeFileSync(path.join(root, "prisma", "postgres", "migrations", "migration_lock.toml"), 'provider = "postgresql"\n');
}

function main(): void {
  fs.writeFileSync(pgSchema, postgresTwin(fs.readFileSync(sqliteSchema, "utf8")));
  prisma(["generate", "--config", path.join(root, "prisma.config.ts")]);
  prisma(["generate", "--config", path.join(root, "prisma", "postgres", "prisma.config.ts")]);
  const i = process.argv.indexOf("--migration");
  if (i >= 0) {
    const name = process.argv[i + 1];
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("--migration needs a name of lowercase letters, digits and _");
    writeMigration(name);
  }
}

main();
