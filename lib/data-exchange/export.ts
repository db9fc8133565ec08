import "server-only";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import type { Scope } from "@/lib/auth/scope";
import { decryptPii } from "@/lib/pii";
import { isoDate } from "@/lib/placements/rules";
import { exportPersons, getPartnerOffice, type ExportedPerson } from "@/lib/data-exchange/data";
import { recordExport } from "@/lib/data-exchange/mutations";
import { writeCsv, writeXlsx, type SheetSpec } from "@/lib/data-exchange/files";
import { formatTimestamp } from "@/lib/data-exchange/rules";
import { COLUMNS, describeColumn, enumLabel, templateHeaders, type ColumnKey } from "@/lib/data-exchange/template";
import { exportSchema, type ExportInput } from "@/lib/data-exchange/schema";
import { requireActor } from "@/lib/auth/session";

// Files for partner offices: the template, filled from the people in the user's scope, from the
// partner's region (or a part of it), changed in the period. The log and audit rows are written
// before the bytes leave (recordExport); every text cell is neutralised by the writers.

export type ExportFile = { fileName: string; contentType: string; bytes: Buffer; rows: number };

const CONTENT_TYPES = {
  CSV: "text/csv; charset=utf-8",
  XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

type Cell = string | number | null;
type Language = "zh" | "en";

function label(key: ColumnKey, value: string | null | undefined, language: Language): string | null {
  if (value === null || value === undefined) return null;
  return enumLabel(COLUMNS.find((c) => c.key === key)!, value, language);
}

const day = (d: Date | null | undefined) => (d ? isoDate(d) : null);

function toRow(p: ExportedPerson, language: Language): Cell[] {
  const household = p.household;
  const placement = p.placements[0];
  const head = household?.members[0]?.person?.idCipher;
  const times = [p.updatedAt, household?.updatedAt, placement?.updatedAt].filter((d): d is Date => Boolean(d));
  const asOf = new Date(Math.max(...times.map((d) => d.getTime())));
  const values: Record<ColumnKey, Cell> = {
    name: p.name,
    nationalId: decryptPii(p.idCipher),
    phone: p.phone,
    ethnicity: p.ethnicity,
    education: label("education", p.education, language),
    health: label("health", p.health, language),
    originDivisionCode: p.originDivisionCode,
    originAddressDetail: p.originAddressDetail,
    currentDivisionCode: p.currentDivisionCode,
    currentAddressDetail: p.currentAddressDetail,
    employmentStatus: label("employmentStatus", p.employmentStatus, language),
    migration: label("migration", p.migration, language),
    expectedWage: p.expectedWage,
    consentGiven: p.consentGiven ? (language === "zh" ? "是" : "yes") : language === "zh" ? "否" : "no",
    notes: p.notes,
    householdHeadId: head ? decryptPii(head) : null,
    relation: label("relation", p.membership?.relation, language),
    povertyStatus: label("povertyStatus", household?.povertyStatus, language),
    povertyStatusSince: day(household?.povertyStatusSince),
    perCapitaIncome: household?.perCapitaIncome ?? null,
    employerName: placement?.employer.name ?? null,
    employerUscc: placement?.employer.uscc ?? null,
    jobTitle: placement?.title ?? null,
    workplaceCode: placement?.countyCode ?? null,
    startDate: day(placement?.startDate),
    monthlyWage: placement?.monthlyWage ?? null,
    contractType: label("contractType", placement?.contractType, language),
    endDate: day(placement?.endDate),
    endReason: label("endReason", placement?.endReason, language),
    asOf: formatTimestamp(asOf),
  };
  return COLUMNS.map((c) => values[c.key]);
}

/** The export's region: the partner's, or a part of it; never wider (a partner's own scope too). */
export function exportRegion(partnerRegion: string, requested: string): string | null {
  if (!requested) return partnerRegion;
  return requested.startsWith(partnerRegion) ? requested : null;
}

export async function buildExport(scope: Scope, input: ExportInput & { language?: Language }, now: Date = new Date()): Promise<ExportFile> {
  assertCan(scope, "exchange.export");
  const partner = await getPartnerOffice(scope, scope.role === "PARTNER" ? scope.officeId : input.partnerOfficeId);
  if (!partner) throw new AppError("VALIDATION", "validation", { fieldErrors: { partnerOfficeId: "validation.partnerOffice" } });
  const region = exportRegion(partner.regionCode, input.region);
  if (!region) throw new AppError("VALIDATION", "validation", { fieldErrors: { region: "exchange.exportErrors.regionOutside" } });
  const language = input.language ?? "zh";
  // The period is of China dates: "to" includes its whole day.
  const from = input.from ? new Date(`${input.from}T00:00:00+08:00`) : null;
  const to = input.to ? new Date(new Date(`${input.to}T00:00:00+08:00`).getTime() + 86_400_000) : null;

  const rows: Cell[][] = [];
  for await (const page of exportPersons(scope, { partnerOfficeId: partner.id, regionPrefix: region, from, to })) {
    for (const p of page) rows.push(toRow(p, language));
  }
  const stamp = isoDate(new Date(now.getTime() + 8 * 3_600_000)).replace(/-/g, "");
  const fileName = `jobbridge-${partner.code}-${region}-${stamp}.${input.format === "CSV" ? "csv" : "xlsx"}`;
  const headers = templateHeaders(language);
  const bytes = input.format === "CSV" ? writeCsv(headers, rows) : await writeXlsx([{ name: language === "zh" ? "劳动力信息" : "People", headers, rows }]);
  await recordExport(scope, { partnerOfficeId: partner.id, format: input.format, fileName, rows: rows.length, filters: { region, from: input.from, to: input.to } });
  return { fileName, contentType: CONTENT_TYPES[input.format], bytes, rows: rows.length };
}

/** The empty template (CSV: the header row; XLSX: the header row and a sheet that explains each column). */
export async function buildTemplate(format: "CSV" | "XLSX", language: Language): Promise<ExportFile> {
  const headers = templateHeaders(language);
  const fileName = `jobbridge-template-${language}.${format === "CSV" ? "csv" : "xlsx"}`;
  if (format === "CSV") return { fileName, contentType: CONTENT_TYPES.CSV, bytes: writeCsv(headers, []), rows: 0 };
  const help: SheetSpec = {
    name: language === "zh" ? "填写说明" : "How to fill in",
    headers: language === "zh" ? ["列名（中文）", "列名（英文）", "必填", "填写要求"] : ["Header (Chinese)", "Header (English)", "Required", "What to enter"],
    rows: COLUMNS.map((c) => [c.zh, c.en, c.required ? (language === "zh" ? "是" : "yes") : "", describeColumn(c.key, language)]),
    widths: [24, 34, 8, 90],
  };
  const bytes = await writeXlsx([{ name: language === "zh" ? "劳动力信息" : "People", headers, rows: [] }, help]);
  return { fileName, contentType: CONTENT_TYPES.XLSX, bytes, rows: 0 };
}

/** The export route's work: the user's scope, the posted filters, the file. */
export async function exportForRequest(values: Record<string, unknown>): Promise<ExportFile> {
  const { scope } = await requireActor("exchange.export", "throw");
  const input = exportSchema.parse(values);
  return buildExport(scope, { ...input, language: values.language === "en" ? "en" : "zh" });
}

export async function templateForRequest(format: string | null, language: string | null): Promise<ExportFile | null> {
  await requireActor("exchange.view", "throw");
  const f = format?.toUpperCase();
  if (f !== "CSV" && f !== "XLSX") return null;
  return buildTemplate(f, language === "en" ? "en" : "zh");
}
