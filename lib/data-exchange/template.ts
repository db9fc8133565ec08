// The exchange template: one row per person, with their household and (optionally) their current
// or latest placement. Partner offices fill it in Chinese Excel, so the Chinese headers and labels
// are the contract; English headers and labels, and the code names, are accepted too. The labels
// live here rather than in the i18n catalogues on purpose: a file written last year must still
// read the same after someone rewords a label on screen. See docs/decisions/010-data-exchange.md.
import { EDUCATION, EMPLOYMENT_STATUS, HEALTH, MIGRATION, POVERTY_STATUS, RELATIONS } from "@/lib/persons/schema";
import { CONTRACT_TYPES, END_REASONS } from "@/lib/placements/rules";

export type ColumnGroup = "person" | "household" | "placement" | "meta";

export type ColumnKind =
  | { type: "text"; max: number }
  | { type: "nationalId" }
  | { type: "phone" }
  | { type: "division"; levels: "countyOrBelow" }
  | { type: "enum"; values: readonly string[]; labels: Record<string, readonly [zh: string, en: string, ...aliases: string[]]> }
  | { type: "int"; min: number; max: number }
  | { type: "date" }
  | { type: "boolean" }
  | { type: "uscc" }
  | { type: "timestamp" };

export type Column = {
  key: ColumnKey;
  zh: string;
  en: string;
  group: ColumnGroup;
  kind: ColumnKind;
  required?: boolean;
  /** Other headers seen in partners' spreadsheets for the same column. */
  aliases?: readonly string[];
};

const enumOf = <T extends string>(values: readonly T[], labels: Record<T, readonly [string, string, ...string[]]>): ColumnKind => ({ type: "enum", values, labels });

