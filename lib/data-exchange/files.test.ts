import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { FileReadError, parseCsv, parseTable, parseXlsx, readCsvRecords, writeCsv, writeXlsx } from "@/lib/data-exchange/files";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function errorOf(work: () => unknown): Promise<FileReadError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(FileReadError);
    return error as FileReadError;
  }
  throw new Error("expected a FileReadError");
}

describe("parseCsv", () => {
  it("reads rows with the numbers Excel shows, skipping blank lines", async () => {
    const table = (await parseCsv(utf8('姓名,身份证号,备注\r\n马成,630225198001010011,"住 ""包吃住""\n宿舍"\r\n\r\n,,\r\n韩雪,630225198202020022,\r\n')));
    expect(table.headers).toEqual(["姓名", "身份证号", "备注"]);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ["马成", "630225198001010011", '住 "包吃住"\n宿舍'] },
      { rowNumber: 5, cells: ["韩雪", "630225198202020022", ""] },
    ]);
    expect(table.encoding).toBe("utf-8");
  });

  it("reads GBK from Chinese Excel and tab-separated Unicode text", async () => {
    // "姓名,手机号\n马成,13912345678" in GBK.
    const gbk = Uint8Array.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x0a, 0xc2, 0xed, 0xb3, 0xc9, 0x2c, ...utf8("13912345678")]);
    const table = (await parseCsv(gbk));
    expect(table).toMatchObject({ encoding: "gb18030", headers: ["姓名", "手机号"], rows: [{ rowNumber: 2, cells: ["马成", "13912345678"] }] });
    expect((await parseCsv(utf8("姓名\t手机号\n马成\t13912345678"))).rows[0]!.cells).toEqual(["马成", "13912345678"]);
  });

  it("says why a file cannot be read", async () => {
    expect((await errorOf(() => parseCsv(Uint8Array.from([0x61, 0xff, 0x62])))).code).toBe("UNDECODABLE");
    expect((await errorOf(() => parseCsv(utf8("\n\n")))).code).toBe("NO_HEADER");
    expect((await errorOf(() => parseTable(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])))).code).toBe("OLD_EXCEL");
  });
});

describe("writing and reading back", () => {
  it("CSV: BOM, quoting, neutralised formulas, numbers as numbers", async () => {
    const bytes = writeCsv(["姓名", "备注", "月薪"], [["马成", '=HYPERLINK("x"),"y"', 4200], ["韩雪", null, null]]);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString("utf8").slice(1);
    expect(text).toBe('姓名,备注,月薪\r\n马成,"\'=HYPERLINK(""x""),""y""",4200\r\n韩雪,,\r\n');
    expect((await parseCsv(bytes)).rows[0]!.cells).toEqual(["马成", '\'=HYPERLINK("x"),"y"', "4200"]);
  });

  it("XLSX: text stays text (18-digit IDs intact), formulas are neutralised, second sheet ignored on read", async () => {
    const bytes = await writeXlsx([
      { name: "劳动力", headers: ["姓名", "身份证号", "备注", "月薪"], rows: [["马成", "630225198001010011", "@SUM(1)", 4200]] },
      { name: "填写说明", headers: ["列", "说明"], rows: [["姓名", "必填"]] },
    ]);
    const table = await parseXlsx(bytes);
    expect(table.headers).toEqual(["姓名", "身份证号", "备注", "月薪"]);
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ["马成", "630225198001010011", "'@SUM(1)", "4200"] }]);
  });

  it("XLSX typed by a person: dates, numbers, formulas with results, rich text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sheet1");
    sheet.addRow(["姓名", "身份证号", "上岗日期", "月工资（元）", "备注"]);
    sheet.addRow([{ richText: [{ text: "代" }, { text: "江敏" }] }, 520625197803150000, new Date(Date.UTC(2026, 2, 1)), { formula: "4000+500", result: 4500 }, null]);
    const table = await parseXlsx(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(table.rows[0]!.cells).toEqual(["代江敏", "5.2062519780315E+17", "2026-03-01", "4500"]);
  });

  it("refuses a zip that is not a workbook", async () => {
    expect((await errorOf(() => parseXlsx(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).code).toBe("XLSX_UNREADABLE");
  });
});

describe("readCsvRecords", () => {
  async function records(text: string, delimiter = ",") {
    const out: [number, string[]][] = [];
    await readCsvRecords(text, delimiter, (cells, n) => out.push([n, cells]), 2);
    return out;
  }

  it("reads RFC 4180: quotes, doubled quotes, delimiters and line breaks inside quotes, any line ending", async () => {
    expect(await records('a,"b,c","d ""e"""\r\n"f\r\ng",h\ni,j\rk,')).toEqual([
      [1, ["a", "b,c", 'd "e"']],
      [2, ["f\r\ng", "h"]],
      [3, ["i", "j"]],
      [4, ["k", ""]],
    ]);
  });

  it("keeps a quote inside an unquoted field, and text after a closing quote, as Excel does", async () => {
    expect(await records('5"6,"x" y\n')).toEqual([[1, ['5"6', "x y"]]]);
  });

  it("names the line where a quote is left open", async () => {
    const error = await errorOf(() => records('a,b\nc,"d\ne'));
    expect(error.params).toEqual({ line: 2 });
  });
});
