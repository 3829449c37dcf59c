import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

/** Excel's limit on a sheet name. */
const SHEET_NAME_MAX = 31;
/** Excel's limit on the characters of one cell; longer text is cut there rather than refused by the spreadsheet. */
const CELL_MAX = 32_767;

export interface SheetTable {
  name: string;
  rows: Row[];
}

/**
 * An XLSX workbook with one sheet per table and the same rows and columns as the CSV export of that table. Written
 * with exceljs's streaming writer (rows are committed as they are added), so a 100,000-row table does not sit in
 * memory as a workbook model. Values keep their types: numbers and booleans are cells of that type, never formulas.
 */
export async function workbookXlsx(tables: SheetTable[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "TopicGate";
  for (const t of tables) {
    const ws = wb.addWorksheet(t.name.slice(0, SHEET_NAME_MAX));
    const columns = t.rows[0] ? Object.keys(t.rows[0]) : [];
    ws.columns = columns.map((key) => ({ header: key, key, width: Math.min(60, Math.max(10, key.length + 2)) }));
    if (columns.length) ws.getRow(1).font = { bold: true };
    for (const r of t.rows) {
      ws.addRow(columns.map((c) => {
        const v = r[c];
        return typeof v === "string" && v.length > CELL_MAX ? v.slice(0, CELL_MAX) : v;
      })).commit();
    }
    ws.commit();
  }
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