export const COLUMN_KEYS = [
  "name", "nationalId", "phone", "ethnicity", "education", "health", "originDivisionCode", "originAddressDetail",
  "currentDivisionCode", "currentAddressDetail", "employmentStatus", "migration", "expectedWage", "consentGiven", "notes",
  "householdHeadId", "relation", "povertyStatus", "povertyStatusSince", "perCapitaIncome",
  "employerName", "employerUscc", "jobTitle", "workplaceCode", "startDate", "monthlyWage", "contractType", "endDate", "endReason",
  "asOf",
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const COLUMNS: readonly Column[] = [
  { key: "name", zh: "姓名", en: "Name", group: "person", kind: { type: "text", max: 60 }, required: true },
  { key: "nationalId", zh: "身份证号", en: "National ID number", group: "person", kind: { type: "nationalId" }, required: true, aliases: ["身份证号码", "公民身份号码", "证件号码", "ID number"] },
  { key: "phone", zh: "手机号", en: "Mobile phone", group: "person", kind: { type: "phone" }, aliases: ["手机号码", "联系电话", "电话", "Phone"] },
  { key: "ethnicity", zh: "民族", en: "Ethnicity", group: "person", kind: { type: "text", max: 20 } },
  {
    key: "education", zh: "文化程度", en: "Education", group: "person", aliases: ["学历"],
    kind: enumOf(EDUCATION, {
      NONE: ["未上学", "No schooling", "文盲", "学龄前"], PRIMARY: ["小学", "Primary"], JUNIOR_SECONDARY: ["初中", "Junior secondary"],
      SENIOR_SECONDARY: ["高中", "Senior secondary"], VOCATIONAL: ["中专/技校", "Vocational school", "中专", "技校", "中职"],
      COLLEGE: ["大专", "College", "高职"], BACHELOR_OR_ABOVE: ["本科及以上", "Bachelor or above", "本科", "研究生"],
    }),
  },
  {
    key: "health", zh: "健康状况", en: "Health", group: "person",
    kind: enumOf(HEALTH, { HEALTHY: ["健康", "Healthy"], CHRONIC_ILLNESS: ["慢性病", "Chronic illness", "长期慢性病"], DISABLED: ["残疾", "Disability", "Disabled"], SERIOUS_ILLNESS: ["重病", "Serious illness", "患有大病"] }),
  },
  { key: "originDivisionCode", zh: "户籍地区划代码", en: "Origin division code", group: "person", kind: { type: "division", levels: "countyOrBelow" }, required: true, aliases: ["户籍地代码", "户籍地行政区划代码"] },
  { key: "originAddressDetail", zh: "户籍地详细地址", en: "Origin address", group: "person", kind: { type: "text", max: 200 }, aliases: ["户籍地址"] },
  { key: "currentDivisionCode", zh: "现居住地区划代码", en: "Current division code", group: "person", kind: { type: "division", levels: "countyOrBelow" }, aliases: ["现居住地代码"] },
  { key: "currentAddressDetail", zh: "现居住地详细地址", en: "Current address", group: "person", kind: { type: "text", max: 200 }, aliases: ["现居住地址"] },
  {
    key: "employmentStatus", zh: "就业状态", en: "Employment status", group: "person",
    kind: enumOf(EMPLOYMENT_STATUS, {
      UNEMPLOYED: ["未就业", "Not employed", "Unemployed", "失业"], EMPLOYED: ["已就业", "Employed", "务工"], SELF_EMPLOYED: ["自主创业", "Self-employed", "自主就业"],
      IN_TRAINING: ["培训中", "In training"], STUDENT: ["在校学生", "Student", "在校生"], NOT_IN_LABOUR_FORCE: ["无就业能力", "Unable to work", "丧失劳动能力"],
    }),
  },
  {
    key: "migration", zh: "外出务工意愿", en: "Willing to migrate", group: "person", aliases: ["外出意愿"],
    kind: enumOf(MIGRATION, { WILLING: ["愿意外出", "Willing", "愿意", "是"], UNWILLING: ["不愿外出", "Not willing", "不愿意", "否"], UNDECIDED: ["未定", "Undecided", "待定"] }),
  },
  { key: "expectedWage", zh: "期望月薪（元）", en: "Expected monthly wage (yuan)", group: "person", kind: { type: "int", min: 0, max: 100_000 }, aliases: ["期望月薪", "期望工资"] },
  { key: "consentGiven", zh: "本人同意", en: "Consent given", group: "person", kind: { type: "boolean" }, aliases: ["是否同意"] },
  { key: "notes", zh: "备注", en: "Notes", group: "person", kind: { type: "text", max: 2000 } },
  { key: "householdHeadId", zh: "户主身份证号", en: "Household head's ID number", group: "household", kind: { type: "nationalId" }, aliases: ["户主身份证号码"] },
  {
    key: "relation", zh: "与户主关系", en: "Relation to head", group: "household",
    kind: enumOf(RELATIONS, {
      SELF: ["本人", "Self"], HEAD: ["户主", "Head of household", "Head"], SPOUSE: ["配偶", "Spouse", "妻", "夫"], CHILD: ["子女", "Child", "子", "女", "之子", "之女"],
      PARENT: ["父母", "Parent", "父亲", "母亲"], PARENT_IN_LAW: ["公婆/岳父母", "Parent-in-law", "公婆", "岳父母"], SIBLING: ["兄弟姐妹", "Sibling"],
      GRANDCHILD: ["孙辈", "Grandchild", "孙子", "孙女"], GRANDPARENT: ["祖父母", "Grandparent"], OTHER: ["其他", "Other"],
    }),
  },
  {
    key: "povertyStatus", zh: "家庭帮扶类型", en: "Household poverty status", group: "household", aliases: ["户类型", "贫困户属性"],
    kind: enumOf(POVERTY_STATUS, {
      REGISTERED_POOR: ["建档立卡贫困户", "Registered poor household", "贫困户"], LIFTED: ["已脱贫户", "Lifted out of poverty", "脱贫户"],
      LIFTED_UNSTABLE: ["脱贫不稳定户", "Lifted, unstable"], MARGINAL_AT_RISK: ["边缘易致贫户", "Marginal, at risk"],
      EPIDEMIC_RETURNED: ["因疫致贫返贫户", "Fell back through the epidemic"], NONE: ["一般农户", "Not in a programme"],
    }),
  },
  { key: "povertyStatusSince", zh: "认定日期", en: "Status since", group: "household", kind: { type: "date" } },
  { key: "perCapitaIncome", zh: "家庭人均年纯收入（元）", en: "Household yearly income per head (yuan)", group: "household", kind: { type: "int", min: 0, max: 10_000_000 }, aliases: ["人均纯收入", "家庭人均纯收入"] },
  { key: "employerName", zh: "就业单位", en: "Employer", group: "placement", kind: { type: "text", max: 120 }, aliases: ["用人单位", "务工单位"] },
  { key: "employerUscc", zh: "单位统一社会信用代码", en: "Employer credit code (USCC)", group: "placement", kind: { type: "uscc" }, aliases: ["统一社会信用代码"] },
  { key: "jobTitle", zh: "岗位", en: "Job title", group: "placement", kind: { type: "text", max: 120 }, aliases: ["工种", "岗位名称"] },
  { key: "workplaceCode", zh: "就业地区划代码", en: "Workplace division code", group: "placement", kind: { type: "division", levels: "countyOrBelow" }, aliases: ["务工地区划代码"] },
  { key: "startDate", zh: "上岗日期", en: "Start date", group: "placement", kind: { type: "date" }, aliases: ["就业日期", "务工开始日期"] },
  { key: "monthlyWage", zh: "月工资（元）", en: "Monthly wage (yuan)", group: "placement", kind: { type: "int", min: 300, max: 200_000 }, aliases: ["月收入", "月工资"] },
  {
    key: "contractType", zh: "合同类型", en: "Contract type", group: "placement",
    kind: enumOf(CONTRACT_TYPES, {
      FIXED_TERM: ["固定期限劳动合同", "Fixed-term contract"], OPEN_ENDED: ["无固定期限劳动合同", "Open-ended contract"], PROBATION: ["试用期", "Probation"],
      DISPATCH: ["劳务派遣", "Agency (dispatch) work"], PART_TIME: ["非全日制用工", "Part-time"], PUBLIC_WELFARE: ["公益性岗位协议", "Public-welfare post agreement"], NONE: ["未签合同", "No contract"],
    }),
  },
  { key: "endDate", zh: "离岗日期", en: "End date", group: "placement", kind: { type: "date" } },
  {
    key: "endReason", zh: "离岗原因", en: "End reason", group: "placement",
    kind: enumOf(END_REASONS, {
      DID_NOT_ADAPT: ["不适应工作", "Did not adapt"], WAGE: ["对工资不满意", "Not satisfied with the wage"], HOUSING: ["住宿问题", "Housing"], FAMILY: ["家庭原因", "Family"],
      HEALTH: ["身体原因", "Health"], EMPLOYER_CLOSED: ["企业停产或关闭", "Employer closed"], RETURNED_HOME: ["返乡", "Returned home"],
      FOUND_ANOTHER_JOB: ["自行找到其他工作", "Found another job"], COMMUTE: ["通勤太远", "Commute too long"], OTHER: ["其他", "Other"],
    }),
  },
  { key: "asOf", zh: "数据时间", en: "Data as of", group: "meta", kind: { type: "timestamp" } },
];

export const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c])) as ReadonlyMap<ColumnKey, Column>;

