import { parse } from "csv-parse/sync";
import { AppError } from "../errors";

/** One table of a CSV file: its header and its rows (cells as text). */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

export interface CsvFile {
  /** tables in file order; exports with several tables (GA4) separate them with blank or comment lines */
  tables: CsvTable[];
  /** lines starting with "#" (GA4 writes the report name and its dates there) */
  comments: string[];
}

const DELIMITERS = [",", ";", "\t"] as const;

/** The delimiter of a header line: the candidate that splits it most (outside quotes). */
function detectDelimiter(line: string): string {
  const unquoted = line.replace(/"[^"]*"/g, "");
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * Reads a CSV export through csv-parse: byte-order mark dropped, the delimiter (comma, semicolon or tab) taken from
 * the first table's header, "#" lines set aside, and blank lines ending a table.
 */
export function readCsv(text: string): CsvFile {
  const comments: string[] = [];
  const blocks: string[][] = [[]];
  for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (line.startsWith("#")) {
      comments.push(line.replace(/^#\s?/, "").trim());
      if (blocks[blocks.length - 1].length) blocks.push([]);
    } else if (line.trim() === "") {
      if (blocks[blocks.length - 1].length) blocks.push([]);
    } else {
      blocks[blocks.length - 1].push(line);
    }
  }
  const nonEmpty = blocks.filter((b) => b.length > 0);
  if (nonEmpty.length === 0) return { tables: [], comments };
  const delimiter = detectDelimiter(nonEmpty[0][0]);
  const tables = nonEmpty.map((lines, i) => {
    let records: string[][];
    try {
      records = parse(lines.join("\n"), { delimiter, relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
    } catch (cause) {
      throw new AppError("invalid_input", `The CSV file could not be read (table ${i + 1}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    return { header: records[0] ?? [], rows: records.slice(1).filter((r) => r.some((c) => c !== "")) };
  });
  return { tables, comments };
}
