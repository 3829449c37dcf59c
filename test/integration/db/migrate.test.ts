import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrate, migrationsDir, readMigrations } from "@/lib/db/migrate";

const PG_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

describe("migrate", () => {
  it("creates a SQLite file in WAL mode, applies every migration once and records it as Prisma does", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-migrate-"));
    const file = path.join(dir, "nested", "topicgate.db");
    const first = await migrate({ databaseKind: "sqlite", databaseUrl: file });
    const expected = readMigrations(migrationsDir("sqlite")).map((m) => m.name);
    expect(first.applied).toEqual(expected);
    const second = await migrate({ databaseKind: "sqlite", databaseUrl: file });
    expect(second.applied).toEqual([]);
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    const rows = db.prepare(`SELECT migration_name, checksum FROM _prisma_migrations`).all() as { migration_name: string; checksum: string }[];
    const sql = fs.readFileSync(path.join(migrationsDir("sqlite"), expected[0], "migration.sql"), "utf8");
    expect(rows[0]).toEqual({ migration_name: expected[0], checksum: crypto.createHash("sha256").update(sql).digest("hex") });
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["Site", "Scan", "FrontierEntry", "Page", "Link", "Job", "ApiKey", "Schedule"]));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps every site, scan and page of an existing SQLite database through migrations that redefine tables", async () => {
    const all = readMigrations(migrationsDir("sqlite"));
    const redefining = all.findIndex((m) => m.sql.includes("DROP TABLE \"Site\""));
    expect(redefining).toBeGreaterThan(0);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "tg-migrate-"));
    const copy = (upTo: number) => {
      for (const m of all.slice(0, upTo)) {
        fs.mkdirSync(path.join(root, "prisma", "migrations", m.name), { recursive: true });
        fs.writeFileSync(path.join(root, "prisma", "migrations", m.name, "migration.sql"), m.sql);
      }
    };
    const file = path.join(root, "t.db");
    copy(redefining);
    await migrate({ databaseKind: "sqlite", databaseUrl: file }, root);
    const db = new Database(file);
    // a row with every NOT NULL column without a default filled, whatever the schema held at that migration
    const insert = (table: string, values: Record<string, unknown>) => {
      const cols = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[];
      const row: Record<string, unknown> = {};
      for (const c of cols) {
        if (c.name in values) row[c.name] = values[c.name];
        else if (c.notnull && c.dflt_value === null && !(c.pk && c.type === "INTEGER")) row[c.name] = /INT|REAL|DECIMAL|BOOLEAN/.test(c.type) ? 0 : /DATE/.test(c.type) ? new Date().toISOString() : /JSON/.test(c.type) ? "{}" : `${c.name}-x`;
      }
      const names = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`).run(...Object.values(row));
    };
    insert("Site", { id: "site-1", url: "https://example.test/" });
    insert("Scan", { id: "scan-1", siteId: "site-1", url: "https://example.test/" });
    insert("Page", { scanId: "scan-1", url: "https://example.test/", requestedUrl: "https://example.test/" });
    db.close();
    copy(all.length);
    const upgraded = await migrate({ databaseKind: "sqlite", databaseUrl: file }, root);
    expect(upgraded.applied.length).toBe(all.length - redefining);
    const after = new Database(file);
    const count = (t: string) => (after.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
    expect([count("Site"), count("Scan"), count("Page")]).toEqual([1, 1, 1]);
    expect(after.pragma("foreign_key_check")).toEqual([]);
    after.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tg-migrate-"));
    const file = path.join(dir, "t.db");
    await migrate({ databaseKind: "sqlite", databaseUrl: file });
    const db = new Database(file);
    db.prepare(`UPDATE _prisma_migrations SET checksum = 'edited'`).run();
    db.close();
    await expect(migrate({ databaseKind: "sqlite", databaseUrl: file })).rejects.toThrow(/changed after it was applied/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("applies the PostgreSQL migrations to a real PostgreSQL server, once", async () => {
    const schema = `tg_migrate_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = `${PG_URL}?schema=${schema}`;
    try {
      const first = await migrate({ databaseKind: "postgresql", databaseUrl: url });
      expect(first.applied).toEqual(readMigrations(migrationsDir("postgresql")).map((m) => m.name));
      expect((await migrate({ databaseKind: "postgresql", databaseUrl: url })).applied).toEqual([]);
      const { rows } = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema]);
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["Site", "Scan", "Page", "Job", "_prisma_migrations"]));
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