/** Headers compare without spaces, the required mark, case or full-width brackets. */
export function normaliseHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .normalize("NFKC")
    .replace(/[\s*＊:：]/g, "")
    .toLowerCase();
}

const HEADER_INDEX = (() => {
  const index = new Map<string, ColumnKey>();
  for (const c of COLUMNS) for (const h of [c.zh, c.en, c.key, ...(c.aliases ?? [])]) index.set(normaliseHeader(h), c.key);
  // "期望月薪（元）" is also written without the unit.
  for (const c of COLUMNS) index.set(normaliseHeader(c.zh.replace(/（.*?）/g, "")), c.key);
  return index;
})();

export type HeaderMap = {
  /** Column index in the file for each template column found. */
  columns: Partial<Record<ColumnKey, number>>;
  missing: ColumnKey[];
  unknown: string[];
  duplicated: string[];
};

/** Which template column each header of the file is; what is missing, unknown or twice. */
export function mapHeaders(headers: readonly string[]): HeaderMap {
  const columns: Partial<Record<ColumnKey, number>> = {};
  const unknown: string[] = [];
  const duplicated: string[] = [];
  headers.forEach((raw, i) => {
    const header = normaliseHeader(raw ?? "");
    if (!header) return;
    const key = HEADER_INDEX.get(header);
    if (!key) unknown.push(raw.trim());
    else if (columns[key] !== undefined) duplicated.push(raw.trim());
    else columns[key] = i;
  });
  const missing = COLUMNS.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.key);
  return { columns, missing, unknown, duplicated };
}

