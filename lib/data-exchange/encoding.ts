// Text files from partner offices: Chinese Excel saves "CSV" as GBK (GB18030's two-byte subset),
// newer versions offer "CSV UTF-8" (with a byte-order mark), and "Unicode text" is UTF-16 with a
// BOM. Detection needs no guessing library: Chinese text in GBK is practically never valid UTF-8
// (its lead bytes 0x81-0xFE are followed by bytes UTF-8 forbids there), so a strict UTF-8 decode
// that fails means GB18030, which is a superset of GBK and GB2312. Node's TextDecoder knows
// gb18030 (full ICU, checked in encoding.test.ts).

import { yieldToOthers } from "@/lib/data-exchange/background";

export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "gb18030";

export type DecodeResult =
  | { ok: true; encoding: TextEncodingName; text: string }
  | { ok: false; error: "BINARY" | "UNDECODABLE" | "EMPTY" };

const PIECE_BYTES = 1 << 20;

/**
 * Decodes a megabyte at a time and lets other work run in between: a county's register (18 MB)
 * decoded in one call held the server's event loop for a few hundred milliseconds.
 */
async function decode(label: string, bytes: Uint8Array, fatal: boolean): Promise<string | null> {
  try {
    const decoder = new TextDecoder(label, { fatal, ignoreBOM: false });
    const parts: string[] = [];
    for (let start = 0; start < bytes.length; start += PIECE_BYTES) {
      const end = Math.min(start + PIECE_BYTES, bytes.length);
      parts.push(decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length }));
      if (end < bytes.length) await yieldToOthers();
    }
    return parts.join("");
  } catch {
    return null;
  }
}

/** Decodes a CSV or text file, telling which encoding it was in; refuses what is not text. */
export async function decodeText(bytes: Uint8Array): Promise<DecodeResult> {
  if (bytes.length === 0) return { ok: false, error: "EMPTY" };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = await decode("utf-8", bytes, true);
    return text === null ? { ok: false, error: "UNDECODABLE" } : { ok: true, encoding: "utf-8-bom", text };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = await decode("utf-16le", bytes, true);
    return text === null ? { ok: false, error: "UNDECODABLE" } : { ok: true, encoding: "utf-16le", text };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = await decode("utf-16be", bytes, true);
    return text === null ? { ok: false, error: "UNDECODABLE" } : { ok: true, encoding: "utf-16be", text };
  }
  // NUL bytes do not occur in UTF-8 or GBK text: a spreadsheet or a picture renamed to .csv.
  if (bytes.subarray(0, 65_536).includes(0)) return { ok: false, error: "BINARY" };
  const utf8 = await decode("utf-8", bytes, true);
  if (utf8 !== null) return { ok: true, encoding: "utf-8", text: utf8 };
  const gb = await decode("gb18030", bytes, true);
  // gb18030 maps almost every byte sequence somewhere; a replacement character or a C1 control
  // means the bytes were neither (a Big5 or Shift-JIS file, or plain garbage).
  if (gb === null || gb.includes("\uFFFD") || /[\u0080-\u009F]/.test(gb)) return { ok: false, error: "UNDECODABLE" };
  return { ok: true, encoding: "gb18030", text: gb };
}

/** A file starting with "PK\x03\x04" is a zip: an .xlsx workbook, whatever its name says. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The old binary .xls (OLE compound file): Excel 97-2003, which we ask people to save as .xlsx. */
export function looksLikeOle(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}
