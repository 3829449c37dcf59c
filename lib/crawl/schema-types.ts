/** schema.org types a page declares: JSON-LD `@type` (in `@graph`, `mainEntity`...) and microdata `itemtype`. */

/** The short name of a schema.org type ("https://schema.org/BlogPosting" -> "BlogPosting"). */
export function schemaTypeName(t: string): string {
  return t.trim().replace(/^.*[/#]/, "");
}

/** The schema.org types of one JSON-LD block; a block that does not parse gives none. */
export function jsonLdTypes(json: string): string[] {
  const types: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return types;
  }
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    const type = o["@type"];
    for (const t of Array.isArray(type) ? type : [type]) if (typeof t === "string" && t.trim()) types.push(schemaTypeName(t));
    for (const k of ["@graph", "mainEntity", "mainEntityOfPage"]) if (k in o) visit(o[k], depth + 1);
  };
  visit(data, 0);
  return types;
}
