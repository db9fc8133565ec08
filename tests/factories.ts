// The one source of demo data and test data. The demo is the article's cases (DOMAIN.md);
// tests call the same builders with unique names. Persons are created through the real
// mutations, so derived fields, encryption and audit rows are exactly what the app writes.
import { addDays, chinaToday } from "@/lib/placements/rules";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { createScope, type Role, type Scope } from "@/lib/auth/scope";
import { createPerson as createPersonMutation } from "@/lib/persons/mutations";
import { hashPii } from "@/lib/pii";
import { normalizeNationalId } from "@/lib/persons/national-id";
import { createPersonSchema, type CreatePersonInput } from "@/lib/persons/schema";
import { buildNationalId } from "@/lib/persons/national-id";
import { changePovertyStatus } from "@/lib/households/mutations";
import { createEmployer } from "@/lib/employers/mutations";
import { createVacancy } from "@/lib/vacancies/mutations";
import { employerInputSchema } from "@/lib/employers/schema";
import { vacancyInputSchema } from "@/lib/vacancies/schema";
import { buildUscc } from "@/lib/employers/uscc";
import type { OfficeKind } from "@/lib/generated/prisma/enums";
import { completeEnrolments, createCohort, createProgramme, enrol, payAllowances, recordAttendance, setCohortStatus } from "@/lib/training/mutations";
import { attendanceSchema, cohortInputSchema, cohortStatusSchema, completeSchema, enrolSchema, paySchema, programmeInputSchema } from "@/lib/training/schema";
import { createTarget, reportFigure } from "@/lib/targets/mutations";
import { figureActuals } from "@/lib/targets/data";
import { ARTICLE_FIGURES, elapsedShare, presetPeriod } from "@/lib/targets/rules";

export const DEMO_PASSWORD = "jobbridge-demo-2026";
const DEMO_MARKER_NOTE = "已脱贫，收入依赖务工，列为脱贫不稳定户继续跟踪";

export const DEMO_OFFICES = [
  { code: "JS-HRSS", name: "江苏省人力资源和社会保障厅", nameEn: "Jiangsu Department of Human Resources and Social Security", kind: "DESTINATION_BUREAU", regionCode: "32" },
  { code: "WX-HRSS", name: "无锡市人力资源和社会保障局", nameEn: "Wuxi Human Resources and Social Security Bureau", kind: "DESTINATION_BUREAU", regionCode: "3202" },
  { code: "WX-HS-HRSS", name: "无锡市惠山区人力资源和社会保障局", nameEn: "Huishan District HRSS Bureau, Wuxi", kind: "DESTINATION_BUREAU", regionCode: "320206" },
  { code: "SZ-HRSS", name: "苏州市人力资源和社会保障局", nameEn: "Suzhou Human Resources and Social Security Bureau", kind: "DESTINATION_BUREAU", regionCode: "3205" },
  { code: "QD-LEO", name: "启东市劳动就业管理处", nameEn: "Qidong Labour and Employment Office", kind: "DESTINATION_BUREAU", regionCode: "320681" },
  { code: "YJ-HRSS", name: "铜仁市印江县人力资源和社会保障局", nameEn: "Yinjiang County HRSS Bureau, Tongren", kind: "ORIGIN_BUREAU", regionCode: "520625" },
  { code: "HD-HRSS", name: "海东市人力资源和社会保障局", nameEn: "Haidong HRSS Bureau, Qinghai", kind: "ORIGIN_BUREAU", regionCode: "6302" },
  { code: "LB-HRSS", name: "留坝县人力资源和社会保障局", nameEn: "Liuba County HRSS Bureau, Shaanxi", kind: "ORIGIN_BUREAU", regionCode: "610729" },
  { code: "SZ-TECH", name: "苏州技师学院", nameEn: "Suzhou Technician College", kind: "TRAINING_INSTITUTION", regionCode: "3205" },
  { code: "SZ-HR-AGENCY", name: "苏州市职业经纪人服务中心", nameEn: "Suzhou Career Broker Service Centre", kind: "HR_AGENCY", regionCode: "3205" },
] as const satisfies readonly { code: string; name: string; nameEn: string; kind: OfficeKind; regionCode: string }[];

export const DEMO_USERS = [
  { username: "admin", displayName: "系统管理员", role: "ADMIN", office: "JS-HRSS" },
  { username: "js_supervisor", displayName: "省厅 王科长", role: "SUPERVISOR", office: "JS-HRSS" },
  { username: "wuxi_supervisor", displayName: "陈科长", role: "SUPERVISOR", office: "WX-HRSS" },
  { username: "wuxi_caseworker", displayName: "周敏", role: "CASEWORKER", office: "WX-HRSS" },
  { username: "suzhou_caseworker", displayName: "李娜", role: "CASEWORKER", office: "SZ-HRSS" },
  { username: "qidong_caseworker", displayName: "周晓林", role: "CASEWORKER", office: "QD-LEO" },
  { username: "yinjiang_partner", displayName: "印江县人社局 杨洁", role: "PARTNER", office: "YJ-HRSS" },
  { username: "haidong_partner", displayName: "海东市人社局 马德福", role: "PARTNER", office: "HD-HRSS" },
  { username: "liuba_partner", displayName: "留坝县人社局 张涛", role: "PARTNER", office: "LB-HRSS" },
] as const satisfies readonly { username: string; displayName: string; role: Role; office: string }[];

export async function createOffice(input: { code?: string; name?: string; nameEn?: string; kind?: OfficeKind; regionCode: string }) {
  const code = input.code ?? `T-${randomUUID().slice(0, 8)}`;
  return db().office.upsert({
    where: { code },
    update: {},
    create: { code, name: input.name ?? `测试办公室 ${code}`, nameEn: input.nameEn ?? `Test office ${code}`, kind: input.kind ?? "DESTINATION_BUREAU", regionCode: input.regionCode },
  });
}

let cachedHash: Promise<string> | undefined;

export async function createUser(input: { username?: string; displayName?: string; role: Role; officeId: number; password?: string }) {
  const username = input.username ?? `u_${randomUUID().slice(0, 10)}`;
  const passwordHash = input.password ? await hashPassword(input.password) : await (cachedHash ??= hashPassword(DEMO_PASSWORD));
  return db().user.upsert({
    where: { username },
    update: {},
    create: { username, displayName: input.displayName ?? username, role: input.role, officeId: input.officeId, passwordHash },
  });
}

/** A scope for a user, as the session gate would build it (test and seed code only). */
export async function scopeFor(userId: number): Promise<Scope> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { office: true } });
  let officeIds: number[] | "ALL" = [user.officeId];
  if (user.role === "ADMIN") officeIds = "ALL";
  if (user.role === "SUPERVISOR") {
    officeIds = (await db().office.findMany({ where: { regionCode: { startsWith: user.office.regionCode } }, select: { id: true } })).map((o) => o.id);
  }
  return createScope({ userId: user.id, role: user.role, officeId: user.officeId, officeIds, originPrefix: user.role === "PARTNER" ? user.office.regionCode : null });
}

