// A deterministic generator of employers and vacancies for the matching benchmark
// (scripts/bench-matching.ts): firms in the destination cities of the labour-transfer programme
// (Suzhou, Wuxi, Nantong), elsewhere in Jiangsu and in the other coastal provinces people go to,
// and, in the origin counties, local workshops and the public-welfare posts (公益性岗位) bought
// for people who cannot migrate. Occupations come from the occupations table (level 4), and each
// vacancy's required, nice-to-have and certificate skills from the skills table, consistent with
// the occupation (skills.occupation_codes): a welding job asks for welding, not for milking.
// Wages follow the sector and the region, room and board and training the sector; a few
// vacancies state an age range or (rarely, and flagged by the matcher) a gender.
// Pure: no database. The same seed and inputs give the same rows.
import { buildUscc } from "../../lib/employers/uscc";
import { Rng, Weighted } from "./generate-population";

// ---------------------------------------------------------------------------------------------
// Inputs

export type OccupationInput = { code: string; title: string };
export type SkillInput = { id: number; code: string; nameZh: string; category: string; occupationCodes: readonly string[] };
export type OfficeInput = { id: number; code: string; regionCode: string };
/** Counties (6-digit codes) with their names, and the towns (9-digit codes) of each. */
export type PlaceInput = { counties: Map<string, { name: string }>; towns: Map<string, { code: string; name: string }[]>; cityNames: Map<string, string> };

// ---------------------------------------------------------------------------------------------
// Where the jobs are

type Area = {
  key: string;
  /** City (4 digits) or county (6 digits) prefixes the area's employers sit in. */
  prefixes: readonly string[];
  /** Share of employers. */
  weight: number;
  /** Wage level against Suzhou. */
  wage: number;
  origin: boolean;
};

/** Where employers are. Shares follow where the programme's people go (MATCHING.md). */
export const AREAS: readonly Area[] = [
  { key: "suzhou", prefixes: ["3205"], weight: 33, wage: 1, origin: false },
  { key: "wuxi", prefixes: ["3202"], weight: 21, wage: 0.97, origin: false },
  { key: "nantong", prefixes: ["3206"], weight: 10, wage: 0.9, origin: false },
  { key: "jiangsu-other", prefixes: ["3201", "3204", "3210", "3211"], weight: 6, wage: 0.93, origin: false },
  { key: "shanghai", prefixes: ["3101"], weight: 4, wage: 1.12, origin: false },
  { key: "zhejiang", prefixes: ["3301", "3302", "3304", "3307"], weight: 8, wage: 0.98, origin: false },
  { key: "guangdong", prefixes: ["4403", "4419", "4406", "4413"], weight: 8, wage: 1.02, origin: false },
  { key: "fujian", prefixes: ["3505", "3502"], weight: 2, wage: 0.92, origin: false },
  // Origin counties: public-welfare posts and local workshops (扶贫车间) for people who stay.
  { key: "origin", prefixes: [], weight: 8, wage: 0.62, origin: true },
];

/** The city prefixes the generator needs the counties of (the bench loads them). */
export const AREA_CITY_PREFIXES: string[] = AREAS.flatMap((a) => a.prefixes);

// ---------------------------------------------------------------------------------------------
// Kinds of work

type CategoryProfile = {
  /** Share of regular vacancies. */
  weight: number;
  /** Monthly wage (yuan) in Suzhou, 2026. */
  wage: number;
  roomAndBoard: number;
  training: number;
  /** Occupation prefixes for lead skills that name no occupation. */
  fallbackOccupations: readonly string[];
  sector: string | null;
  gender: "MALE" | "FEMALE" | null;
  words: readonly string[];
};

