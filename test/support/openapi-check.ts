/** Structural checks of the OpenAPI document shared by the unit test and the HTTP test. */
import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Every route handler under app/api/v1 (plus the public API routes) as "METHOD /path/{param}". */
export function routesInApp(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const urlPath = "/" + path.relative(path.join(root, "app"), dir).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
        const src = fs.readFileSync(full, "utf8");
        for (const m of src.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)) out.push(`${m[1]} ${urlPath}`);
      }
    }
  };
  walk(path.join(root, "app", "api", "v1"));
  walk(path.join(root, "app", "api", "openapi.json"));
  walk(path.join(root, "app", "api", "health"));
  return out.sort();
}

export type OpenApiDoc = { openapi: string; info: { title: string; version: string }; paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters: { name: string; in: string }[] }>>; components: { schemas: Record<string, unknown> } };

/** Every $ref in the document, with the value it points to (undefined when it does not resolve). */
function refs(doc: unknown): { ref: string; target: unknown }[] {
  const found: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "$ref" && typeof x === "string") found.push(x);
        else visit(x);
      }
    }
  };
  visit(doc);
  return found.map((ref) => ({ ref, target: ref.startsWith("#/") ? ref.slice(2).split("/").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc) : undefined }));
}

export function checkOpenApi(doc: OpenApiDoc): void {
  expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
  expect(doc.info.title).toBeTruthy();
  expect(doc.info.version).toBeTruthy();
  const listed = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
  expect(listed).toEqual(routesInApp());
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const op of Object.values(ops)) {
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      const pathParams = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(op.parameters.filter((x) => x.in === "path").map((x) => x.name)).toEqual(pathParams);
    }
  }
  const all = refs(doc);
  expect(all.length).toBeGreaterThan(10);
  for (const r of all) expect(r.target, `${r.ref} resolves`).toBeTruthy();
  for (const s of Object.values(doc.components.schemas)) expect(JSON.stringify(s)).not.toContain('"$schema"');
}