/** Generated ID numbers, each with a way to draw another like it (see createTestPerson). */
const generatedIds = new Map<string, () => string>();

/**
 * A valid national ID number for a region, a birth date near the one given (within ten years
 * before it) and a gender. Drawn at random from about 1.8 million numbers per region and gender,
 * so two test files running side by side rarely draw the same one; when they do,
 * createTestPerson draws again.
 */
export function uniqueNationalId(regionCode = "520625", birth = "19780315", gender: "MALE" | "FEMALE" = "MALE"): string {
  const latest = Date.UTC(Number(birth.slice(0, 4)), Number(birth.slice(4, 6)) - 1, Number(birth.slice(6, 8)));
  const date = new Date(latest - Math.floor(Math.random() * 3650) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  // Sequence digits: odd for men, even for women.
  const seq = Math.floor(Math.random() * 500) * 2 + (gender === "MALE" ? 1 : 0);
  const id = buildNationalId(regionCode, date, seq);
  generatedIds.set(id, () => uniqueNationalId(regionCode, birth, gender));
  return id;
}

export function personInput(overrides: Partial<CreatePersonInput> = {}): CreatePersonInput {
  return {
    name: `测试${randomUUID().slice(0, 6)}`,
    nationalId: uniqueNationalId(),
    phone: null,
    originDivisionCode: "520625",
    health: "HEALTHY",
    employmentStatus: "UNEMPLOYED",
    migration: "WILLING",
    consentGiven: true,
    skills: [],
    needs: [],
    trainingWishes: [],
    preferredSectors: [],
    preferredRegions: [],
    ...overrides,
  } as CreatePersonInput;
}

export async function createTestPerson(scope: Scope, overrides: Partial<CreatePersonInput> = {}) {
  // Retry on the rare random collision of a generated ID number, whether this call drew it or
  // the caller drew it with uniqueNationalId; an ID number the caller chose is never replaced.
  let input = overrides;
  for (let attempt = 0; ; attempt++) {
    try {
      return await createPersonMutation(scope, createPersonSchema.parse(personInput(input)));
    } catch (error) {
      const again = input.nationalId === undefined ? uniqueNationalId : generatedIds.get(input.nationalId);
      if (attempt < 5 && again && (error as { code?: string }).code === "DUPLICATE") {
        input = { ...input, nationalId: again() };
        continue;
      }
      throw error;
    }
  }
}

/** Creates the person unless their ID number is already registered (a re-run of the seed). */
async function createPerson(scope: Scope, input: ReturnType<typeof createPersonSchema.parse>) {
  const existing = await db().person.findUnique({ where: { idHash: hashPii(normalizeNationalId(input.nationalId)) }, select: { id: true } });
  return existing ?? createPersonMutation(scope, input);
}

async function skillId(code: string) {
  return (await db().skill.findUnique({ where: { code }, select: { id: true } }))?.id ?? null;
}

async function skills(...codes: string[]) {
  const ids = await Promise.all(codes.map(skillId));
  return ids.filter((id): id is number => id !== null).map((id) => ({ skillId: id, customName: null, certificate: null, level: "SKILLED" as const }));
}

/**
 * The demo: offices, one login per role, the article's five cases with their households.
 * Idempotent: offices and users are upserted, people already registered are left as they are,
 * and the last step (郑波's status history) marks a complete demo.
 */
export async function seedDemo(databaseUrl: string, options: { log?: (m: string) => void } = {}) {
  const log = options.log ?? console.log;
  process.env.DATABASE_URL ??= databaseUrl;
  const marker = await db().povertyStatusChange.findFirst({ where: { note: DEMO_MARKER_NOTE }, select: { id: true } });
  if (marker) {
    log("demo data already present");
    return { created: false };
  }
  const offices = new Map<string, number>();
  for (const office of DEMO_OFFICES) offices.set(office.code, (await createOffice(office)).id);
  const users = new Map<string, number>();
  for (const user of DEMO_USERS) {
    users.set(user.username, (await createUser({ username: user.username, displayName: user.displayName, role: user.role, officeId: offices.get(user.office)! })).id);
  }
  const wuxi = await scopeFor(users.get("wuxi_caseworker")!);
  const suzhou = await scopeFor(users.get("suzhou_caseworker")!);
  const qidong = await scopeFor(users.get("qidong_caseworker")!);

  // 马成 & 韩雪: Haidong (Xunhua), formerly registered poor; lamian shop in the Liangxi
  // district government canteen, Wuxi; rent and utilities waived.
  const maCheng = await createPerson(wuxi, createPersonSchema.parse(personInput({
    name: "马成",
    nationalId: buildNationalId("630225", "19900412", 31),
    phone: "13897012345",
    ethnicity: "回族",
    education: "JUNIOR_SECONDARY",
    originDivisionCode: "630225",
    originAddressDetail: "青海省海东市循化撒拉族自治县",
    currentDivisionCode: "320213",
    currentAddressDetail: "无锡市梁溪区政府食堂 循化拉面店",
    employmentStatus: "SELF_EMPLOYED",
    migration: "WILLING",
    expectedWage: 6000,
    needs: ["ACCOMMODATION"],
    preferredSectors: ["CATERING"],
    preferredRegions: ["3202"],
    workHistory: "在无锡梁溪区政府食堂经营循化拉面店，房租水电减免。",
    skills: await skills("LAMIAN", "CHINESE_COOKING"),
    household: {
      divisionCode: "630225",
      addressDetail: "青海省海东市循化撒拉族自治县",
      povertyStatus: "LIFTED",
      povertyStatusSince: "2020-06-30",
      perCapitaIncome: 9800,
      members: [{ name: "马秀兰", relation: "PARENT", birthYear: 1962, isLabourer: false, note: null }],
    },
  })));
  const maHousehold = (await db().person.findUniqueOrThrow({ where: { id: maCheng.id }, select: { householdId: true } })).householdId!;
  await createPerson(wuxi, createPersonSchema.parse(personInput({
    name: "韩雪",
    nationalId: buildNationalId("630225", "19920908", 42),
    phone: "13897054321",
    ethnicity: "回族",
    education: "JUNIOR_SECONDARY",
    originDivisionCode: "630225",
    currentDivisionCode: "320213",
    currentAddressDetail: "无锡市梁溪区政府食堂 循化拉面店",
    employmentStatus: "SELF_EMPLOYED",
    migration: "WILLING",
    skills: await skills("RESTAURANT_SERVICE"),
    joinHouseholdId: maHousehold,
    relation: "SPOUSE",
  })));

  // 代江敏: 48, Yinjiang, the only labourer of a 7-person household; recruited in his village
  // by a Suzhou firm; product tester at Suzhou Opple Lighting, 4,200-4,500 yuan, room and board.
  await createPerson(suzhou, createPersonSchema.parse(personInput({
    name: "代江敏",
    nationalId: buildNationalId("520625", "19780315", 15),
    phone: "15186012345",
    ethnicity: "土家族",
    education: "PRIMARY",
    originDivisionCode: "520625",
    originAddressDetail: "贵州省铜仁市印江土家族苗族自治县",
    currentDivisionCode: "320505",
    currentAddressDetail: "苏州欧普照明有限公司 员工宿舍",
    employmentStatus: "EMPLOYED",
    migration: "WILLING",
    expectedWage: 4200,
    needs: ["ACCOMMODATION"],
    preferredSectors: ["MANUFACTURING", "ELECTRONICS"],
    workHistory: "此前在老家打零工，疫情后失去收入；苏州企业驻村招聘，现为苏州欧普照明产品测试员，月薪4200-4500元，包吃住。",
    skills: await skills("PRODUCT_TESTING"),
    household: {
      divisionCode: "520625",
      addressDetail: "贵州省铜仁市印江土家族苗族自治县",
      povertyStatus: "REGISTERED_POOR",
      povertyStatusSince: "2016-03-01",
      perCapitaIncome: 3200,
      members: [
        { name: "代母", relation: "PARENT", birthYear: 1950, isLabourer: false, note: "年老" },
        { name: "杨秀英", relation: "SPOUSE", birthYear: 1980, isLabourer: false, note: "在家照顾老人和孩子" },
        { name: "代小红", relation: "CHILD", birthYear: 2008, isLabourer: false, note: "在校" },
        { name: "代小军", relation: "CHILD", birthYear: 2011, isLabourer: false, note: "在校" },
        { name: "代小梅", relation: "CHILD", birthYear: 2014, isLabourer: false, note: "在校" },
        { name: "代小宝", relation: "CHILD", birthYear: 2018, isLabourer: false, note: null },
      ],
    },
  })));

  // 卢胜洋: first "Tongren class" (2019) at Suzhou Technician College, electrical automation
  // maintenance; free tuition, 800 yuan monthly living allowance; summer internship in Suzhou.
  await createPerson(suzhou, createPersonSchema.parse(personInput({
    name: "卢胜洋",
    nationalId: buildNationalId("520602", "20020718", 53),
    phone: "18285012345",
    education: "VOCATIONAL",
    originDivisionCode: "520602",
    originAddressDetail: "贵州省铜仁市碧江区",
    currentDivisionCode: "320505",
    currentAddressDetail: "苏州技师学院",
    employmentStatus: "STUDENT",
    migration: "WILLING",
    needs: ["TRAINING"],
    trainingWishes: ["PLUMBING_ELECTRICAL"],
    trainingWishNote: "2019年首届“铜仁班”电气自动化设备安装与维修专业；学费全免，每月800元生活补助；暑期在苏州实习。",
    skills: await skills("ELECTRICAL_AUTOMATION"),
    household: { divisionCode: "520602", addressDetail: null, povertyStatus: "REGISTERED_POOR", povertyStatusSince: "2015-10-01", perCapitaIncome: 3600, members: [{ name: "卢父", relation: "PARENT", birthYear: 1970, isLabourer: true, note: null }, { name: "卢母", relation: "PARENT", birthYear: 1972, isLabourer: true, note: null }] },
  })));

  // 魁永得: Qinghai Higher Vocational and Technical College graduate, now at Wuxi Jiance Precision.
  await createPerson(wuxi, createPersonSchema.parse(personInput({
    name: "魁永得",
    nationalId: buildNationalId("630202", "19990203", 77),
    phone: "13997012345",
    ethnicity: "土族",
    education: "COLLEGE",
    originDivisionCode: "630202",
    originAddressDetail: "青海省海东市乐都区",
    currentDivisionCode: "320206",
    currentAddressDetail: "无锡佳测精密",
    employmentStatus: "EMPLOYED",
    migration: "WILLING",
    expectedWage: 5500,
    preferredSectors: ["MANUFACTURING"],
    workHistory: "青海高等职业技术学院毕业，现就职于无锡佳测精密。",
    skills: await skills("CNC_OPERATION", "QUALITY_INSPECTION"),
    household: { divisionCode: "630202", addressDetail: null, povertyStatus: "LIFTED_UNSTABLE", povertyStatusSince: "2020-12-01", perCapitaIncome: 7600, members: [{ name: "魁父", relation: "PARENT", birthYear: 1968, isLabourer: true, note: null }] },
  })));

  // 郑波: registered poor, Xixiang town, Liuba county, Shaanxi; came to Qidong through the
  // Jiangsu-Shaanxi partnership; did not adapt at first; moved through 6 positions.
  const zhengBo = await createPerson(qidong, createPersonSchema.parse(personInput({
    name: "郑波",
    nationalId: buildNationalId("610729", "19950626", 95),
    phone: "13709162345",
    education: "JUNIOR_SECONDARY",
    originDivisionCode: "610729",
    originAddressDetail: "陕西省汉中市留坝县西乡镇",
    currentDivisionCode: "320681",
    currentAddressDetail: "启东市",
    employmentStatus: "EMPLOYED",
    migration: "WILLING",
    expectedWage: 4000,
    needs: ["ACCOMMODATION", "TRANSPORT"],
    workHistory: "通过苏陕协作来到启东，起初不适应工作；启东市劳动就业管理处先后为他调换6个岗位。",
    skills: await skills("MACHINE_OPERATION"),
    household: { divisionCode: "610729", addressDetail: "陕西省汉中市留坝县西乡镇", povertyStatus: "REGISTERED_POOR", povertyStatusSince: "2016-01-01", perCapitaIncome: 3100, members: [{ name: "郑父", relation: "PARENT", birthYear: 1966, isLabourer: false, note: "慢性病" }] },
  })));
  // People looking for work now: one for each track under the policy.
  await createPerson(suzhou, createPersonSchema.parse(personInput({
    name: "杨光明", nationalId: buildNationalId("520625", "19880902", 37), phone: "15186098765", ethnicity: "土家族", education: "JUNIOR_SECONDARY",
    originDivisionCode: "520625", employmentStatus: "UNEMPLOYED", migration: "WILLING", expectedWage: 4500, needs: ["ACCOMMODATION"],
    preferredSectors: ["ELECTRONICS", "MANUFACTURING"], preferredRegions: ["3205"], skills: await skills("ASSEMBLY_LINE"),
    household: { divisionCode: "520625", addressDetail: null, povertyStatus: "MARGINAL_AT_RISK", povertyStatusSince: "2022-03-01", perCapitaIncome: 4800, members: [
      { name: "杨母", relation: "PARENT", birthYear: 1958, isLabourer: false, note: null }, { name: "吴小花", relation: "SPOUSE", birthYear: 1990, isLabourer: false, note: "照顾孩子" },
      { name: "杨小宇", relation: "CHILD", birthYear: 2014, isLabourer: false, note: null }, { name: "杨小雨", relation: "CHILD", birthYear: 2017, isLabourer: false, note: null }] },
  })));
  await createPerson(suzhou, createPersonSchema.parse(personInput({
    name: "田玉芬", nationalId: buildNationalId("520625", "19750311", 48), phone: "15186011223", ethnicity: "苗族", education: "PRIMARY",
    originDivisionCode: "520625", currentDivisionCode: "520625", employmentStatus: "UNEMPLOYED", migration: "UNWILLING", migrationNote: "需照顾瘫痪的婆婆",
    skills: await skills("CLEANING"), household: { divisionCode: "520625", addressDetail: null, povertyStatus: "REGISTERED_POOR", povertyStatusSince: "2016-05-01", perCapitaIncome: 2900, members: [
      { name: "张婆婆", relation: "PARENT_IN_LAW", birthYear: 1945, isLabourer: false, note: "瘫痪在床" }] },
  })));
  await createPerson(qidong, createPersonSchema.parse(personInput({
    name: "王小军", nationalId: buildNationalId("610729", "20030415", 59), phone: "13709160001", education: "JUNIOR_SECONDARY",
    originDivisionCode: "610729", employmentStatus: "UNEMPLOYED", migration: "WILLING", needs: ["TRAINING", "ACCOMMODATION"], trainingWishes: ["MANUFACTURING"],
    household: { divisionCode: "610729", addressDetail: "陕西省汉中市留坝县西乡镇", povertyStatus: "LIFTED_UNSTABLE", povertyStatusSince: "2020-11-30", perCapitaIncome: 5200, members: [
      { name: "王父", relation: "PARENT", birthYear: 1975, isLabourer: true, note: null }] },
  })));

  await seedDemoJobs({ wuxi, suzhou, qidong, yinjiang: await scopeFor(users.get("yinjiang_partner")!), liuba: await scopeFor(users.get("liuba_partner")!) }, { daiId: (await personByName("代江敏"))!, kuiId: (await personByName("魁永得"))!, zhengId: zhengBo.id, maId: maCheng.id });
  const zhengHousehold = await db().household.findFirstOrThrow({ where: { persons: { some: { id: zhengBo.id } } }, select: { id: true, version: true } });
  await changePovertyStatus(qidong, zhengHousehold.id, { version: zhengHousehold.version, status: "LIFTED_UNSTABLE", effectiveDate: new Date("2020-11-30"), note: DEMO_MARKER_NOTE });
  await seedDemoMonitoring({ wuxi, qidong }, { kuiId: (await personByName("魁永得"))!, zhengId: zhengBo.id, maId: maCheng.id });
  await seedDemoTraining({ suzhou, wuxi, province: await scopeFor(users.get("js_supervisor")!) }, { szTech: offices.get("SZ-TECH")!, huishan: offices.get("WX-HS-HRSS")!, luId: (await personByName("卢胜洋"))! });
  // Last: the targets' reported figures are computed from what everything above records.
  await seedDemoTargets(await scopeFor(users.get("js_supervisor")!));

  log(`demo data created: ${DEMO_OFFICES.length} offices, ${DEMO_USERS.length} users, the article's cases`);
  return { created: true };
}

async function personByName(name: string) {
  return (await db().person.findFirst({ where: { name }, select: { id: true } }))?.id;
}

let usccSerial = 0;
export async function createTestEmployer(scope: Scope, overrides: Partial<Record<string, unknown>> = {}) {
  usccSerial++;
  return createEmployer(scope, employerInputSchema.parse({
    name: `测试企业${randomUUID().slice(0, 6)}`,
    uscc: buildUscc("320505", Math.floor(Math.random() * 1e8) * 10 + (usccSerial % 10)),
    divisionCode: "320505",
    ...overrides,
  }));
}

export async function createTestVacancy(scope: Scope, employerId: number, overrides: Partial<Record<string, unknown>> = {}) {
  return createVacancy(scope, vacancyInputSchema.parse({
    employerId,
    title: `测试岗位${randomUUID().slice(0, 6)}`,
    openings: 3,
    wageMin: 4000,
    wageMax: 5000,
    divisionCode: "320505",
    status: "OPEN",
    ...overrides,
  }));
}

type DemoScopes = { wuxi: Scope; suzhou: Scope; qidong: Scope; yinjiang: Scope; liuba: Scope };

/**
 * The employers of the article (and, marked as illustrative, the Qidong firms of Zheng Bo's six
 * positions), open vacancies including public-welfare posts, and the placements that are these
 * people's job history.
 */
async function seedDemoJobs(s: DemoScopes, people: { daiId: number; kuiId: number; zhengId: number; maId: number }) {
  const skill = async (code: string) => (await db().skill.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  const employer = async (scope: Scope, name: string, region: string, serial: number, industry: string) =>
    (await createEmployer(scope, employerInputSchema.parse({ name, uscc: buildUscc(region, serial), divisionCode: region, industry }))).id;
  const vacancy = async (scope: Scope, employerId: number, fields: Record<string, unknown>) =>
    (await createVacancy(scope, vacancyInputSchema.parse({ employerId, status: "OPEN", ...fields }))).id;

  const opple = await employer(s.suzhou, "苏州欧普照明有限公司", "320509", 1001, "ELECTRONICS");
  const jiance = await employer(s.wuxi, "无锡佳测精密科技有限公司", "320206", 1002, "MANUFACTURING");
  const canteen = await employer(s.wuxi, "无锡市梁溪区机关食堂", "320213", 1003, "CATERING");
  const oppleTester = await vacancy(s.suzhou, opple, {
    title: "产品测试员", occupationCode: "4-08-05-07", sector: "ELECTRONICS", openings: 20, wageMin: 4200, wageMax: 4500, divisionCode: "320509",
    roomAndBoard: true, trainingProvided: true, trainingDescription: "照明产品测试岗前培训", trainingDays: 7, ageMax: 55,
    skills: [{ skillId: await skill("PRODUCT_TESTING"), requirement: "REQUIRED" }],
    description: "苏州企业驻村招聘：产品测试，包吃住，月薪4200-4500元。",
  });
  await vacancy(s.suzhou, opple, {
    title: "装配工", occupationCode: "6-20-01-01", sector: "ELECTRONICS", openings: 30, wageMin: 4000, wageMax: 4800, divisionCode: "320509",
    roomAndBoard: true, trainingProvided: true, trainingDescription: "流水线装配岗前培训", trainingDays: 5, ageMin: 18, ageMax: 50,
    skills: [{ skillId: await skill("ASSEMBLY_LINE"), requirement: "REQUIRED" }],
  });
  const jianceCnc = await vacancy(s.wuxi, jiance, {
    title: "数控机床操作工", occupationCode: "6-18-01-07", sector: "MANUFACTURING", openings: 8, wageMin: 5500, wageMax: 7000, divisionCode: "320206",
    roomAndBoard: true, skills: [{ skillId: await skill("CNC_OPERATION"), requirement: "REQUIRED" }, { skillId: await skill("QUALITY_INSPECTION"), requirement: "NICE_TO_HAVE" }],
  });
  await vacancy(s.wuxi, canteen, {
    title: "面点师（拉面）", occupationCode: "4-03-02-02", sector: "CATERING", openings: 2, wageMin: 5000, wageMax: 6500, divisionCode: "320213",
    roomAndBoard: true, skills: [{ skillId: await skill("LAMIAN"), requirement: "REQUIRED" }], description: "机关食堂清真拉面窗口，减免房租水电。",
  });
  // A stated gender requirement: flagged to caseworkers, never scored.
  const logistics = await employer(s.wuxi, "无锡顺达仓储物流有限公司", "320206", 1004, "LOGISTICS");
  await vacancy(s.wuxi, logistics, {
    title: "仓库搬运工", occupationCode: "4-02-06-01", sector: "LOGISTICS", openings: 10, wageMin: 4500, wageMax: 5500, divisionCode: "320206", genderRequirement: "MALE", roomAndBoard: false,
  });
  // Public-welfare posts in origin counties, for people who cannot migrate.
  const yinjiangBureau = await employer(s.yinjiang, "印江县林业局（公益性岗位）", "520625", 2001, "AGRICULTURE");
  await vacancy(s.yinjiang, yinjiangBureau, { kind: "PUBLIC_WELFARE", title: "护林员", occupationCode: "5-02-03-01", sector: "AGRICULTURE", openings: 15, wageMin: 1500, wageMax: 1800, divisionCode: "520625" });
  const liubaBureau = await employer(s.liuba, "留坝县西乡镇人民政府（公益性岗位）", "610729", 2002, "DOMESTIC_SERVICE");
  await vacancy(s.liuba, liubaBureau, { kind: "PUBLIC_WELFARE", title: "保洁员", occupationCode: "4-09-08-01", openings: 10, wageMin: 1400, wageMax: 1600, divisionCode: "610729" });

  // Zheng Bo's six positions in Qidong (firm names illustrative): five did not last, the sixth did.
  const qidongFirms = [
    { name: "启东海韵电子有限公司", industry: "ELECTRONICS", title: "电子装配工", occupation: "6-20-01-01", wage: 3800, board: true, start: "2020-05-11", end: "2020-06-20", reason: "DID_NOT_ADAPT", note: "流水线节奏快，不适应" },
    { name: "启东东元机械制造有限公司", industry: "MANUFACTURING", title: "车工学徒", occupation: "6-18-01-01", wage: 3500, board: true, start: "2020-06-28", end: "2020-08-10", reason: "WAGE", note: "学徒期工资低" },
    { name: "启东南洋食品有限公司", industry: "MANUFACTURING", title: "食品包装工", occupation: "6-31-05", wage: 4000, board: false, start: "2020-08-17", end: "2020-10-05", reason: "HOUSING", note: "不提供宿舍，租房太贵" },
    { name: "启东吕四港纺织有限公司", industry: "TEXTILES", title: "挡车工", occupation: "6-05-01-03", wage: 4200, board: true, start: "2020-10-12", end: "2020-12-01", reason: "DID_NOT_ADAPT", note: "三班倒作息不适应" },
    { name: "启东江海物流有限公司", industry: "LOGISTICS", title: "仓储分拣员", occupation: "4-02-06-01", wage: 4300, board: true, start: "2020-12-08", end: "2021-02-20", reason: "COMMUTE", note: "仓库搬迁到海门，通勤太远" },
    { name: "启东华瑞精密机械有限公司", industry: "MANUFACTURING", title: "机床操作工", occupation: "6-18-01-07", wage: 4800, board: true, start: "2021-03-01", end: null, reason: null, note: null },
  ];
  // What the Qidong caseworker heard at each follow-up: the step that prompted the next move.
  const heard = [
    { outcome: "WANTS_CHANGE", notes: "说流水线太快跟不上，想换个慢一点的活" },
    { outcome: "WANTS_CHANGE", notes: "学徒工资3500，不够寄钱回家" },
    { outcome: "LEFT_JOB", notes: "租房每月800元，已搬走离职" },
    { outcome: "WANTS_CHANGE", notes: "夜班睡不好，想做白班" },
    { outcome: "WANTS_CHANGE", notes: "仓库搬到海门，单程一个多小时" },
  ] as const;
  const qidongOffice = s.qidong.officeId;
  let serial = 3001;
  let previousPlacementId: number | null = null;
  for (const [i, f] of qidongFirms.entries()) {
    const firm = await employer(s.qidong, f.name, "320681", serial++, f.industry);
    const start = new Date(f.start);
    const placement: { id: number } = await db().placement.create({
      data: {
        personId: people.zhengId, employerId: firm, officeId: qidongOffice, title: f.title, occupationCode: f.occupation, countyCode: "320681", roomAndBoard: f.board,
        monthlyWage: f.wage, contractType: i === 5 ? "OPEN_ENDED" : i === 1 ? "PROBATION" : "FIXED_TERM", startDate: start, endDate: f.end ? new Date(f.end) : null, endReason: f.reason as never, endNote: f.note,
        status: f.end ? "ENDED" : "ACTIVE", previousPlacementId, createdById: s.qidong.userId, endedById: f.end ? s.qidong.userId : null,
        supports: i === 5 ? { create: [{ kind: "TRANSPORT_ALLOWANCE", monthlyAmount: 200, startDate: start, endDate: new Date("2021-12-31"), note: "苏陕协作交通补贴" }] } : undefined,
      },
      select: { id: true },
    });
    previousPlacementId = placement.id;
    // The 7-day follow-up of each placement; for the ones that ended, what was heard before the move.
    const followUpDays = f.end ? [7] : [7, 30, 90, 180, 365];
    for (const [k, day] of followUpDays.entries()) {
      const due = new Date(start.getTime() + day * 86_400_000);
      const last = f.end && k === followUpDays.length - 1;
      const said = last ? heard[i]! : { outcome: "SETTLED" as const, notes: day >= 90 ? "稳定，转正后月收入4800元" : "适应良好" };
      await db().followUp.create({
        data: {
          personId: people.zhengId, placementId: placement.id, officeId: qidongOffice, caseworkerId: s.qidong.userId, reason: "PLACEMENT", cadenceDay: day, dueDate: due,
          status: "DONE", outcome: said.outcome, completedAt: due,
          contacts: { create: [{ personId: people.zhengId, at: due, channel: "PHONE", reached: true, outcome: said.outcome, income: said.outcome === "SETTLED" ? (day >= 90 ? 4800 : f.wage) : f.wage, notes: said.notes, recordedById: s.qidong.userId }] },
        },
      });
    }
  }
  // Dai Jiangmin at Opple and Kui Yongde at Jiance Precision, placed and working; their year of
  // follow-ups done. Ma Cheng's lamian shop in the Liangxi canteen, rent and utilities waived.
  const settled = async (scope: Scope, personId: number, data: Omit<Parameters<ReturnType<typeof db>["placement"]["create"]>[0]["data"], "personId" | "officeId" | "createdById">, income: number) => {
    const placement = await db().placement.create({ data: { ...data, personId, officeId: scope.officeId, createdById: scope.userId } as never, select: { id: true, startDate: true } });
    for (const day of [7, 30, 90, 180, 365]) {
      const due = new Date(placement.startDate.getTime() + day * 86_400_000);
      await db().followUp.create({
        data: {
          personId, placementId: placement.id, officeId: scope.officeId, caseworkerId: scope.userId, reason: "PLACEMENT", cadenceDay: day, dueDate: due, status: "DONE", outcome: "SETTLED", completedAt: due,
          contacts: { create: [{ personId, at: due, channel: day === 90 ? "VISIT" : "PHONE", reached: true, outcome: "SETTLED", income, notes: day === 7 ? "适应良好" : "稳定", recordedById: scope.userId }] },
        },
      });
    }
  };
  await settled(s.suzhou, people.daiId, { vacancyId: oppleTester, employerId: opple, title: "产品测试员", occupationCode: "4-08-05-07", countyCode: "320509", roomAndBoard: true, monthlyWage: 4350, contractType: "FIXED_TERM", startDate: new Date("2020-04-15"), holdsOpening: true }, 4350);
  await settled(s.wuxi, people.kuiId, { vacancyId: jianceCnc, employerId: jiance, title: "数控机床操作工", occupationCode: "6-18-01-07", countyCode: "320206", roomAndBoard: true, monthlyWage: 6000, contractType: "FIXED_TERM", startDate: new Date("2020-07-01"), holdsOpening: true }, 6000);
  await settled(s.wuxi, people.maId, {
    employerId: canteen, title: "拉面店经营（机关食堂窗口）", occupationCode: "4-03-02-02", countyCode: "320213", roomAndBoard: false, monthlyWage: 6000, contractType: "NONE", startDate: new Date("2019-09-01"),
    supports: { create: [
      { kind: "RENT_WAIVER", monthlyAmount: 1500, startDate: new Date("2019-09-01"), note: "梁溪区机关食堂店面房租减免" },
      { kind: "UTILITY_WAIVER", monthlyAmount: 300, startDate: new Date("2019-09-01"), note: "水电费减免" },
    ] },
  }, 6000);
  await db().vacancy.update({ where: { id: oppleTester }, data: { filled: { increment: 1 } } });
  await db().vacancy.update({ where: { id: jianceCnc }, data: { filled: { increment: 1 } } });
}

/**
 * Follow-ups due around today, so that "My day" has something in it on any day the demo is
 * started: Zheng Bo and Kui Yongde (households lifted but unstable) under monitoring, one of them
 * overdue; Ma Cheng (lifted) this week.
 */
async function seedDemoMonitoring(s: { wuxi: Scope; qidong: Scope }, people: { kuiId: number; zhengId: number; maId: number }) {
  const today = chinaToday();
  const day = (n: number) => addDays(today, n);
  await db().followUp.create({ data: { personId: people.zhengId, officeId: s.qidong.officeId, caseworkerId: s.qidong.userId, reason: "MONITORING", dueDate: day(-2) } });
  await db().followUp.create({ data: { personId: people.kuiId, officeId: s.wuxi.officeId, caseworkerId: s.wuxi.userId, reason: "MONITORING", dueDate: day(-1), failedAttempts: 1, contacts: { create: [{ personId: people.kuiId, at: day(-1), channel: "PHONE", reached: false, notes: "电话无人接听", recordedById: s.wuxi.userId }] } } });
  await db().followUp.create({ data: { personId: people.maId, officeId: s.wuxi.officeId, caseworkerId: s.wuxi.userId, reason: "MONITORING", dueDate: day(3) } });
}

/**
 * Targets (docs/decisions/012): the article's year, 2020, with Jiangsu's ABSORBED and NEW_TRANSFERS
 * targets, Suzhou's, Wuxi's and Qidong's beneath them, and Huishan's and Suzhou's training since
 * 2018; and this year's, so progress against today is live (some ahead, Wuxi's new transfers
 * behind). The article does not state the targets themselves: their numbers are illustrative,
 * said so in their notes. The reported figures are what JobBridge's own records do not hold:
 * each is computed here as the article's number minus what the records (and the figures reported
 * before it) already count, so recorded + reported gives the article's number exactly, whatever
 * the demo's other records are. The figures the article counts by origin (Tongren's, Liuba's)
 * are reported first, with their origin, and the totals by destination after them: those people
 * are part of the province's and the cities' totals, so the origin-less remainders shrink by
 * them instead of adding them twice. Runs last in seedDemo, after every record it may count.
 */
export async function seedDemoTargets(supervisor: Scope) {
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const target = (regionCode: string, metric: string, period: { start: Date; end: Date }, value: number, note: string) =>
    createTarget(supervisor, { regionCode, metric: metric as never, periodStart: period.start, periodEnd: period.end, value, note });
  const actualOf = async (regionCode: string, metric: string, period: { start: Date; end: Date }, originCode: string | null) => {
    const got = (await figureActuals(supervisor, [{ key: "x", metric: metric as never, regionCode, start: period.start, end: period.end, originPrefix: originCode }])).get("x")!;
    return got.recorded + got.reported;
  };
  /** Reports what is missing for the region's actual (of people from `originCode`, if given) to read `total` on `asOf`. */
  const topUp = async (regionCode: string, metric: string, period: { start: Date; end: Date }, total: number, asOf: Date, source: string, originCode: string | null = null) => {
    const missing = total - (await actualOf(regionCode, metric, period, originCode));
    if (missing > 0) await reportFigure(supervisor, { regionCode, metric: metric as never, asOf, value: missing, source, originCode });
  };

  // 2020, the article's year.
  const y2020 = presetPeriod("YEAR", 2020);
  const since2018 = { start: new Date("2018-01-01"), end: y2020.end };
  const returns = "江苏省就业扶贫协作统计（系统外报送，截至2020年10月底）";
  const asOf2020 = new Date("2020-10-31");
  const illustrative = "示例任务数：报道未给出下达的任务数";
  await target("32", "ABSORBED", y2020, 800_000, `吸纳中西部贫困劳动力不少于去年；${illustrative}`);
  await target("32", "NEW_TRANSFERS", y2020, 6_000, `国扶办下达的就业扶贫协作考核任务；${illustrative}`);
  // The article's figures counted by origin, first: Suzhou's Tongren people before the province's
  // (Jiangsu's 2,930 holds Suzhou's 2,051, so the province reports only the rest), then Qidong's
  // people from Liuba. Dated like the other returns: the article's "since 2018" is cumulative with
  // no yearly split, so the whole remainder counts in 2020 (decision 012).
  for (const figure of ARTICLE_FIGURES.filter((f) => f.originPrefix !== null).sort((a, b) => b.regionCode.length - a.regionCode.length)) {
    await topUp(figure.regionCode, figure.metric, figure.period, figure.value, asOf2020, `${returns}（按户籍）`, figure.originPrefix);
  }
  for (const [region, absorbed, transfers, absorbedActual, transfersActual] of [
    ["3205", 300_000, 2_400, 312_400, 2_560],
    ["3202", 150_000, 1_000, 146_800, 1_180],
    ["320681", 12_000, 400, 12_600, 430],
  ] as const) {
    await target(region, "ABSORBED", y2020, absorbed, illustrative);
    await target(region, "NEW_TRANSFERS", y2020, transfers, illustrative);
    await topUp(region, "ABSORBED", y2020, absorbedActual, asOf2020, returns);
    await topUp(region, "NEW_TRANSFERS", y2020, transfersActual, asOf2020, returns);
  }
  await target("320206", "TRAINED", since2018, 1_000, "2018年以来为对口地区（海东平安区、乐都区）贫困劳动力开展技能和创业培训");
  await target("3205", "TRAINED", since2018, 10_000, "2018年以来铜仁与苏州合作培训劳动力");
  // The article's figures counted by destination region: the province's remainder last, after its cities'.
  for (const figure of ARTICLE_FIGURES.filter((f) => f.originPrefix === null)) {
    await topUp(figure.regionCode, figure.metric, figure.period, figure.value, figure.metric === "TRAINED" ? new Date("2020-09-30") : asOf2020, figure.metric === "TRAINED" ? "培训台账汇总（系统上线前，2018年以来累计）" : returns);
  }

  // This year: progress against today (China's calendar), whatever day the demo is started.
  const today = chinaToday();
  const year = presetPeriod("YEAR", today.getUTCFullYear());
  const e = elapsedShare(year, today);
  const monthly = `${today.getUTCFullYear()}年就业帮扶月报（系统外报送，截至${iso(today)}）`;
  await target("32", "ABSORBED", year, 850_000, "吸纳中西部脱贫劳动力务工人数不少于去年");
  await target("3205", "ABSORBED", year, 300_000, "苏州市分解任务");
  await target("320681", "ABSORBED", year, 10_000, "启东市分解任务");
  await target("3202", "NEW_TRANSFERS", year, 1_500, "无锡市新增转移就业任务");
  await target("320206", "TRAINED", year, 400, "惠山区对口地区培训任务");
  await topUp("3205", "ABSORBED", year, Math.round(300_000 * Math.min(1, e + 0.06)), today, monthly);
  await topUp("320681", "ABSORBED", year, Math.round(10_000 * Math.max(0, e - 0.02)), today, monthly);
  await topUp("32", "ABSORBED", year, Math.round(850_000 * Math.min(1, e + 0.05)), today, monthly);
  await topUp("3202", "NEW_TRANSFERS", year, Math.round(1_500 * e * 0.6), today, monthly);
  await topUp("320206", "TRAINED", year, Math.round(400 * Math.min(1, e + 0.1)), today, monthly);
}

/**
 * Training (docs/decisions/011): the first "Tongren class" (2019) at Suzhou Technician College,
 * electrical automation maintenance, 31 students with free tuition and 800 yuan a month, every
 * month of the ledger paid and all completed with certificates (卢胜洋 is one; most were placed in
 * Suzhou in July 2020); a Huishan district elder-care course held in its paired Haidong district;
 * and an e-commerce course in Yinjiang running now, one month paid and the current one due.
 * Written through the training mutations, so capacity, ledger and audit rows are the app's own.
 */
async function seedDemoTraining(s: { suzhou: Scope; wuxi: Scope; province: Scope }, ids: { szTech: number; huishan: number; luId: number }) {
  const skill = async (code: string) => (await db().skill.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  const today = chinaToday();

  // The Tongren class: programme run by the Suzhou bureau, taught by the college.
  const tongren = await createProgramme(s.suzhou, programmeInputSchema.parse({
    kind: "VOCATIONAL_CLASS", title: "铜仁班 · 电气自动化设备安装与维修", providerOfficeId: ids.szTech, delivery: "IN_DESTINATION", divisionCode: "320506",
    startDate: "2019-09-01", endDate: "2020-06-30", capacity: 31, subsidyPerPerson: 0,
    description: "苏州技师学院首届“铜仁班”：铜仁籍建档立卡家庭学生，学费全免，每月800元生活补助，暑期在苏州企业实习。",
    skills: [{ skillId: await skill("ELECTRICAL_AUTOMATION"), level: "CERTIFIED" }, { skillId: await skill("ELECTRICIAN"), level: "SKILLED" }],
  }));
  const cohort = await createCohort(s.suzhou, tongren.id, cohortInputSchema.parse({ name: "2019级铜仁班", startDate: "2019-09-01", endDate: "2020-06-30", capacity: 31, tuitionFree: true, monthlyAllowance: 800 }));
  await setCohortStatus(s.suzhou, cohort.id, cohortStatusSchema.parse({ status: "RUNNING", version: 1 }));
  const surnames = Array.from("杨田吴龙张石冉安姚舒");
  const given = ["文杰", "明辉", "永强", "世军", "兴旺", "光荣", "小龙", "建波"];
  const counties = ["520602", "520603", "520621", "520622", "520623", "520624", "520626", "520627", "520628"];
  const students = [ids.luId];
  for (let i = 0; i < 30; i++) {
    const region = counties[i % counties.length]!;
    const person = await createPerson(s.suzhou, createPersonSchema.parse(personInput({
      name: `${surnames[i % surnames.length]}${given[(i * 3) % given.length]}`,
      nationalId: buildNationalId(region, `200${1 + (i % 3)}${String(1 + (i % 12)).padStart(2, "0")}${String(1 + i).padStart(2, "0")}`, 101 + i * 2),
      education: "VOCATIONAL", originDivisionCode: region, currentDivisionCode: "320506", currentAddressDetail: "苏州", employmentStatus: "EMPLOYED", migration: "WILLING",
      workHistory: "2019级苏州技师学院“铜仁班”学员，电气自动化设备安装与维修专业。",
    })));
    students.push(person.id);
  }
  const enrolments: number[] = [];
  for (const personId of students) enrolments.push((await enrol(s.suzhou, cohort.id, enrolSchema.parse({ personId, enrolledOn: "2019-09-01" }))).id);
  for (let m = 0; m < 10; m++) {
    const month = new Date(Date.UTC(2019, 8 + m, 1));
    await payAllowances(s.province, cohort.id, paySchema.parse({ month: month.toISOString().slice(0, 7), enrolmentIds: enrolments, paidOn: new Date(Date.UTC(2019, 8 + m, 10)).toISOString().slice(0, 10), reference: `苏技院补助-${month.toISOString().slice(0, 7)}` }));
  }
  await completeEnrolments(s.suzhou, cohort.id, completeSchema.parse({
    enrolmentIds: enrolments, completedOn: "2020-06-30", certificate: "电工（四级/中级工）职业资格证书",
    certificateNumbers: Object.fromEntries(enrolments.map((e, i) => [String(e), `SZJS-2020-${String(i + 1).padStart(4, "0")}`])),
  }));
  await setCohortStatus(s.suzhou, cohort.id, cohortStatusSchema.parse({ status: "COMPLETED", version: 2 }));
  // What the class led to: 22 placed in Suzhou in July 2020 (about 70%), four of whom left within weeks.
  const firm = (await createEmployer(s.suzhou, employerInputSchema.parse({ name: "苏州吴中精工电气有限公司", uscc: buildUscc("320506", 1101), divisionCode: "320506", industry: "MANUFACTURING" }))).id;
  for (const [i, personId] of students.slice(1, 23).entries()) {
    const left = i < 4;
    await db().placement.create({
      data: {
        personId, employerId: firm, officeId: s.suzhou.officeId, title: "电气设备安装维修工", occupationCode: "6-31-01-03", countyCode: "320506", roomAndBoard: true, monthlyWage: 5200,
        contractType: "FIXED_TERM", startDate: new Date("2020-07-06"), endDate: left ? new Date("2020-08-20") : null, endReason: left ? "DID_NOT_ADAPT" : null, endNote: left ? "回铜仁就近就业" : null,
        status: left ? "ENDED" : "ACTIVE", createdById: s.suzhou.userId, endedById: left ? s.suzhou.userId : null,
      },
    });
  }

  // Huishan district, Wuxi: elder care taught in its paired district (Ledu, Haidong) — 走出去.
  const elder = await createProgramme(s.wuxi, programmeInputSchema.parse({
    kind: "ELDER_CARE", title: "惠山区结对帮扶 · 养老护理员培训（乐都区）", providerName: "无锡市惠山区职业培训指导中心", delivery: "IN_ORIGIN", divisionCode: "630202",
    startDate: "2023-04-01", endDate: "2023-12-31", capacity: 120, subsidyPerPerson: 1800,
    description: "惠山区派师资赴结对地区办班，结业后推荐到无锡养老机构就业。",
    skills: [{ skillId: await skill("ELDER_CARE"), level: "CERTIFIED" }, { skillId: await skill("PATIENT_CARE"), level: "BASIC" }],
  }));
  const elderCohort = await createCohort(s.wuxi, elder.id, cohortInputSchema.parse({ name: "2023年第2期（乐都）", startDate: "2023-05-08", endDate: "2023-06-16", capacity: 40, tuitionFree: true, monthlyAllowance: 0 }));
  await setCohortStatus(s.wuxi, elderCohort.id, cohortStatusSchema.parse({ status: "RUNNING", version: 1 }));
  const carers: number[] = [];
  for (const [i, name] of ["李秀梅", "祁玉兰"].entries()) {
    const person = await createPerson(s.wuxi, createPersonSchema.parse(personInput({
      name, nationalId: buildNationalId("630202", `1978${String(3 + i).padStart(2, "0")}12`, 202 + i * 2), education: "JUNIOR_SECONDARY", originDivisionCode: "630202",
      currentDivisionCode: "320206", employmentStatus: "EMPLOYED", migration: "WILLING", workHistory: "2023年惠山区在乐都区举办的养老护理员培训结业，现在无锡惠山区养老机构工作。",
    })));
    carers.push((await enrol(s.wuxi, elderCohort.id, enrolSchema.parse({ personId: person.id, enrolledOn: "2023-05-08" }))).id);
  }
  await completeEnrolments(s.wuxi, elderCohort.id, completeSchema.parse({ enrolmentIds: carers, completedOn: "2023-06-16", certificate: "养老护理员（五级/初级工）职业技能等级证书" }));
  await setCohortStatus(s.wuxi, elderCohort.id, cohortStatusSchema.parse({ status: "COMPLETED", version: 2 }));
  // The programme belongs to the Huishan district bureau (the Wuxi bureau's supervisor covers it).
  await db().trainingProgramme.update({ where: { id: elder.id }, data: { officeId: ids.huishan } });
  await db().trainingCohort.update({ where: { id: elderCohort.id }, data: { officeId: ids.huishan } });

  // E-commerce in Yinjiang, running now: started about five weeks ago, a month's allowance paid,
  // this month's due.
  const start = addDays(today, -34);
  const end = addDays(today, 54);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const shop = await createProgramme(s.suzhou, programmeInputSchema.parse({
    kind: "E_COMMERCE", title: "苏州·印江农村电商培训班", providerName: "印江县中等职业学校", delivery: "IN_ORIGIN", divisionCode: "520625",
    startDate: iso(addDays(start, -7)), endDate: iso(addDays(end, 30)), capacity: 60, subsidyPerPerson: 1200,
    description: "苏州派讲师到印江：网店开设、产品拍摄、直播带货，结业后对接苏州电商企业或返乡创业。",
    skills: [{ skillId: await skill("ECOMMERCE"), level: "CERTIFIED" }, { skillId: await skill("LIVESTREAM_SALES"), level: "BASIC" }],
  }));
  const running = await createCohort(s.suzhou, shop.id, cohortInputSchema.parse({ name: "第一期", startDate: iso(start), endDate: iso(end), capacity: 30, tuitionFree: true, monthlyAllowance: 500 }));
  await setCohortStatus(s.suzhou, running.id, cohortStatusSchema.parse({ status: "RUNNING", version: 1 }));
  const trainees: number[] = [];
  for (const [i, name] of ["田茂林", "冉小燕", "任光伟"].entries()) {
    const person = await createPerson(s.suzhou, createPersonSchema.parse(personInput({
      name, nationalId: buildNationalId("520625", `199${2 + i}0${5 + i}1${i}`, 303 + i * 2), education: "SENIOR_SECONDARY", originDivisionCode: "520625",
      employmentStatus: "UNEMPLOYED", migration: "UNDECIDED", trainingWishes: ["E_COMMERCE"], needs: ["TRAINING"],
    })));
    trainees.push((await enrol(s.suzhou, running.id, enrolSchema.parse({ personId: person.id, enrolledOn: iso(start) }))).id);
  }
  for (let k = 3; k >= 1; k--) {
    const day = addDays(today, -k);
    if (day < start) continue;
    await recordAttendance(s.suzhou, running.id, attendanceSchema.parse({ day: iso(day), marks: trainees.map((enrolmentId, i) => ({ enrolmentId, status: i === 2 && k === 2 ? "EXCUSED" : "PRESENT" })) }));
  }
  const firstMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
  if (firstMonth < new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1))) {
    await payAllowances(s.province, running.id, paySchema.parse({ month: iso(firstMonth).slice(0, 7), enrolmentIds: trainees, paidOn: iso(addDays(firstMonth, 14)), reference: "印江电商补助-01" }));
  }
}