const CATEGORIES: Record<string, CategoryProfile> = {
  MANUFACTURING: { weight: 40, wage: 5400, roomAndBoard: 0.75, training: 0.4, fallbackOccupations: ["6-25", "6-31-05", "6-18", "6-29-99"], sector: "MANUFACTURING", gender: null, words: ["电子", "精密", "机械", "科技", "制造", "电器"] },
  CONSTRUCTION: { weight: 14, wage: 7200, roomAndBoard: 0.7, training: 0.2, fallbackOccupations: ["6-29"], sector: "CONSTRUCTION", gender: "MALE", words: ["建设", "建工", "建筑", "路桥", "装饰"] },
  LOGISTICS: { weight: 10, wage: 5900, roomAndBoard: 0.5, training: 0.3, fallbackOccupations: ["4-02-06", "4-02-07"], sector: "LOGISTICS", gender: "MALE", words: ["物流", "供应链", "速运", "仓储"] },
  CATERING: { weight: 12, wage: 4900, roomAndBoard: 0.7, training: 0.3, fallbackOccupations: ["4-03-02"], sector: "CATERING", gender: null, words: ["餐饮", "食品", "酒店", "餐饮管理"] },
  CARE: { weight: 8, wage: 5600, roomAndBoard: 0.55, training: 0.45, fallbackOccupations: ["4-10-01", "4-14"], sector: "ELDER_CARE", gender: "FEMALE", words: ["养老", "康养", "护理", "家庭服务"] },
  SERVICES: { weight: 11, wage: 4600, roomAndBoard: 0.35, training: 0.25, fallbackOccupations: ["4-09-08", "4-07-05", "4-03-01", "4-01-02"], sector: "RETAIL", gender: null, words: ["物业", "商贸", "服务", "保安服务", "酒店管理"] },
  DIGITAL: { weight: 3, wage: 5600, roomAndBoard: 0.2, training: 0.4, fallbackOccupations: ["4-01-06", "4-04-05"], sector: "RETAIL", gender: null, words: ["网络", "信息", "电子商务", "数据"] },
  AGRICULTURE: { weight: 2, wage: 4200, roomAndBoard: 0.5, training: 0.2, fallbackOccupations: ["5-01", "5-03", "5-04"], sector: "AGRICULTURE", gender: null, words: ["农业", "农业开发", "生态农业", "种植"] },
};

/** Skills a vacancy may demand a certificate for (特种作业, 职业资格). */
const CERTIFIABLE = new Set(["WELDING", "ELECTRICIAN", "LOW_VOLTAGE_ELECTRICIAN", "FORKLIFT", "TOWER_CRANE", "EXCAVATOR", "WORK_AT_HEIGHT", "ELDER_CARE", "CHINESE_COOKING", "SECURITY_GUARD", "MATERNITY_CARE"]);

/** Public-welfare posts: what counties buy for people who cannot leave home. */
const PUBLIC_POSTS: readonly { title: string; occupation: string | null; skill: string | null; weight: number }[] = [
  { title: "村级保洁员", occupation: "4-09-08-01", skill: "CLEANING", weight: 30 },
  { title: "生态护林员", occupation: "5-02-02-00", skill: "FOREST_RANGER", weight: 20 },
  { title: "农村公路养护员", occupation: null, skill: "ROAD_MAINTENANCE", weight: 12 },
  { title: "公益性岗位 治安协管员", occupation: "4-07-05-01", skill: "SECURITY_GUARD", weight: 10 },
  { title: "居家养老服务员", occupation: "4-10-01-05", skill: "ELDER_CARE", weight: 10 },
  { title: "河道巡护员", occupation: null, skill: null, weight: 8 },
  { title: "村级就业信息员", occupation: null, skill: "SMARTPHONE_USE", weight: 10 },
];

const BRANDS = Array.from("恒华鑫达盛泰隆兴源宏远通利康安瑞丰和佳信诚德润中天海星辰凯晟嘉禾博雅汇锦鸿");
const SHIFT_NOTES = ["", "", "", "（长白班）", "（两班倒）", "（包吃住）", "（可招学徒）", "（旺季急招）", "（夫妻工优先安排宿舍）"];
const PARKS = ["工业园区", "经济开发区", "高新区", "科技园", "物流园", "产业园"];
const TRAINING_DAYS = new Weighted<number>([[3, 15], [5, 20], [7, 25], [10, 12], [15, 12], [30, 8], [60, 3]]);
const OPENINGS = new Weighted<readonly [number, number]>([[[1, 2], 30], [[3, 5], 30], [[6, 15], 22], [[16, 50], 14], [[51, 200], 4]]);
const STATUS = new Weighted<"OPEN" | "DRAFT" | "FILLED" | "CLOSED">([["OPEN", 90], ["DRAFT", 3], ["FILLED", 4], ["CLOSED", 3]]);
const AGE_MIN = new Weighted<number>([[16, 15], [18, 60], [20, 20], [22, 5]]);
const AGE_MAX = new Weighted<number>([[35, 12], [40, 18], [45, 25], [50, 22], [55, 15], [60, 8]]);

