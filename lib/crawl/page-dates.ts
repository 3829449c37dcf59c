/** Publication and modification dates a page states: meta tags and JSON-LD (schema.org datePublished/dateModified). */

export function parseDate(s: unknown): Date | null {
  if (typeof s !== "string" || !s.trim()) return null;
  const t = Date.parse(s.trim());
  return Number.isNaN(t) ? null : new Date(t);
}

export function jsonLdDates(json: string): { published: Date | null; modified: Date | null } {
  const out = { published: null as Date | null, modified: null as Date | null };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return out;
  }
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    out.published ??= parseDate(o.datePublished);
    out.modified ??= parseDate(o.dateModified);
    for (const k of ["@graph", "mainEntity", "mainEntityOfPage"]) if (k in o) visit(o[k], depth + 1);
  };
  visit(data, 0);
  return out;
}
