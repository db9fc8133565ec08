import { describe, expect, it } from "vitest";
import { decodeText, looksLikeOle, looksLikeZip } from "@/lib/data-exchange/encoding";

// "姓名,身份证号\n马成,..." as Chinese Excel saves it (GBK bytes, written out by hand so the test
// does not depend on an encoder: TextEncoder only writes UTF-8).
const MA_CHENG_GBK = Uint8Array.from([0xc2, 0xed, 0xb3, 0xc9]);

describe("decodeText", () => {
  it("Node has full ICU: gb18030 and gbk decoders exist", () => {
    expect(new TextDecoder("gb18030").decode(MA_CHENG_GBK)).toBe("马成");
    expect(new TextDecoder("gbk").decode(MA_CHENG_GBK)).toBe("马成");
  });

  it("reads UTF-8 without a byte-order mark", () => {
    const result = decodeText(new TextEncoder().encode("姓名,手机号\n马成,13912345678\n"));
    expect(result).toEqual({ ok: true, encoding: "utf-8", text: "姓名,手机号\n马成,13912345678\n" });
  });

  it("reads UTF-8 with a byte-order mark and drops the mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("姓名")]);
    expect(decodeText(bytes)).toEqual({ ok: true, encoding: "utf-8-bom", text: "姓名" });
  });

  it("falls back to GB18030 when the bytes are not UTF-8 (Chinese Excel's CSV)", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("name,"), ...MA_CHENG_GBK, 0x0a]);
    expect(decodeText(bytes)).toEqual({ ok: true, encoding: "gb18030", text: "name,马成\n" });
  });

  it("reads GB18030's four-byte sequences (characters outside GBK)", () => {
    // U+3400 㐀 is 0x81 0x39 0xEE 0x39 in GB18030.
    expect(decodeText(Uint8Array.from([0x81, 0x39, 0xee, 0x39]))).toMatchObject({ ok: true, encoding: "gb18030", text: "㐀" });
  });

  it("reads UTF-16 with a byte-order mark (Excel's Unicode text)", () => {
    const text = "姓名\t身份证号";
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(decodeText(le)).toEqual({ ok: true, encoding: "utf-16le", text });
  });

  it("refuses empty files, binary files and bytes that are neither UTF-8 nor GB18030", () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: false, error: "EMPTY" });
    expect(decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]))).toEqual({ ok: false, error: "BINARY" });
    // A lone lead byte at the end, and a byte GB18030 never uses as a lead (0xFF).
    expect(decodeText(Uint8Array.from([0x61, 0xff, 0x62]))).toEqual({ ok: false, error: "UNDECODABLE" });
    expect(decodeText(Uint8Array.from([0x61, 0x62, 0xc2]))).toEqual({ ok: false, error: "UNDECODABLE" });
  });

  it("tells zip (xlsx) and OLE (xls) files by their magic bytes", () => {
    expect(looksLikeZip(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe(true);
    expect(looksLikeZip(new TextEncoder().encode("PK,name"))).toBe(false);
    expect(looksLikeOle(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(true);
  });
});
