/**
 * Numbers as search exports write them: "1,234" or "1.234" thousands, "8,3" decimal commas in localized exports,
 * "12.5%" or "12,5 %" rates, "1m 05s" or "00:01:05" durations. Returns null for empty cells and "-".
 */

export type NumberKind = "count" | "decimal" | "rate" | "seconds";

const SPACES = /[\s\u00a0\u202f']/g;
const THOUSANDS_COMMA = /^-?\d{1,3}(,\d{3})+$/;
const THOUSANDS_DOT = /^-?\d{1,3}(\.\d{3})+$/;

function plainNumber(s: string, kind: NumberKind): number | null {
  let t = s;
  const comma = t.lastIndexOf(",");
  const dot = t.lastIndexOf(".");
  if (comma >= 0 && dot >= 0) {
    // both: the later one is the decimal separator
    t = comma > dot ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  } else if (comma >= 0) {
    t = kind === "count" && THOUSANDS_COMMA.test(t) ? t.replace(/,/g, "") : t.replace(",", ".");
  } else if (dot >= 0 && kind === "count" && THOUSANDS_DOT.test(t)) {
    t = t.replace(/\./g, "");
  }
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function duration(s: string): number | null {
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/.exec(s);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const units = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:[.,]\d+)?)s)?$/i.exec(s.replace(SPACES, ""));
  if (units && (units[1] || units[2] || units[3])) return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number((units[3] ?? "0").replace(",", "."));
  return null;
}

/** Parses one cell; throws nothing: a cell that is not a number of the expected kind is null. */
export function parseMetric(cell: string | number | null | undefined, kind: NumberKind): number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  const raw = cell.trim();
  if (raw === "" || raw === "-" || raw === "—" || /^\(not set\)$/i.test(raw)) return null;
  if (kind === "seconds") {
    const d = /[:hms]/i.test(raw) ? duration(raw) : null;
    if (d !== null) return d;
  }
  const percent = raw.endsWith("%");
  const n = plainNumber(raw.replace(/%$/, "").replace(SPACES, ""), kind);
  if (n === null) return null;
  // a rate written with % is in percent; without, a value above 1 can only be percent too (GA4 writes 0.6543)
  if (kind === "rate") return percent || n > 1 ? n / 100 : n;
  return n;
}
