// Reading and writing the template's two file formats. CSV is parsed by csv-parse and written by
// hand (quoting is four lines); XLSX is read and written by exceljs with its streaming reader and
// writer, which keep memory flat for a county's whole register. Cells come out as strings: the
// template's rules (rules.ts) give them their types.
import { Readable, PassThrough } from "node:stream";
import { parse as parseCsvSync } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { decodeText, looksLikeOle, looksLikeZip, type TextEncodingName } from "@/lib/data-exchange/encoding";
import { MAX_ROWS, neutraliseCell } from "@/lib/data-exchange/rules";

export type FileFormat = "CSV" | "XLSX";

export type ParsedTable = {
  format: FileFormat;
  encoding: TextEncodingName | null;
  headers: string[];
  /** rowNumber is what the spreadsheet shows beside the row (the header is row 1). */
  rows: { rowNumber: number; cells: string[] }[];
};

export type FileError =
  | "EMPTY"
  | "BINARY"
  | "UNDECODABLE"
  | "OLD_EXCEL"
  | "CSV_MALFORMED"
  | "XLSX_UNREADABLE"
  | "NO_HEADER"
  | "TOO_MANY_ROWS";

export class FileReadError extends Error {
  constructor(
    readonly code: FileError,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = "FileReadError";
  }
}

const isBlank = (cells: readonly string[]) => cells.every((c) => !c || !c.trim());

/** The format of an upload by its bytes (a renamed file still reads right). */
export function detectFormat(bytes: Uint8Array): FileFormat {
  if (looksLikeOle(bytes)) throw new FileReadError("OLD_EXCEL");
  return looksLikeZip(bytes) ? "XLSX" : "CSV";
}

/** The delimiter of the first line: comma, tab (Excel's "Unicode text") or semicolon. */
function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates: [string, number][] = [[",", count(",")], ["\t", count("\t")], [";", count(";")], ["，", count("，")]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ",";
}

export function parseCsv(bytes: Uint8Array): ParsedTable {
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new FileReadError(decoded.error);
  const text = decoded.text.replace(/^\uFEFF/, "");
  let records: string[][];
  try {
    records = parseCsvSync(text, { delimiter: sniffDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: false }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new FileReadError("CSV_MALFORMED", { line: line ?? 0 });
  }
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) throw new FileReadError("NO_HEADER");
  const rows: ParsedTable["rows"] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    const cells = records[i]!;
    if (isBlank(cells)) continue;
    rows.push({ rowNumber: i + 1, cells });
    if (rows.length > MAX_ROWS) throw new FileReadError("TOO_MANY_ROWS", { max: MAX_ROWS });
  }
  return { format: "CSV", encoding: decoded.encoding, headers: records[headerIndex]!, rows };
}

/** A cell's value as the user sees it: text as typed, dates as YYYY-MM-DD, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e15 ? String(value) : value.toExponential().toUpperCase();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 16 : 10).replace("T", " ");
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    // A formula is never evaluated here: the result Excel saved with it is the value.
    if ("formula" in value || "sharedFormula" in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ("error" in value) return "";
  }
  return String(value);
}

/** The first worksheet of an .xlsx: header row, then data rows (blank rows skipped). */
export async function parseXlsx(bytes: Uint8Array, onRows?: (count: number) => void): Promise<ParsedTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "cache",
    worksheets: "emit",
    entries: "emit",
  });
  let headers: string[] | null = null;
  const rows: ParsedTable["rows"] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        // exceljs numbers cells from 1; values[0] is always empty.
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
        if (isBlank(cells)) continue;
        if (!headers) headers = cells;
        else {
          rows.push({ rowNumber: row.number, cells });
          if (rows.length > MAX_ROWS) throw new FileReadError("TOO_MANY_ROWS", { max: MAX_ROWS });
          if (onRows && rows.length % 5000 === 0) onRows(rows.length);
        }
      }
      // Only the first sheet holds data; the template's second sheet explains the columns.
      break;
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError("XLSX_UNREADABLE");
  }
  if (!headers) throw new FileReadError("NO_HEADER");
  return { format: "XLSX", encoding: null, headers, rows };
}

export async function parseTable(bytes: Uint8Array, onRows?: (count: number) => void): Promise<ParsedTable> {
  return detectFormat(bytes) === "XLSX" ? parseXlsx(bytes, onRows) : parseCsv(bytes);
}

// ---------------------------------------------------------------------------------------------
// Writing

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * UTF-8 with a byte-order mark (Excel 2016 and later open it as UTF-8; without the mark Chinese
 * Excel reads it as GBK and shows mojibake), CRLF line ends, every text cell neutralised.
 */
export function writeCsv(headers: readonly string[], rows: Iterable<readonly (string | number | null)[]>): Buffer {
  const parts: string[] = ["\uFEFF", headers.map(csvField).join(","), "\r\n"];
  for (const row of rows) {
    parts.push(row.map((v) => (v === null ? "" : typeof v === "number" ? String(v) : csvField(neutraliseCell(v)))).join(","), "\r\n");
  }
  return Buffer.from(parts.join(""), "utf8");
}

export type SheetSpec = { name: string; headers: readonly string[]; rows: Iterable<readonly (string | number | null)[]>; widths?: readonly number[] };

/**
 * An .xlsx with the data on the first sheet. Text is written as text (an ID number must never
 * become a number: Excel keeps 15 digits), and every text cell neutralised.
 */
export async function writeXlsx(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "JobBridge";
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = spec.headers.map((h, i) => ({ header: h, width: spec.widths?.[i] ?? Math.max(10, Math.min(40, h.length * 2 + 4)), style: { numFmt: "@" } }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const row of spec.rows) {
      sheet.addRow(row.map((v) => (v === null ? null : typeof v === "number" ? v : neutraliseCell(v)))).commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
