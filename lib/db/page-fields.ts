import type { Prisma } from "../generated/prisma/client";
import type { Db } from "./client";
import { portableJson } from "./raw-sql";

/** Custom extraction values, one PageField row per page and rule: written with the page, read by tables and reports. */

/** Inside the crawl's commit transaction: the values of stored pages (one JSON parameter, expanded by the database). */
export async function insertFields(tx: Prisma.TransactionClient, scanId: string, rows: { pageId: number; fields: Record<string, string | null> }[]): Promise<void> {
  const chunk: Record<number, unknown[]> = {};
  let k = 0;
  for (const r of rows) for (const [name, value] of Object.entries(r.fields)) chunk[k++] = [String(r.pageId), name, value];
  if (k === 0) return;
  await tx.$executeRaw`INSERT INTO "PageField" ("scanId", "pageId", "name", "value")
    SELECT ${scanId}, CAST(j.value ->> 0 AS INTEGER), j.value ->> 1, j.value ->> 2
    FROM json_each(${portableJson(chunk)}) AS j ORDER BY CAST(j.key AS INTEGER)`;
}

/** The pages table's field filter: `NAME:any` (a value), `NAME:none` (no value), `NAME=VALUE` (that value). */
export function fieldWhere(filter: string | undefined): Prisma.PageWhereInput {
  if (!filter) return {};
  const eq = filter.indexOf("=");
  if (eq > 0) return { fields: { some: { name: filter.slice(0, eq), value: filter.slice(eq + 1) } } };
  const m = /^(.+):(any|none)$/.exec(filter);
  if (!m) return {};
  const has: Prisma.PageWhereInput = { fields: { some: { name: m[1], value: { not: null } } } };
  return m[2] === "any" ? has : { NOT: has };
}

/** Values a filter can offer per rule: "any" and "none", and each value when a rule has at most `max` distinct ones. */
export async function fieldFilterOptions(db: Db, scanId: string, max = 20): Promise<{ value: string; label: string }[]> {
  const groups = await db.pageField.groupBy({ by: ["name", "value"], where: { scanId }, _count: { _all: true }, orderBy: [{ name: "asc" }, { value: "asc" }] });
  const byName = new Map<string, { value: string | null; count: number }[]>();
  for (const g of groups) byName.set(g.name, [...(byName.get(g.name) ?? []), { value: g.value, count: g._count._all }]);
  const out: { value: string; label: string }[] = [];
  for (const [name, values] of byName) {
    out.push({ value: `${name}:any`, label: `${name}: any value` }, { value: `${name}:none`, label: `${name}: none` });
    const real = values.filter((v) => v.value !== null);
    if (real.length <= max) for (const v of real) out.push({ value: `${name}=${v.value}`, label: `${name} = ${(v.value as string).slice(0, 60)} (${v.count})` });
  }
  return out;
}

/** The rule names a scan has values for, in name order. */
export async function fieldNames(db: Db, scanId: string): Promise<string[]> {
  const rows = await db.pageField.findMany({ where: { scanId }, distinct: ["name"], select: { name: true }, orderBy: { name: "asc" } });
  return rows.map((r) => r.name);
}

/** Values of the given pages by page id, then rule name. */
export async function fieldsOfPages(db: Db, pageIds: number[]): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const CHUNK = 5_000;
  for (let i = 0; i < pageIds.length; i += CHUNK) {
    const rows = await db.pageField.findMany({ where: { pageId: { in: pageIds.slice(i, i + CHUNK) } }, select: { pageId: true, name: true, value: true } });
    for (const r of rows) {
      let rec = out.get(r.pageId);
      if (!rec) out.set(r.pageId, (rec = {}));
      rec[r.name] = r.value;
    }
  }
  return out;
}