// ---------------------------------------------------------------------------------------------
// Outputs

export type GeneratedEmployer = {
  /** Assigned by the caller (the table's next ids). */
  id: number;
  officeId: number;
  name: string;
  uscc: string;
  industry: string | null;
  divisionCode: string;
  countyCode: string;
  addressDetail: string | null;
  contactName: string | null;
  contactPhone: string | null;
  /** A county or township government unit: its vacancies are public-welfare posts. */
  publicUnit: boolean;
  /** Category of most of its jobs (keys of CATEGORIES); null for public units. */
  category: string | null;
  /** Wage level of its area against Suzhou. */
  wageLevel: number;
  /** How many vacancies it posts, relatively (big factories post many). */
  size: number;
};

export type GeneratedVacancy = {
  employerId: number;
  officeId: number;
  kind: "REGULAR" | "PUBLIC_WELFARE";
  title: string;
  occupationCode: string | null;
  sector: string | null;
  description: string | null;
  openings: number;
  filled: number;
  wageMin: number | null;
  wageMax: number | null;
  divisionCode: string;
  countyCode: string;
  addressDetail: string | null;
  roomAndBoard: boolean;
  trainingProvided: boolean;
  trainingDescription: string | null;
  trainingDays: number | null;
  ageMin: number | null;
  ageMax: number | null;
  genderRequirement: "NONE" | "MALE" | "FEMALE";
  /** YYYY-MM-DD */
  startDate: string | null;
  status: "OPEN" | "DRAFT" | "FILLED" | "CLOSED";
  createdAtMs: number;
  updatedAtMs: number;
  skills: { skillId: number; requirement: "REQUIRED" | "NICE_TO_HAVE" | "CERTIFICATE" }[];
};

// ---------------------------------------------------------------------------------------------
// Helpers

/** "6-18-02-04" is under "6-18" and "6-18-02" (whole segments only). */
export function codeUnder(code: string, prefix: string): boolean {
  return code === prefix || (code.startsWith(prefix) && code[prefix.length] === "-");
}

const round100 = (x: number) => Math.round(x / 100) * 100;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The office that serves a county: the most specific office region containing it. */
export function officeFor(offices: readonly OfficeInput[], county: string, fallback: number): number {
  let best: OfficeInput | null = null;
  for (const o of offices) {
    if (county.startsWith(o.regionCode) && (!best || o.regionCode.length > best.regionCode.length)) best = o;
  }
  return best?.id ?? fallback;
}

// ---------------------------------------------------------------------------------------------
// Employers

export type EmployerInput = {
  seed: number;
  count: number;
  firstId: number;
  /** Serial numbers for the USCC organisation code start here (kept apart from other data). */
  firstSerial: number;
  places: PlaceInput;
  /** Origin counties (public-welfare posts and local workshops). */
  originCounties: readonly string[];
  offices: readonly OfficeInput[];
  /** Office of employers no office's region contains (other provinces): the province's bureau. */
  defaultOfficeId: number;
};

