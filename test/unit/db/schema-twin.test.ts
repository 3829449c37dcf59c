import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { postgresTwin } from "@/lib/db/schema-twin";

const root = path.resolve(__dirname, "../../..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");

describe("PostgreSQL schema twin", () => {
  it("is the SQLite schema with only the datasource and client output changed (run `npm run db:generate` after editing prisma/schema.prisma)", () => {
    expect(read("prisma/postgres/schema.prisma")).toBe(postgresTwin(read("prisma/schema.prisma")));
  });

  it("has a migration for every migration of the SQLite schema, and the latest snapshot of each equals its schema", () => {
    const names = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((n) => /^\d{14}_/.test(n)).map((n) => n.slice(15));
    expect(names("prisma/postgres/migrations")).toEqual(names("prisma/migrations"));
    expect(read("prisma/migrations/schema.snapshot.prisma")).toBe(read("prisma/schema.prisma"));
    expect(read("prisma/postgres/migrations/schema.snapshot.prisma")).toBe(read("prisma/postgres/schema.prisma"));
  });

  it("refuses a schema whose datasource it does not recognise", () => {
    expect(() => postgresTwin('datasource db {\n  provider = "mysql"\n}')).toThrow(/expected datasource/);
  });
});