/** The label written into exported files (Chinese by default: the partner's Excel is Chinese). */
export function enumLabel(column: Column, value: string, language: "zh" | "en" = "zh"): string {
  if (column.kind.type !== "enum") return value;
  const labels = column.kind.labels[value];
  return labels ? labels[language === "zh" ? 0 : 1] : value;
}

// Each choice by every way of writing it: exactly as we write it (the common case, one look-up)
// and normalised (width, case, spaces).
const ENUM_EXACT = new Map<ColumnKey, Map<string, string>>();
const ENUM_INDEX = new Map<ColumnKey, Map<string, string>>();
for (const c of COLUMNS) {
  if (c.kind.type !== "enum") continue;
  const exact = new Map<string, string>();
  const index = new Map<string, string>();
  for (const value of c.kind.values) {
    for (const label of [value, ...(c.kind.labels[value] ?? [])]) {
      exact.set(label, value);
      index.set(normaliseHeader(label), value);
    }
  }
  ENUM_EXACT.set(c.key, exact);
  ENUM_INDEX.set(c.key, index);
}

/** An enum cell read by its code, its Chinese or English label or a known alias; null if none fits. */
export function enumValue(key: ColumnKey, raw: string): string | null {
  return ENUM_EXACT.get(key)?.get(raw) ?? ENUM_INDEX.get(key)?.get(normaliseHeader(raw)) ?? null;
}

/** The header row of the template in one language. */
export function templateHeaders(language: "zh" | "en" = "zh"): string[] {
  return COLUMNS.map((c) => (language === "zh" ? c.zh : c.en));
}

/** What a column takes, in words (the template's help sheet and the import page). */
export function describeColumn(key: ColumnKey, language: "zh" | "en"): string {
  const column = COLUMN_BY_KEY.get(key)!;
  const zh = language === "zh";
  switch (column.kind.type) {
    case "text":
      return zh ? `文字，最多 ${column.kind.max} 字` : `Text, at most ${column.kind.max} characters`;
    case "nationalId":
      return zh ? "18 位居民身份证号（请把单元格设为“文本”，否则 Excel 会改掉后几位）" : "18-character resident ID number (format the cells as Text, or Excel changes the last digits)";
    case "phone":
      return zh ? "11 位手机号" : "11-digit mobile number";
    case "division":
      return zh ? "行政区划代码，县级 6 位、乡镇 9 位或村级 12 位" : "Division code: county (6 digits), town (9) or village (12)";
    case "enum": {
      const labels = Object.values(column.kind.labels).map((l) => l[zh ? 0 : 1]);
      return (zh ? "可选：" : "One of: ") + labels.join(zh ? "、" : ", ");
    }
    case "int":
      return zh ? `整数 ${column.kind.min}–${column.kind.max}` : `Whole number ${column.kind.min}–${column.kind.max}`;
    case "date":
      return zh ? "日期，如 2024-03-01" : "Date, e.g. 2024-03-01";
    case "boolean":
      return zh ? "是 / 否" : "yes / no";
    case "uscc":
      return zh ? "18 位统一社会信用代码" : "18-character unified social credit code";
    case "timestamp":
      return zh ? "导出时填写，请勿修改：据此判断双方是否同时改过同一人" : "Filled in by the export; leave as is: it tells whether both sides changed the same person";
  }
}
