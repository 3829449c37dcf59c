/**
 * The PostgreSQL schema is the SQLite schema with another datasource and client output; nothing else may differ.
 * scripts/db-generate.ts writes it and a unit test fails when the committed twin has drifted.
 */
export function postgresTwin(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(/url\s+= "file:[^"]*"/, 'url      = "postgresql://localhost:5432/topicgate"')
    .replace('output     = "../lib/generated/prisma"', 'output     = "../../lib/generated/prisma-pg"')
    .replace("// SQLite (embedded default).", "// GENERATED from prisma/schema.prisma by `npm run db:generate`: edit that file, not this one.\n// PostgreSQL (scale-out).");
  if (replaced === sqliteSchema) throw new Error("prisma/schema.prisma does not have the expected datasource block");
  return replaced;
}
