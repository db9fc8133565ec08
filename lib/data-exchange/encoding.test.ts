import { describe, expect, it } from "vitest";
import { decodeText, looksLikeOle, looksLikeZip } from "@/lib/data-exchange/encoding";

// "姓名,身份证号\n马成,..." as Chinese Excel saves it (GBK bytes, written out by hand so the test
// does not depend on an encoder: TextEncoder only writes UTF-8).
const MA_CHENG_GBK = Uint8Array.from([0xc2, 0xed, 0xb3, 0xc9]);

describe("decodeText", () => {
  it("Node has full ICU: gb18030 and gbk decoders exist", async () => {
    expect(new TextDecoder("gb18030").decode(MA_CHENG_GBK)).toBe("马成");
    expect(new TextDecoder("gbk").decode(MA_CHENG_GBK)).toBe("马成");
  });

  it("reads UTF-8 without a byte-order mark", async () => {
    const result = await decodeText(new TextEncoder().encode("姓名,手机号\n马成,13912345678\n"));
    expect(result).toEqual({ ok: true, encoding: "utf-8", text: "姓名,手机号\n马成,13912345678\n" });
  });

  it("decodes a file of several megabytes a piece at a time, characters cut at a piece's edge included", async () => {
    // 3 MB of "马成," (UTF-8: 3 bytes a character): piece edges fall inside characters.
    const text = "马成,".repeat(400_000);
    expect(await decodeText(new TextEncoder().encode(text))).toEqual({ ok: true, encoding: "utf-8", text });
    // The same in GBK (two bytes a character, an odd offset for the comma).
    const gbk = new Uint8Array(1_500_001 * 5);
    for (let i = 0; i + 5 <= gbk.length; i += 5) gbk.set([...MA_CHENG_GBK, 0x2c], i);
    const decoded = await decodeText(gbk.subarray(0, 1_500_000 * 5));
    expect(decoded).toMatchObject({ ok: true, encoding: "gb18030" });
    expect(decoded.ok && decoded.text).toBe("马成,".repeat(1_500_000));
  });

  it("reads UTF-8 with a byte-order mark and drops the mark", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("姓名")]);
    expect(await decodeText(bytes)).toEqual({ ok: true, encoding: "utf-8-bom", text: "姓名" });
  });

  it("falls back to GB18030 when the bytes are not UTF-8 (Chinese Excel's CSV)", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("name,"), ...MA_CHENG_GBK, 0x0a]);
    expect(await decodeText(bytes)).toEqual({ ok: true, encoding: "gb18030", text: "name,马成\n" });
  });

  it("reads GB18030's four-byte sequences (characters outside GBK)", async () => {
    // U+3400 㐀 is 0x81 0x39 0xEE 0x39 in GB18030.
    expect(await decodeText(Uint8Array.from([0x81, 0x39, 0xee, 0x39]))).toMatchObject({ ok: true, encoding: "gb18030", text: "㐀" });
  });

  it("reads UTF-16 with a byte-order mark (Excel's Unicode text)", async () => {
    const text = "姓名\t身份证号";
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(await decodeText(le)).toEqual({ ok: true, encoding: "utf-16le", text });
  });

  it("refuses empty files, binary files and bytes that are neither UTF-8 nor GB18030", async () => {
    expect(await decodeText(new Uint8Array())).toEqual({ ok: false, error: "EMPTY" });
    expect(await decodeText(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]))).toEqual({ ok: false, error: "BINARY" });
    // A lone lead byte at the end, and a byte GB18030 never uses as a lead (0xFF).
    expect(await decodeText(Uint8Array.from([0x61, 0xff, 0x62]))).toEqual({ ok: false, error: "UNDECODABLE" });
    expect(await decodeText(Uint8Array.from([0x61, 0x62, 0xc2]))).toEqual({ ok: false, error: "UNDECODABLE" });
  });

  it("tells zip (xlsx) and OLE (xls) files by their magic bytes", async () => {
    expect(looksLikeZip(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe(true);
    expect(looksLikeZip(new TextEncoder().encode("PK,name"))).toBe(false);
    expect(looksLikeOle(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(true);
  });
});
