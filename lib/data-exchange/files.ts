// Reading and writing the template's two file formats. XLSX is read and written by exceljs with its
// streaming reader and writer, which keep memory flat for a county's whole register. CSV is read
// and written here: RFC 4180 is forty lines, and csv-parse (tried first) took 3.6 times as long on
// a 100,000-row file while blocking the event loop for the whole parse; this parser yields between
// chunks of rows. Cells come out as strings: the template's rules (rules.ts) give them types.
import { Readable, PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { decodeText, looksLikeOle, looksLikeZip, type TextEncodingName } from "@/lib/data-exchange/encoding";
import { MAX_ROWS, neutraliseCell } from "@/lib/data-exchange/rules";
import { yieldToOthers } from "@/lib/data-exchange/background";

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

/**
 * RFC 4180 records: fields separated by `delimiter`, records by CRLF, LF or CR; a field in double
 * quotes may hold delimiters, line breaks and doubled quotes. A quote inside an unquoted field is
 * kept as text (what Excel does). Calls `onRecord` with each record and its 1-based number (the
 * row Excel shows: a line break inside quotes does not start a new row) and yields to the event
 * loop every `chunk` records.
 */
export async function readCsvRecords(text: string, delimiter: string, onRecord: (cells: string[], recordNumber: number) => void, chunk = 5000): Promise<void> {
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let record = 0;
  let line = 1;
  // The next quote and carriage return after the current position, found once and kept until
  // passed (searching again from every line would be quadratic in a file without any).
  let quote = -1;
  let cr = -1;
  const find = (c: string, from: number) => {
    const k = text.indexOf(c, from);
    return k < 0 ? n : k;
  };
  while (i < n) {
    // Most lines hold no quote at all: split them natively, without the state machine below.
    let nl = text.indexOf("\n", i);
    if (nl < 0) nl = n;
    if (quote < i) quote = find('"', i);
    if (quote >= nl) {
      const end = nl > i && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      // A lone CR (old Mac line ends) inside the line: leave those to the state machine.
      if (cr < i) cr = find("\r", i);
      if (cr >= end) {
        const cells = text.slice(i, end).split(delimiter);
        i = nl + 1;
        line++;
        record++;
        onRecord(cells, record);
        if (record % chunk === 0) await yieldToOthers();
        continue;
      }
    }
    const cells: string[] = [];
    const startLine = line;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34) {
        let j = i + 1;
        value = "";
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) throw new FileReadError("CSV_MALFORMED", { line: startLine });
          value += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (let k = value.indexOf("\n"); k >= 0; k = value.indexOf("\n", k + 1)) line++;
        // Text after the closing quote and before the delimiter (a stray space) is kept.
        let j2 = i;
        while (j2 < n) {
          const d = text.charCodeAt(j2);
          if (d === sep || d === 10 || d === 13) break;
          j2++;
        }
        if (j2 > i) value += text.slice(i, j2);
        i = j2;
      } else {
        let j = i;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === sep || d === 10 || d === 13) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      cells.push(value);
      if (i < n && text.charCodeAt(i) === sep) {
        i++;
        if (i < n) continue;
        cells.push("");
      }
      break;
    }
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    line++;
    record++;
    onRecord(cells, record);
    if (record % chunk === 0) await yieldToOthers();
  }
}

export async function parseCsv(bytes: Uint8Array): Promise<ParsedTable> {
  const decoded = await decodeText(bytes);
  if (!decoded.ok) throw new FileReadError(decoded.error);
  const text = decoded.text.replace(/^\uFEFF/, "");
  let headers: string[] | null = null;
  const rows: ParsedTable["rows"] = [];
  await readCsvRecords(text, sniffDelimiter(text), (cells, rowNumber) => {
    if (isBlank(cells)) return;
    if (!headers) headers = cells;
    else {
      rows.push({ rowNumber, cells });
      if (rows.length > MAX_ROWS) throw new FileReadError("TOO_MANY_ROWS", { max: MAX_ROWS });
    }
  });
  if (!headers) throw new FileReadError("NO_HEADER");
  return { format: "CSV", encoding: decoded.encoding, headers, rows };
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
