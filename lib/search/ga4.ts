import { AppError } from "../errors";
import type { CsvFile, CsvTable } from "./csv";
import { normalizeHeader } from "./gsc-csv";
import { parseMetric } from "./numbers";
import { emptyRow, type ParsedSearchData, type SearchRow } from "./types";

/**
 * A GA4 landing-page export (Reports > Engagement > Landing page, or an exploration with Landing page as its row
 * dimension, Share > Download CSV): "#" comment lines with the report's dates, then a table of landing pages
 * (paths) with Sessions, Engaged sessions, Engagement rate and Average engagement time per session.
 */
const WORDS = {
  page: ["landing page", "landing page query string", "page path", "page path query string", "page path and screen class", "full page url", "page location", "zielseite", "page de destination", "pagina de destino", "pagina di destinazione", "landingpagina"],
  sessions: ["sessions", "sitzungen", "sesiones", "sessoes", "sessioni", "sessies"],
  engagedSessions: ["engaged sessions", "sitzungen mit interaktionen", "sessions avec engagement", "sesiones con interaccion", "sessoes engajadas", "sessioni con engagement", "sessies met betrokkenheid"],
  engagementRate: ["engagement rate", "interaktionsrate", "taux d engagement", "porcentaje de interaccion", "taxa de engajamento", "tasso di engagement", "betrokkenheidspercentage"],
  engagementSeconds: ["average engagement time per session", "average engagement time", "durchschnittliche interaktionsdauer pro sitzung", "duree d engagement moyenne par session", "tiempo medio de interaccion por sesion", "tempo medio de engajamento por sessao"],
} as const;

type Column = keyof typeof WORDS;
const TOTAL_ROW = /^(grand )?totals?$|^gesamt(summe)?$|^total g[ée]n[ée]ral$/i;

function column(table: CsvTable, c: Column): number {
  const words = (WORDS[c] as readonly string[]).map(normalizeHeader);
  return table.header.findIndex((h) => words.includes(normalizeHeader(h)));
}

/** YYYYMMDD or YYYY-MM-DD in a comment line, as YYYY-MM-DD. */
function commentDate(line: string): string | null {
  const m = /\b(\d{4})-?(\d{2})-?(\d{2})\b/.exec(line);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function reportDates(comments: string[]): { startDate: string | null; endDate: string | null } {
  const dated = comments.map((c) => ({ c: c.toLowerCase(), d: commentDate(c) })).filter((x) => x.d !== null);
  const start = dated.find((x) => /start|begin|début|inicio|inizio/.test(x.c))?.d ?? dated[0]?.d ?? null;
  const end = dated.find((x) => /end|ende|fin|término|fine/.test(x.c) && x.d !== start)?.d ?? dated[1]?.d ?? null;
  return { startDate: start, endDate: end };
}

/** A landing page as GA4 writes it (a path, or host and path) resolved to an absolute URL of the site. */
export function resolveLandingPage(value: string, siteUrl: string): string | null {
  const v = value.trim();
  if (!v || /^\(not set\)$|^\(other\)$/i.test(v) || TOTAL_ROW.test(v)) return null;
  try {
    if (/^https?:\/\//i.test(v)) return new URL(v).href;
    if (v.startsWith("/")) return new URL(v, siteUrl).href;
    if (/^[a-z0-9.-]+\.[a-z]{2,}(\/|$)/i.test(v)) return new URL(`${new URL(siteUrl).protocol}//${v}`).href;
  } catch {
    return null;
  }
  return null;
}

export function isGa4Table(table: CsvTable): boolean {
  return column(table, "page") >= 0 && (column(table, "sessions") >= 0 || column(table, "engagedSessions") >= 0);
}

export function parseGa4Csv(file: CsvFile, siteUrl: string): ParsedSearchData {
  const table = file.tables.find(isGa4Table);
  if (!table) {
    const found = file.tables[0]?.header.join(", ") ?? "nothing";
    throw new AppError("invalid_input", `Not a GA4 landing-page export: expected a "Landing page" column with "Sessions" (and engagement columns), found "${found}"`);
  }
  const at = { page: column(table, "page"), sessions: column(table, "sessions"), engaged: column(table, "engagedSessions"), rate: column(table, "engagementRate"), seconds: column(table, "engagementSeconds") };
  const rows: SearchRow[] = [];
  for (const r of table.rows) {
    const page = resolveLandingPage(r[at.page] ?? "", siteUrl);
    if (!page) continue;
    const sessions = at.sessions >= 0 ? parseMetric(r[at.sessions], "count") : null;
    const engagedSessions = at.engaged >= 0 ? parseMetric(r[at.engaged], "count") : null;
    const givenRate = at.rate >= 0 ? parseMetric(r[at.rate], "rate") : null;
    rows.push({
      ...emptyRow(),
      page,
      sessions,
      engagedSessions,
      engagementRate: givenRate ?? (sessions && engagedSessions !== null ? engagedSessions / sessions : null),
      engagementSeconds: at.seconds >= 0 ? parseMetric(r[at.seconds], "seconds") : null,
    });
  }
  return { source: "ga4", kind: "page", format: "ga4-csv", ...reportDates(file.comments), rows };
}
