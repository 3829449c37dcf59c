import { Prisma } from "../generated/prisma/client";

/** Shared pieces of the crawler's raw SQL (portable between SQLite and PostgreSQL). */

export const byUrl = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rows per INSERT statement: keeps bound parameters (5 per row) under SQLite's 32,766 and PostgreSQL's 65,535. */
export const INSERT_CHUNK = 500;

/**
 * JSON text both backends read back as the same strings: JSON.stringify escapes lone surrogates and NUL, which
 * PostgreSQL refuses to turn into text; they become U+FFFD, as a text parameter's UTF-8 encoding would make them.
 */
export function portableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes("\\u") ? json.replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, "$1\\ufffd") : json;
}

/** `(? = 1)` yields a boolean on PostgreSQL and 0/1 on SQLite, the storage each backend uses for Prisma's Boolean. */
export const bool = (b: boolean): Prisma.Sql => Prisma.sql`(${b ? 1 : 0} = 1)`;

