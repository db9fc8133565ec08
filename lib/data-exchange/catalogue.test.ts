// Every message key the data exchange writes into a batch or a row (file errors, row errors,
// notices, commit errors) must exist in both catalogues, or a caseworker reads a raw key.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import en from "@/lib/i18n/messages/en.json";
import type { FileError } from "@/lib/data-exchange/files";
import { CADENCES } from "@/lib/data-exchange/rules";

type Catalogue = { [key: string]: string | Catalogue };
const ROOT = path.resolve(import.meta.dirname, "..", "..");

function has(catalogue: Catalogue, key: string): boolean {
  let node: string | Catalogue | undefined = catalogue;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return false;
    node = node[part];
  }
  return typeof node === "string";
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const FILE_ERRORS: FileError[] = ["EMPTY", "BINARY", "UNDECODABLE", "OLD_EXCEL", "CSV_MALFORMED", "XLSX_UNREADABLE", "NO_HEADER", "TOO_MANY_ROWS"];

describe("data exchange messages", () => {
  const sources = [path.join(ROOT, "lib", "data-exchange"), path.join(ROOT, "components", "exchange"), path.join(ROOT, "app", "(app)", "exchange"), path.join(ROOT, "app", "api", "exchange")].flatMap(files);
  const used = new Set<string>();
  // Message keys have a group ("exchange.rowErrors.x"); "exchange.import" is a permission.
  for (const file of sources) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/["'`]((?:exchange\.[A-Za-z]+|validation)\.[A-Za-z0-9_.]*[A-Za-z0-9_])["'`]/g)) used.add(m[1]!);
  }
  for (const code of FILE_ERRORS) used.add(`exchange.fileErrors.${code}`);
  for (const cadence of CADENCES) used.add(`exchange.cadence.${cadence}`);

  it("finds the keys it should (the scan works)", () => {
    expect(used).toContain("exchange.rowErrors.duplicateInFile");
    expect(used).toContain("exchange.commitErrors.undecided");
    expect(used).toContain("validation.partnerOffice");
  });

  it("has every key in both languages", () => {
    for (const [locale, catalogue] of Object.entries({ "zh-CN": zhCN, en })) {
      expect([...used].filter((k) => !has(catalogue as Catalogue, k)), `missing in ${locale}`).toEqual([]);
    }
  });
});
