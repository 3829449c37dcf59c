/**
 * PostgreSQL URLs may name a schema the Prisma way (`?schema=name`). The pg driver does not know that parameter:
 * it is taken out of the URL and given to the Prisma adapter, and to plain pg clients as their search_path.
 */
export interface PostgresTarget {
  /** the URL without `schema`, for the pg driver */
  connectionString: string;
  schema: string;
  /** the URL with the schema as search_path, for pg clients that run unqualified SQL (migrations, pg-boss) */
  searchPathUrl: string;
}

export function parsePostgresUrl(url: string): PostgresTarget {
  const u = new URL(url);
  const schema = u.searchParams.get("schema") ?? "public";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`Invalid configuration: schema "${schema}" in DATABASE_URL must be a plain identifier`);
  u.searchParams.delete("schema");
  const connectionString = u.toString();
  u.searchParams.set("options", `-c search_path=${schema}`);
  return { connectionString, schema, searchPathUrl: u.toString() };
}