export function generateEmployers(input: EmployerInput): GeneratedEmployer[] {
  const rng = new Rng(input.seed);
  const countiesOf = (prefix: string) => [...input.places.counties.keys()].filter((c) => c.startsWith(prefix));
  const areaCounties = new Map<string, string[]>();
  for (const area of AREAS) {
    const list = area.origin ? input.originCounties.filter((c) => input.places.counties.has(c)) : area.prefixes.flatMap(countiesOf);
    if (!list.length) throw new Error(`generate-vacancies: no counties loaded for ${area.key}`);
    areaCounties.set(area.key, list);
  }
  const areas = new Weighted(AREAS.map((a) => [a, a.weight] as const));
  const categories = new Weighted(Object.entries(CATEGORIES).map(([k, c]) => [k, c.weight] as const));
  const sizes = new Weighted<number>([[1, 50], [2, 25], [4, 13], [8, 8], [20, 4]]);
  const out: GeneratedEmployer[] = [];
  for (let i = 0; i < input.count; i++) {
    const area = areas.pick(rng);
    const county = rng.pick(areaCounties.get(area.key)!);
    const towns = input.places.towns.get(county) ?? [];
    const town = towns.length ? rng.pick(towns) : null;
    const countyName = input.places.counties.get(county)?.name ?? "";
    const cityName = (input.places.cityNames.get(county.slice(0, 4)) ?? "").replace(/市$/, "");
    const publicUnit = area.origin && rng.chance(0.45);
    const category = publicUnit ? null : categories.pick(rng);
    const profile = category ? CATEGORIES[category]! : null;
    const name = publicUnit
      ? `${countyName}${town ? town.name : ""}${rng.pick(["人民政府", "社会事务办公室", "农业农村服务中心", "综合行政执法队"])}`
      : `${area.origin ? countyName : cityName}${rng.pick(BRANDS)}${rng.pick(BRANDS)}${rng.pick(profile!.words)}${area.origin && rng.chance(0.5) ? "扶贫车间" : rng.pick(["有限公司", "有限公司", "股份有限公司", "有限责任公司"])}`;
    const serial = input.firstSerial + i;
    out.push({
      id: input.firstId + i,
      officeId: officeFor(input.offices, county, input.defaultOfficeId),
      name: name.slice(0, 120),
      uscc: buildUscc(county, serial),
      industry: publicUnit ? "PUBLIC_ADMINISTRATION" : (profile!.sector ?? null),
      divisionCode: town?.code ?? county,
      countyCode: county,
      addressDetail: town ? `${town.name}${publicUnit ? "" : rng.pick(PARKS)}` : null,
      contactName: rng.chance(0.8) ? `${rng.pick(Array.from("王李张刘陈杨黄赵吴周徐孙朱胡郭何高林"))}${rng.pick(["经理", "主管", "女士", "先生"])}` : null,
      contactPhone: rng.chance(0.8) ? `1${rng.pick(["38", "39", "58", "59", "86", "87", "88", "89"])}${String(rng.int(0, 99_999_999)).padStart(8, "0")}` : null,
      publicUnit,
      category,
      wageLevel: area.wage * rng.normal(1, 0.06, 0.85, 1.15),
      size: publicUnit ? 1 : sizes.pick(rng),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vacancies

export type VacancyInput = {
  seed: number;
  employers: readonly GeneratedEmployer[];
  /** Level-4 occupations of the occupations table. */
  occupations: readonly OccupationInput[];
  skills: readonly SkillInput[];
  places: PlaceInput;
  /** Share of OPEN vacancies (default 0.9; the rest DRAFT, FILLED or CLOSED). */
  openShare?: number;
  now: Date;
};

type JobType = {
  category: string;
  lead: SkillInput;
  /** Level-4 occupations the lead skill belongs to. */
  occupations: OccupationInput[];
};

export class VacancyGenerator {
  private readonly rng: Rng;
  private readonly employers: Weighted<GeneratedEmployer>;
  private readonly leads = new Map<string, Weighted<JobType>>();
  private readonly skillsByCode = new Map<string, SkillInput>();
  private readonly publicPosts: Weighted<(typeof PUBLIC_POSTS)[number]>;
  private readonly occupationTitle = new Map<string, string>();
  private readonly status: Weighted<GeneratedVacancy["status"]>;
  private readonly categories: Weighted<string>;
  private readonly companionCache = new Map<string, SkillInput[]>();
  private readonly generalSkills: SkillInput[];

  constructor(private readonly input: VacancyInput) {
    this.rng = new Rng(input.seed);
    this.employers = new Weighted(input.employers.map((e) => [e, e.size] as const));
    for (const s of input.skills) this.skillsByCode.set(s.code, s);
    for (const o of input.occupations) this.occupationTitle.set(o.code, o.title);
    const open = input.openShare ?? 0.9;
    this.status = open === 0.9 ? STATUS : new Weighted([["OPEN", open], ["DRAFT", (1 - open) * 0.3], ["FILLED", (1 - open) * 0.4], ["CLOSED", (1 - open) * 0.3]] as const);
    this.publicPosts = new Weighted(PUBLIC_POSTS.map((p) => [p, p.weight] as const));

    // Job types per category: a lead skill and the occupations it may be done in. Lead skills
    // without an occupation code take the category's usual occupations.
    for (const category of Object.keys(CATEGORIES)) {
      const entries: [JobType, number][] = [];
      for (const lead of input.skills.filter((s) => s.category === category)) {
        const prefixes = lead.occupationCodes.length ? lead.occupationCodes : CATEGORIES[category]!.fallbackOccupations;
        const occupations = input.occupations.filter((o) => prefixes.some((p) => codeUnder(o.code, p)));
        if (!occupations.length) continue;
        // Skills named for an exact occupation are the commoner jobs; give every lead skill weight.
        entries.push([{ category, lead, occupations }, 1]);
      }
      if (entries.length) this.leads.set(category, new Weighted(entries));
    }
    this.categories = new Weighted([...this.leads.keys()].map((k) => [k, CATEGORIES[k]!.weight] as const));
    this.generalSkills = input.skills.filter((s) => s.category === "GENERAL");
  }

  /** Skills (other than `lead`) that belong with an occupation: same occupation group, or the
   *  lead's category with no code of their own. */
  private companions(occupation: string, lead: SkillInput): SkillInput[] {
    const key = `${occupation}|${lead.id}`;
    let list = this.companionCache.get(key);
    if (!list) {
      list = this.input.skills.filter(
        (s) =>
          s.id !== lead.id &&
          (s.occupationCodes.some((c) => codeUnder(occupation, c) || codeUnder(c, occupation.slice(0, 7))) || (s.category === lead.category && !s.occupationCodes.length)),
      );
      this.companionCache.set(key, list);
    }
    return list;
  }

  next(): GeneratedVacancy {
    const rng = this.rng;
    const employer = this.employers.pick(rng);
    const towns = this.input.places.towns.get(employer.countyCode) ?? [];
    const town = rng.chance(0.7) ? employer.divisionCode : towns.length ? rng.pick(towns).code : employer.countyCode;
    const status = this.status.pick(rng);
    const createdAtMs = this.input.now.getTime() - rng.int(1, 120) * 86_400_000 - rng.int(0, 86_399) * 1000;
    const updatedAtMs = Math.min(this.input.now.getTime() - 60_000, createdAtMs + rng.int(0, 30) * 86_400_000);
    const startDate = rng.chance(0.5) ? isoDate(this.input.now.getTime() + rng.int(-30, 60) * 86_400_000) : null;
    const skills: GeneratedVacancy["skills"] = [];
    const base = {
      employerId: employer.id,
      officeId: employer.officeId,
      divisionCode: town,
      countyCode: employer.countyCode,
      addressDetail: employer.addressDetail,
      status,
      createdAtMs,
      updatedAtMs,
      startDate,
      skills,
    };

    if (employer.publicUnit) {
      const post = this.publicPosts.pick(rng);
      const skill = post.skill ? this.skillsByCode.get(post.skill) : undefined;
      if (skill && rng.chance(0.5)) skills.push({ skillId: skill.id, requirement: rng.chance(0.7) ? "NICE_TO_HAVE" : "REQUIRED" });
      const openings = rng.int(1, 10);
      const wageMin = round100(rng.normal(1500, 300, 800, 2200));
      return {
        ...base,
        kind: "PUBLIC_WELFARE",
        title: post.title,
        occupationCode: post.occupation && this.occupationTitle.has(post.occupation) ? post.occupation : null,
        sector: null,
        description: "县人社局开发的公益性岗位，优先安置脱贫劳动力和弱劳力、半劳力。",
        openings,
        filled: this.filled(status, openings),
        wageMin,
        wageMax: rng.chance(0.5) ? wageMin + round100(rng.int(100, 600)) : null,
        roomAndBoard: rng.chance(0.02),
        trainingProvided: rng.chance(0.3),
        trainingDescription: null,
        trainingDays: null,
        ageMin: 18,
        ageMax: rng.pick([55, 60, 60]),
        genderRequirement: "NONE",
      };
    }

    // Most of a firm's jobs are in its line of work; some are not (a factory's canteen cook).
    const category = rng.chance(0.8) && employer.category && this.leads.has(employer.category) ? employer.category : this.pickCategory();
    const profile = CATEGORIES[category]!;
    const type = this.leads.get(category)!.pick(rng);
    const occupation = rng.pick(type.occupations);
    const companions = this.companions(occupation.code, type.lead);
    const certificate = CERTIFIABLE.has(type.lead.code) && rng.chance(0.35);
    // 8% ask for nothing in particular (普工, 学徒): occupation only.
    if (certificate || rng.chance(0.92)) skills.push({ skillId: type.lead.id, requirement: certificate ? "CERTIFICATE" : "REQUIRED" });
    const used = new Set(skills.map((s) => s.skillId));
    if (companions.length && rng.chance(0.35)) {
      const s = rng.pick(companions);
      if (!used.has(s.id)) {
        used.add(s.id);
        skills.push({ skillId: s.id, requirement: "REQUIRED" });
      }
    }
    for (let n = rng.int(0, 2); n > 0; n--) {
      const pool = rng.chance(0.6) && companions.length ? companions : this.generalSkills;
      const s = pool.length ? rng.pick(pool) : null;
      if (s && !used.has(s.id)) {
        used.add(s.id);
        skills.push({ skillId: s.id, requirement: "NICE_TO_HAVE" });
      }
    }

    const [lo, hi] = OPENINGS.pick(rng);
    const openings = rng.int(lo, hi);
    const level = employer.wageLevel * (certificate ? 1.15 : 1);
    let wageMin: number | null = round100(rng.normal(profile.wage * level, 700, 2200, 20_000));
    let wageMax: number | null = wageMin + round100(rng.int(300, 2500));
    if (rng.chance(0.06)) wageMax = null;
    if (rng.chance(0.03)) [wageMin, wageMax] = [null, null];
    const origin = employer.wageLevel < 0.8;
    const roomAndBoard = rng.chance(origin ? 0.15 : profile.roomAndBoard);
    const trainingProvided = rng.chance(profile.training);
    const trainingDays = trainingProvided ? TRAINING_DAYS.pick(rng) : null;
    const ages = rng.next();
    const ageMin = ages < 0.65 ? AGE_MIN.pick(rng) : null;
    const ageMax = ages < 0.85 ? AGE_MAX.pick(rng) : null;
    const gender = rng.chance(0.03) ? (profile.gender ?? (rng.chance(0.5) ? "MALE" : "FEMALE")) : "NONE";
    let sector = profile.sector;
    if (category === "MANUFACTURING" && codeUnder(occupation.code, "6-25")) sector = "ELECTRONICS";
    if (category === "MANUFACTURING" && codeUnder(occupation.code, "6-05")) sector = "TEXTILES";
    if (category === "CARE" && type.lead.code !== "ELDER_CARE" && type.lead.code !== "PATIENT_CARE") sector = "DOMESTIC_SERVICE";
    if (type.lead.code === "DOMESTIC_SERVICE") sector = "DOMESTIC_SERVICE";
    if (rng.chance(0.08)) sector = null;
    const title = `${occupation.title}${rng.pick(SHIFT_NOTES)}`.slice(0, 120);
    return {
      ...base,
      kind: "REGULAR",
      title,
      occupationCode: occupation.code,
      sector,
      description: rng.chance(0.6) ? `${type.lead.nameZh}岗位，${roomAndBoard ? "提供食宿，" : ""}${trainingProvided ? `岗前培训${trainingDays}天，` : ""}缴纳五险。` : null,
      openings,
      filled: this.filled(status, openings),
      wageMin,
      wageMax,
      roomAndBoard,
      trainingProvided,
      trainingDescription: trainingProvided ? `岗前培训（${type.lead.nameZh}）${trainingDays}天，带薪` : null,
      trainingDays,
      ageMin,
      ageMax: ageMin !== null && ageMax !== null && ageMax < ageMin ? null : ageMax,
      genderRequirement: gender,
    };
  }

  private pickCategory(): string {
    return this.categories.pick(this.rng);
  }

  private filled(status: GeneratedVacancy["status"], openings: number): number {
    if (status === "FILLED") return openings;
    if (status === "DRAFT") return 0;
    // Open ones have places left; closed ones stopped wherever they were.
    const f = Math.floor(openings * this.rng.next() ** 2 * 0.8);
    return status === "OPEN" ? Math.min(f, openings - 1) : f;
  }
}
