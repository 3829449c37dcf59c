import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import type { Config } from "../config";
import { SQLITE_BUSY_TIMEOUT_MS } from "./migrate";
import { parsePostgresUrl } from "./postgres-url";

/**
 * The one place where the database backend is chosen. Both generated clients have the same model API (the schemas
 * are twins), so the rest of lib/db is written once against the SQLite client's type.
 */
export type Db = PrismaClient;

export function openDatabase(cfg: Pick<Config, "databaseKind" | "databaseUrl">): Db {
  if (cfg.databaseKind === "sqlite") {
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: cfg.databaseUrl, timeout: SQLITE_BUSY_TIMEOUT_MS }) });
  }
  const target = parsePostgresUrl(cfg.databaseUrl);
  // A restarted server terminates idle pooled connections: the pool drops them and the next query reconnects.
  // Without these handlers the terminations would surface as uncaught errors and stop the process.
  const onDropped = () => undefined;
  const client = new PgPrismaClient({
    adapter: new PrismaPg({ connectionString: target.searchPathUrl }, { schema: target.schema, onPoolError: onDropped, onConnectionError: onDropped }),
  });
  return client as unknown as Db;
}
