import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Used only for `generate` and `migrate diff` of the PostgreSQL twin (scripts/db-generate.ts); migrations are applied
// by lib/db/migrate.ts (the native schema engine that `migrate deploy` needs is not available everywhere).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/postgres" }),
});
