// A deterministic generator of realistic labourers for load tests and demos (scripts/seed.ts,
// scripts/bench.ts): households of 1-8 people from real origin counties of Jiangsu's paired
// regions, 1-4 of whom are registered as persons, with names drawn from real surname frequencies,
// valid national ID numbers, phones, poverty statuses, skills and the policy track.
// Pure: no database, no keys. The same seed and inputs give the same people.
import { buildNationalId } from "../../lib/persons/national-id";
import { deriveTrack, NEEDS, SECTORS, TRAINING_PROGRAMMES, type Track, type TrackReason } from "../../lib/persons/rules";
import { regionPath } from "../../lib/reference/regions";

// ---------------------------------------------------------------------------------------------
// Random numbers

/** sfc32: small, fast, and good enough for synthetic data; seeded, so runs repeat. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Roughly normal (sum of three uniforms), clamped. */
  normal(mean: number, sd: number, min: number, max: number): number {
    const z = (this.next() + this.next() + this.next() - 1.5) * 2;
    return Math.min(max, Math.max(min, mean + z * sd));
  }

  /** k distinct items, in a random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < k && pool.length; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }
}

/** Weighted choice by binary search over cumulative weights. */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = [];
    this.cumulative = [];
    let sum = 0;
    for (const [item, weight] of entries) {
      if (weight <= 0) continue;
      sum += weight;
      this.items.push(item);
      this.cumulative.push(sum);
    }
    if (!this.items.length) throw new Error("Weighted: no entries with a positive weight");
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/** Characters in frequency order, weighted by Zipf's law (rank^-s). */
function zipf(chars: string, s = 0.9): Weighted<string> {
  return new Weighted(Array.from(chars).map((c, i) => [c, 1 / Math.pow(i + 1, s)] as const));
}

// ---------------------------------------------------------------------------------------------
// Names

// Share of the population in per mille (2020 census order, rounded): the top 100 surnames cover
// about 85% of people; the long tail is folded into the last entries.
const SURNAMES: [string, number][] = [
  ["王", 71.2], ["李", 70.0], ["张", 67.4], ["刘", 53.8], ["陈", 45.3], ["杨", 30.8], ["黄", 22.3], ["赵", 22.0],
  ["吴", 20.0], ["周", 19.0], ["徐", 14.5], ["孙", 13.8], ["马", 12.9], ["朱", 12.6], ["胡", 11.6], ["郭", 11.3],
  ["何", 10.7], ["林", 10.0], ["高", 10.0], ["罗", 9.2], ["郑", 8.7], ["梁", 8.4], ["谢", 7.3], ["宋", 6.9],
  ["唐", 6.7], ["许", 6.4], ["韩", 6.4], ["冯", 6.1], ["邓", 6.0], ["曹", 5.9], ["彭", 5.4], ["曾", 5.3],
  ["肖", 5.3], ["田", 5.2], ["董", 5.1], ["袁", 4.9], ["潘", 4.8], ["于", 4.8], ["蒋", 4.8], ["蔡", 4.7],
  ["余", 4.6], ["杜", 4.5], ["叶", 4.4], ["程", 4.3], ["苏", 4.2], ["魏", 4.1], ["吕", 4.0], ["丁", 4.0],
  ["任", 3.9], ["沈", 3.7], ["姚", 3.6], ["卢", 3.6], ["姜", 3.5], ["崔", 3.4], ["钟", 3.3], ["谭", 3.3],
  ["陆", 3.2], ["汪", 3.1], ["范", 3.1], ["金", 3.0], ["石", 3.0], ["廖", 2.9], ["贾", 2.9], ["夏", 2.8],
  ["韦", 2.7], ["付", 2.7], ["方", 2.6], ["白", 2.6], ["邹", 2.5], ["孟", 2.5], ["熊", 2.4], ["秦", 2.4],
  ["邱", 2.4], ["江", 2.3], ["尹", 2.3], ["薛", 2.2], ["闫", 2.1], ["段", 2.1], ["雷", 2.1], ["侯", 2.0],
  ["龙", 2.0], ["史", 1.9], ["陶", 1.9], ["黎", 1.8], ["贺", 1.8], ["顾", 1.8], ["毛", 1.7], ["郝", 1.7],
  ["龚", 1.7], ["邵", 1.6], ["万", 1.6], ["钱", 1.6], ["严", 1.6], ["覃", 1.5], ["武", 1.5], ["戴", 1.5],
  ["莫", 1.4], ["孔", 1.3], ["向", 1.3], ["汤", 1.3], ["常", 1.2], ["温", 1.2], ["康", 1.2], ["施", 1.1],
  ["文", 1.1], ["牛", 1.1], ["樊", 1.1], ["葛", 1.0], ["邢", 1.0], ["安", 0.9], ["齐", 0.9], ["易", 0.9],
  ["乔", 0.9], ["伍", 0.9], ["庞", 0.9], ["颜", 0.8], ["倪", 0.8], ["庄", 0.8], ["聂", 0.8], ["章", 0.8],
  ["鲁", 0.7], ["岳", 0.7], ["翟", 0.7], ["殷", 0.7], ["詹", 0.7], ["申", 0.7], ["欧阳", 0.5], ["耿", 0.6],
  ["关", 0.6], ["兰", 0.6], ["焦", 0.6], ["俞", 0.6], ["左", 0.6], ["柳", 0.6], ["甘", 0.5], ["祝", 0.5],
  ["包", 0.5], ["宁", 0.5], ["尚", 0.5], ["符", 0.5], ["舒", 0.5], ["阮", 0.5], ["柯", 0.5], ["纪", 0.5],
  ["梅", 0.5], ["童", 0.5], ["凌", 0.5], ["毕", 0.5], ["单", 0.4], ["季", 0.4], ["裴", 0.4], ["霍", 0.4],
  ["涂", 0.4], ["成", 0.4], ["苗", 0.4], ["谷", 0.4], ["盛", 0.4], ["曲", 0.4], ["翁", 0.4], ["冉", 0.4],
  ["骆", 0.4], ["蓝", 0.4], ["路", 0.4], ["游", 0.4], ["辛", 0.4], ["靳", 0.4], ["管", 0.3], ["柴", 0.3],
  ["蒙", 0.3], ["鲍", 0.3], ["华", 0.3], ["喻", 0.3], ["祁", 0.3], ["蒲", 0.3], ["房", 0.3], ["滕", 0.3],
  ["屈", 0.3], ["饶", 0.3], ["解", 0.3], ["牟", 0.3], ["艾", 0.3], ["尤", 0.3], ["阳", 0.3], ["时", 0.3],
  ["穆", 0.3], ["农", 0.3], ["司", 0.3], ["卓", 0.3], ["古", 0.3], ["吉", 0.3], ["缪", 0.3], ["简", 0.3],
  ["车", 0.3], ["项", 0.3], ["连", 0.3], ["芦", 0.3], ["麦", 0.3], ["褚", 0.3], ["娄", 0.3], ["窦", 0.3],
  ["戚", 0.3], ["岑", 0.3], ["景", 0.3], ["党", 0.3], ["宫", 0.3], ["费", 0.3], ["卜", 0.3], ["冷", 0.3],
  ["晏", 0.3], ["席", 0.3], ["卫", 0.3], ["米", 0.3], ["柏", 0.3], ["宗", 0.3], ["瞿", 0.2], ["桂", 0.2],
  ["全", 0.2], ["佟", 0.2], ["应", 0.2], ["臧", 0.2], ["闵", 0.2], ["苟", 0.2], ["邬", 0.2], ["边", 0.2],
  ["卞", 0.2], ["姬", 0.2], ["师", 0.2], ["和", 0.2], ["仇", 0.2], ["栾", 0.2], ["隋", 0.2], ["商", 0.2],
  ["刁", 0.2], ["沙", 0.2], ["荣", 0.2], ["巫", 0.2], ["寇", 0.2], ["桑", 0.2], ["郎", 0.2], ["甄", 0.2],
  ["丛", 0.2], ["仲", 0.2], ["虞", 0.2], ["敖", 0.2], ["巩", 0.2], ["明", 0.2], ["佘", 0.2], ["池", 0.2],
  ["查", 0.2], ["麻", 0.2], ["苑", 0.2], ["迟", 0.2], ["邝", 0.2], ["司马", 0.05], ["上官", 0.03], ["诸葛", 0.03],
];

// Given-name characters in rough frequency order, by gender and by generation (people born
// before 1985 were named differently from those born after).
const MALE_OLDER = "明国华建军平伟强志勇文永海春东林成德福金刚宏兵生庆光荣忠祥新学贵发云峰亮中涛斌家胜良辉利俊世红青山玉清义礼正洪全";
const MALE_YOUNGER = "伟杰磊浩涛鹏超宇鑫俊飞帅斌凯波阳龙辉健亮博文浩然子轩晨睿豪旭航泽宁彬翔坤鸿毅皓天瑞铭昊星琪宸阳兴凡哲诚彦博骏峻";
const FEMALE_OLDER = "秀英玉兰芳桂珍凤梅华丽红霞云琴春莲翠荣美菊燕淑花金萍敏玲平素娟艳冬彩香梅月仙芬群兰珠芝巧";
const FEMALE_YOUNGER = "婷静丽敏娜雪琳倩颖佳欣怡悦雨涵萱梦妍晶露蓉丹慧洁雯璐思琪瑶薇月彤馨冰蕾茜媛娇诗婧佩玥菲瑾";
// Whole given names that recur, by gender and generation.
const MALE_OLDER_NAMES = ["建国", "建华", "建军", "国强", "国华", "志强", "志明", "海峰", "文斌", "永强", "卫东", "红军", "德胜", "金龙", "春生", "明亮", "国平", "建平", "学军", "光明"];
const MALE_YOUNGER_NAMES = ["子豪", "浩然", "子轩", "宇航", "俊杰", "家豪", "天宇", "博文", "志鹏", "文杰", "晨阳", "一鸣", "嘉豪", "思远", "明轩", "浩宇", "鑫磊", "梓航", "宇轩", "泽宇"];
const FEMALE_OLDER_NAMES = ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "玉梅", "春梅", "丽华", "红梅", "金凤", "美华", "秀梅", "桂芳", "淑珍", "玉英", "翠兰", "春花"];
const FEMALE_YOUNGER_NAMES = ["欣怡", "梓涵", "雨涵", "诗涵", "梦瑶", "佳怡", "思琪", "雨萱", "婷婷", "丹丹", "晶晶", "静怡", "紫涵", "佳琪", "欣妍", "雅婷", "晓雪", "梦琪", "可欣", "雨婷"];

// Tibetan names (Haidong, Gannan) have no surname: one or two name elements.
const TIBETAN_MALE = ["才让", "多杰", "扎西", "旦正", "东智", "加措", "更登", "夏吾", "尼玛", "索南", "完玛", "才旦", "公保", "仁青", "南加", "吉太", "先巴", "当周"];
const TIBETAN_FEMALE = ["卓玛", "拉毛", "措毛", "吉毛", "才措", "拉姆", "央金", "德吉", "卓嘎", "草毛", "仁青", "周毛", "旦措", "当知"];

const maleOlder = zipf(MALE_OLDER);
const maleYounger = zipf(MALE_YOUNGER);
const femaleOlder = zipf(FEMALE_OLDER);
const femaleYounger = zipf(FEMALE_YOUNGER);

type NameStyle = "han" | "tibetan";
type Gender = "MALE" | "FEMALE";

/** Regional surname pools: the national frequencies with the region's own common surnames raised. */
function surnamePool(boost: Record<string, number>): Weighted<string> {
  const entries = new Map(SURNAMES);
  for (const [s, extra] of Object.entries(boost)) entries.set(s, (entries.get(s) ?? 0) + extra);
  return new Weighted([...entries]);
}

function givenName(rng: Rng, gender: Gender, birthYear: number): string {
  const older = birthYear < 1985;
  const singleShare = older ? 0.28 : birthYear < 1995 ? 0.2 : 0.1;
  const pool = gender === "MALE" ? (older ? maleOlder : maleYounger) : older ? femaleOlder : femaleYounger;
  if (rng.chance(singleShare)) return pool.pick(rng);
  if (rng.chance(0.3)) {
    const names = gender === "MALE" ? (older ? MALE_OLDER_NAMES : MALE_YOUNGER_NAMES) : older ? FEMALE_OLDER_NAMES : FEMALE_YOUNGER_NAMES;
    return rng.pick(names);
  }
  let second = pool.pick(rng);
  const first = pool.pick(rng);
  // Doubled characters (婷婷, 丹丹) happen, mostly for girls; otherwise avoid 明明 by accident.
  if (second === first && !(gender === "FEMALE" && rng.chance(0.3))) second = pool.pick(rng);
  return first + second;
}

function tibetanName(rng: Rng, gender: Gender): string {
  const pool = gender === "MALE" ? TIBETAN_MALE : TIBETAN_FEMALE;
  const first = rng.pick(pool);
  if (rng.chance(0.35)) return first;
  let second = rng.pick(rng.chance(0.7) ? pool : TIBETAN_MALE);
  if (second === first) second = rng.pick(pool);
  return first + second;
}

// ---------------------------------------------------------------------------------------------
// Origin regions: real counties of the regions paired with Jiangsu's cities

type Ethnicities = readonly (readonly [string, number])[];
type OriginCounty = { code: string; weight: number; ethnicities: Ethnicities };
type RegionGroup = { key: string; surnameBoost: Record<string, number>; counties: OriginCounty[] };

const HAN: Ethnicities = [["汉族", 1]];

export const ORIGIN_GROUPS: RegionGroup[] = [
  {
    // 铜仁 Tongren, Guizhou (paired with Suzhou): Tujia, Miao and Dong villages.
    key: "tongren",
    surnameBoost: { 田: 25, 杨: 20, 龙: 18, 吴: 12, 冉: 12, 向: 8, 张: 10, 安: 5, 代: 4, 滕: 4, 石: 6, 麻: 4, 覃: 3 },
    counties: [
      { code: "520602", weight: 4, ethnicities: [["汉族", 0.5], ["土家族", 0.2], ["侗族", 0.15], ["苗族", 0.15]] },
      { code: "520603", weight: 3, ethnicities: [["汉族", 0.4], ["侗族", 0.4], ["苗族", 0.2]] },
      { code: "520621", weight: 4, ethnicities: [["汉族", 0.4], ["土家族", 0.45], ["苗族", 0.15]] },
      { code: "520622", weight: 3, ethnicities: [["侗族", 0.55], ["汉族", 0.35], ["苗族", 0.1]] },
      { code: "520623", weight: 8, ethnicities: [["汉族", 0.65], ["仡佬族", 0.2], ["侗族", 0.1], ["苗族", 0.05]] },
      { code: "520624", weight: 12, ethnicities: [["汉族", 0.45], ["土家族", 0.5], ["苗族", 0.05]] },
      { code: "520625", weight: 10, ethnicities: [["土家族", 0.6], ["汉族", 0.3], ["苗族", 0.1]] },
      { code: "520626", weight: 9, ethnicities: [["土家族", 0.55], ["汉族", 0.4], ["仡佬族", 0.05]] },
      { code: "520627", weight: 11, ethnicities: [["土家族", 0.65], ["汉族", 0.3], ["苗族", 0.05]] },
      { code: "520628", weight: 12, ethnicities: [["苗族", 0.5], ["汉族", 0.3], ["土家族", 0.2]] },
    ],
  },
  {
    // 海东 Haidong, Qinghai: Hui, Salar, Tu and Tibetan communities.
    key: "haidong",
    surnameBoost: { 马: 120, 韩: 40, 祁: 15, 李: 10, 鲁: 8, 冶: 8, 喇: 5, 妥: 4, 魁: 1, 赵: 5, 星: 2 },
    counties: [
      { code: "630202", weight: 9, ethnicities: [["汉族", 0.68], ["藏族", 0.14], ["回族", 0.1], ["土族", 0.08]] },
      { code: "630203", weight: 4, ethnicities: [["汉族", 0.6], ["回族", 0.25], ["藏族", 0.1], ["土族", 0.05]] },
      { code: "630222", weight: 10, ethnicities: [["回族", 0.38], ["汉族", 0.37], ["土族", 0.25]] },
      { code: "630223", weight: 9, ethnicities: [["汉族", 0.55], ["土族", 0.3], ["藏族", 0.1], ["回族", 0.05]] },
      { code: "630224", weight: 9, ethnicities: [["回族", 0.5], ["藏族", 0.25], ["汉族", 0.2], ["撒拉族", 0.05]] },
      { code: "630225", weight: 5, ethnicities: [["撒拉族", 0.62], ["藏族", 0.23], ["回族", 0.1], ["汉族", 0.05]] },
    ],
  },
  {
    // 汉中 Hanzhong, Shaanxi (Jiangsu-Shaanxi partnership; Qidong's partner county Liuba).
    key: "hanzhong",
    surnameBoost: { 王: 10, 张: 10, 李: 8, 刘: 6, 陈: 5, 杨: 4, 何: 3, 郑: 3, 蒲: 2 },
    counties: [
      { code: "610702", weight: 5, ethnicities: HAN },
      { code: "610703", weight: 7, ethnicities: HAN },
      { code: "610722", weight: 7, ethnicities: HAN },
      { code: "610723", weight: 7, ethnicities: HAN },
      { code: "610724", weight: 8, ethnicities: HAN },
      { code: "610725", weight: 6, ethnicities: HAN },
      { code: "610726", weight: 6, ethnicities: [["汉族", 0.97], ["羌族", 0.03]] },
      { code: "610727", weight: 4, ethnicities: HAN },
      { code: "610728", weight: 5, ethnicities: HAN },
      { code: "610729", weight: 3, ethnicities: HAN },
      { code: "610730", weight: 1, ethnicities: HAN },
    ],
  },
  {
    // 安康 Ankang, Shaanxi.
    key: "ankang",
    surnameBoost: { 王: 8, 陈: 8, 张: 8, 刘: 6, 李: 6, 杨: 4, 吴: 3, 胡: 3 },
    counties: [
      { code: "610902", weight: 12, ethnicities: HAN },
      { code: "610921", weight: 5, ethnicities: HAN },
      { code: "610922", weight: 4, ethnicities: HAN },
      { code: "610923", weight: 2, ethnicities: HAN },
      { code: "610924", weight: 7, ethnicities: HAN },
      { code: "610925", weight: 4, ethnicities: HAN },
      { code: "610926", weight: 5, ethnicities: HAN },
      { code: "610927", weight: 1, ethnicities: HAN },
      { code: "610929", weight: 4, ethnicities: HAN },
      { code: "610981", weight: 9, ethnicities: HAN },
    ],
  },
  {
    // 云南 Yunnan: Zhaotong, Nujiang (Lisu) and Wenshan (Zhuang, Miao).
    key: "yunnan",
    surnameBoost: { 李: 15, 杨: 12, 罗: 8, 王: 6, 张: 6, 陈: 5, 和: 6, 余: 6, 陆: 4, 农: 4, 熊: 3, 陶: 3, 周: 3, 普: 2, 者: 1 },
    counties: [
      { code: "530627", weight: 14, ethnicities: [["汉族", 0.9], ["彝族", 0.07], ["苗族", 0.03]] },
      { code: "530628", weight: 7, ethnicities: [["汉族", 0.85], ["彝族", 0.08], ["苗族", 0.07]] },
      { code: "530622", weight: 6, ethnicities: [["汉族", 0.94], ["彝族", 0.06]] },
      { code: "533323", weight: 2, ethnicities: [["傈僳族", 0.75], ["怒族", 0.15], ["汉族", 0.1]] },
      { code: "532627", weight: 8, ethnicities: [["壮族", 0.4], ["汉族", 0.42], ["苗族", 0.15], ["瑶族", 0.03]] },
    ],
  },
  {
    // 甘肃 Gansu: Dingxi, Linxia (Dongxiang, Bonan, Salar) and Longnan.
    key: "gansu",
    surnameBoost: { 马: 40, 王: 12, 张: 10, 李: 8, 赵: 4, 何: 3, 包: 3, 汪: 3, 妥: 2 },
    counties: [
      { code: "621126", weight: 6, ethnicities: [["汉族", 0.97], ["回族", 0.02], ["藏族", 0.01]] },
      { code: "621121", weight: 6, ethnicities: HAN },
      { code: "622926", weight: 4, ethnicities: [["东乡族", 0.87], ["汉族", 0.08], ["回族", 0.05]] },
      { code: "622927", weight: 4, ethnicities: [["汉族", 0.45], ["回族", 0.25], ["东乡族", 0.2], ["保安族", 0.06], ["撒拉族", 0.04]] },
      { code: "621223", weight: 4, ethnicities: [["汉族", 0.9], ["藏族", 0.1]] },
      { code: "621202", weight: 7, ethnicities: HAN },
      { code: "621225", weight: 6, ethnicities: HAN },
    ],
  },
];

/** Every county the generator draws people from (the seed loads their villages). */
export const ORIGIN_COUNTY_CODES: string[] = ORIGIN_GROUPS.flatMap((g) => g.counties.map((c) => c.code));

// ---------------------------------------------------------------------------------------------
// Destination offices (the demo's Jiangsu bureaus) and where their people come from

type DestinationProfile = {
  share: number;
  groups: readonly (readonly [string, number])[];
  /** Counties people placed through this office live and work in. */
  workCounties: string[];
};

export const DESTINATION_PROFILES: Record<string, DestinationProfile> = {
  "SZ-HRSS": {
    share: 0.38,
    groups: [["tongren", 0.65], ["yunnan", 0.1], ["ankang", 0.1], ["gansu", 0.05], ["hanzhong", 0.05], ["haidong", 0.05]],
    workCounties: ["320505", "320506", "320507", "320508", "320509", "320581", "320582", "320583", "320585"],
  },
  "WX-HRSS": {
    share: 0.3,
    groups: [["haidong", 0.45], ["ankang", 0.15], ["yunnan", 0.15], ["gansu", 0.15], ["tongren", 0.1]],
    workCounties: ["320205", "320206", "320211", "320213", "320214", "320281", "320282"],
  },
  "QD-LEO": {
    share: 0.17,
    groups: [["hanzhong", 0.6], ["ankang", 0.2], ["gansu", 0.1], ["yunnan", 0.1]],
    workCounties: ["320681"],
  },
  "WX-HS-HRSS": {
    share: 0.15,
    groups: [["haidong", 0.5], ["gansu", 0.2], ["ankang", 0.15], ["yunnan", 0.15]],
    workCounties: ["320206"],
  },
};

export const DESTINATION_OFFICE_CODES = Object.keys(DESTINATION_PROFILES);

// ---------------------------------------------------------------------------------------------
// Output shapes

export type PovertyStatus = "REGISTERED_POOR" | "LIFTED" | "LIFTED_UNSTABLE" | "MARGINAL_AT_RISK" | "EPIDEMIC_RETURNED" | "NONE";
export type Relation = "SELF" | "HEAD" | "SPOUSE" | "CHILD" | "PARENT" | "PARENT_IN_LAW" | "SIBLING" | "GRANDCHILD" | "GRANDPARENT" | "OTHER";
export type EmploymentStatus = "UNEMPLOYED" | "EMPLOYED" | "SELF_EMPLOYED" | "IN_TRAINING" | "STUDENT" | "NOT_IN_LABOUR_FORCE";
export type Health = "HEALTHY" | "CHRONIC_ILLNESS" | "DISABLED" | "SERIOUS_ILLNESS";
export type Migration = "WILLING" | "UNWILLING" | "UNDECIDED";
export type Education = "NONE" | "PRIMARY" | "JUNIOR_SECONDARY" | "SENIOR_SECONDARY" | "VOCATIONAL" | "COLLEGE" | "BACHELOR_OR_ABOVE";
export type SkillLevel = "BASIC" | "SKILLED" | "CERTIFIED";

export type GeneratedSkill = { skillId: number | null; customName: string | null; level: SkillLevel; certificate: string | null };

export type GeneratedPerson = {
  name: string;
  nationalId: string;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  phone: string | null;
  ethnicity: string | null;
  education: Education | null;
  health: Health;
  healthNote: string | null;
  originDivisionCode: string;
  originAddressDetail: string | null;
  currentDivisionCode: string | null;
  currentAddressDetail: string | null;
  employmentStatus: EmploymentStatus;
  workHistory: string | null;
  migration: Migration;
  migrationNote: string | null;
  preferredSectors: string[];
  preferredRegions: string[];
  expectedWage: number | null;
  needs: string[];
  trainingWishes: string[];
  trainingWishNote: string | null;
  derivedTrack: Track;
  trackReason: TrackReason;
  skills: GeneratedSkill[];
};

export type GeneratedMember = {
  name: string;
  relation: Relation;
  birthYear: number;
  isLabourer: boolean;
  note: string | null;
  /** Set when this member is registered as a person of their own. */
  person: GeneratedPerson | null;
};

export type GeneratedHousehold = {
  officeId: number;
  caseworkerId: number | null;
  divisionCode: string;
  addressDetail: string;
  povertyStatus: PovertyStatus;
  /** YYYY-MM-DD */
  povertyStatusSince: string | null;
  perCapitaIncome: number | null;
  /** Oldest first; the last entry is the current status. */
  history: { status: PovertyStatus; effectiveDate: string }[];
  members: GeneratedMember[];
};

export type PopulationInput = {
  seed: number;
  /** Ages are counted on this day (16 to 60 for registered persons). */
  referenceDate: Date;
  /** Destination offices by code (DESTINATION_OFFICE_CODES), with their caseworkers' user ids. */
  offices: { id: number; code: string; caseworkerIds: number[] }[];
  /** Villages (level 5) of each origin county, with their town's name. */
  villages: Map<string, { code: string; name: string; townName: string }[]>;
  /** The skill catalogue. */
  skills: { id: number; code: string; category: string }[];
  /** Called for every new ID number; return false to draw another (e.g. already registered). */
  acceptNationalId?: (id: string) => boolean;
};

// ---------------------------------------------------------------------------------------------
// Distributions

const POVERTY = new Weighted<PovertyStatus>([
  ["LIFTED", 0.45],
  ["REGISTERED_POOR", 0.08],
  ["LIFTED_UNSTABLE", 0.12],
  ["MARGINAL_AT_RISK", 0.1],
  ["EPIDEMIC_RETURNED", 0.03],
  ["NONE", 0.22],
]);

const HOUSEHOLD_SIZE = new Weighted<number>([[1, 5], [2, 10], [3, 18], [4, 24], [5, 20], [6, 12], [7, 7], [8, 4]]);

// Ages of the person a household is registered for.
const ANCHOR_AGE = new Weighted<readonly [number, number]>([
  [[16, 19], 5], [[20, 24], 12], [[25, 29], 13], [[30, 34], 13], [[35, 39], 12],
  [[40, 44], 12], [[45, 49], 13], [[50, 54], 12], [[55, 60], 8],
]);

const HEALTH = new Weighted<Health>([["HEALTHY", 0.88], ["CHRONIC_ILLNESS", 0.07], ["DISABLED", 0.03], ["SERIOUS_ILLNESS", 0.02]]);
const HEALTH_NOTES: Record<Exclude<Health, "HEALTHY">, string[]> = {
  CHRONIC_ILLNESS: ["高血压", "糖尿病", "腰椎间盘突出", "慢性胃炎", "风湿性关节炎", "慢性支气管炎"],
  DISABLED: ["肢体残疾（四级）", "肢体残疾（三级）", "视力残疾（四级）", "听力残疾（三级）"],
  SERIOUS_ILLNESS: ["尘肺病", "肾病，需定期透析", "术后康复中", "心脏病"],
};

const EDUCATION_OLDER = new Weighted<Education>([["NONE", 10], ["PRIMARY", 40], ["JUNIOR_SECONDARY", 40], ["SENIOR_SECONDARY", 8], ["VOCATIONAL", 2]]);
const EDUCATION_MIDDLE = new Weighted<Education>([["NONE", 3], ["PRIMARY", 20], ["JUNIOR_SECONDARY", 55], ["SENIOR_SECONDARY", 12], ["VOCATIONAL", 8], ["COLLEGE", 2]]);
const EDUCATION_YOUNGER = new Weighted<Education>([["PRIMARY", 4], ["JUNIOR_SECONDARY", 38], ["SENIOR_SECONDARY", 20], ["VOCATIONAL", 25], ["COLLEGE", 10], ["BACHELOR_OR_ABOVE", 3]]);

const EMPLOYMENT = new Weighted<EmploymentStatus>([
  ["EMPLOYED", 45], ["UNEMPLOYED", 31], ["SELF_EMPLOYED", 7], ["IN_TRAINING", 5], ["NOT_IN_LABOUR_FORCE", 6],
]);

const SKILL_CATEGORY_WEIGHT: Record<string, number> = {
  MANUFACTURING: 35, CONSTRUCTION: 15, CATERING: 12, SERVICES: 10, CARE: 8, LOGISTICS: 8, AGRICULTURE: 7, DIGITAL: 3, GENERAL: 2,
};
const SKILL_COUNT = new Weighted<number>([[0, 30], [1, 38], [2, 22], [3, 10]]);
const SKILL_LEVEL = new Weighted<SkillLevel>([["BASIC", 55], ["SKILLED", 35], ["CERTIFIED", 10]]);
const CERTIFICATES = ["职业技能等级证书（初级工）", "职业技能等级证书（中级工）", "专项职业能力证书", "特种作业操作证", "培训合格证"];
const CUSTOM_SKILLS = ["摩托车维修", "竹编", "刺绣", "养蜂", "拉面", "烤馍", "木工", "石匠", "牦牛养殖", "酿酒", "茶园管理", "民族歌舞表演"];

const PHONE_PREFIXES = new Weighted<string>([
  ["130", 3], ["131", 3], ["132", 3], ["133", 3], ["134", 3], ["135", 5], ["136", 4], ["137", 4], ["138", 6], ["139", 6],
  ["150", 3], ["151", 4], ["152", 4], ["153", 2], ["155", 2], ["156", 2], ["157", 2], ["158", 4], ["159", 4],
  ["166", 1], ["173", 2], ["175", 1], ["176", 1], ["177", 2], ["178", 1],
  ["180", 2], ["181", 2], ["182", 3], ["183", 3], ["184", 1], ["185", 3], ["186", 3], ["187", 3], ["188", 3], ["189", 3],
  ["191", 1], ["198", 2], ["199", 2],
]);

const WORKPLACES = ["电子厂员工宿舍", "工业园区员工宿舍", "机械厂宿舍", "建筑工地项目部", "物流园宿舍", "酒店员工宿舍", "服装厂宿舍", "租住城中村", "食品厂宿舍", "家政公司集体宿舍"];
const WORK_HISTORY = [
  "在老家务农，农闲时打零工。",
  "曾在广东东莞电子厂务工两年。",
  "在县城建筑工地做小工。",
  "在浙江义乌做过仓库分拣。",
  "外出务工多年，疫情后返乡。",
  "在本地餐馆做过帮厨。",
  "经劳务协作驻村招聘外出务工。",
  "参加过县人社局组织的技能培训。",
];
const MIGRATION_NOTES: Record<Migration, string[]> = {
  WILLING: ["愿意到江苏务工，希望包吃住", "希望和同乡一起外出", "夫妻一同外出务工"],
  UNWILLING: ["家中老人需要照顾", "孩子在读小学，需要照看", "身体原因不宜外出", "家里有承包地和养殖"],
  UNDECIDED: ["视岗位待遇而定", "想先了解工作环境", "等孩子开学后再决定"],
};

function isoDate(date: Date): string {
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${date.getUTCFullYear()}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

function daysBefore(date: Date, days: number): Date {
  return new Date(date.getTime() - days * 86_400_000);
}

// ---------------------------------------------------------------------------------------------
// The generator

type Region = { group: RegionGroup; surnames: Weighted<string>; counties: Weighted<OriginCounty> };
type OfficeState = {
  id: number;
  code: string;
  caseworkerIds: number[];
  regions: Weighted<Region>;
  workCounties: string[];
};

type Draft = {
  relation: Relation;
  gender: Gender;
  age: number;
  surname: string;
};

export class PopulationGenerator {
  private readonly rng: Rng;
  private readonly offices: Weighted<OfficeState>;
  private readonly skills: Weighted<{ id: number; code: string; category: string }>;
  private readonly ethnicityPools = new Map<string, Weighted<string>>();
  private readonly usedIds = new Set<number>();
  private readonly refYear: number;
  private phoneCounter: number;
  private readonly phoneOffset: number;

  constructor(private readonly input: PopulationInput) {
    this.rng = new Rng(input.seed);
    this.refYear = input.referenceDate.getUTCFullYear();
    const regions = new Map<string, Region>(
      ORIGIN_GROUPS.map((g) => {
        const counties = g.counties.filter((c) => (input.villages.get(c.code)?.length ?? 0) > 0);
        if (!counties.length) throw new Error(`no villages loaded for the counties of ${g.key}`);
        return [g.key, { group: g, surnames: surnamePool(g.surnameBoost), counties: new Weighted(counties.map((c) => [c, c.weight] as const)) }];
      }),
    );
    const offices: [OfficeState, number][] = [];
    for (const office of input.offices) {
      const profile = DESTINATION_PROFILES[office.code];
      if (!profile) throw new Error(`no destination profile for office ${office.code}`);
      offices.push([
        {
          id: office.id,
          code: office.code,
          caseworkerIds: office.caseworkerIds,
          regions: new Weighted(profile.groups.map(([key, w]) => [regions.get(key)!, w] as const)),
          workCounties: profile.workCounties,
        },
        profile.share,
      ]);
    }
    this.offices = new Weighted(offices);
    this.skills = new Weighted(input.skills.map((s) => [s, SKILL_CATEGORY_WEIGHT[s.category] ?? 1] as const));
    // Phones: an 8-digit body from a permutation of a counter (unique within a run), after a
    // weighted real prefix. The offset makes runs with other seeds start elsewhere.
    this.phoneCounter = 0;
    this.phoneOffset = this.rng.int(0, 99_999_999);
  }

  private ethnicity(county: OriginCounty): Weighted<string> {
    let pool = this.ethnicityPools.get(county.code);
    if (!pool) {
      pool = new Weighted(county.ethnicities);
      this.ethnicityPools.set(county.code, pool);
    }
    return pool;
  }

  /** The next household with its members; 1 to 4 of them are registered persons. */
  nextHousehold(): GeneratedHousehold {
    const rng = this.rng;
    const office = this.offices.pick(rng);
    const region = office.regions.pick(rng);
    const county = region.counties.pick(rng);
    const villages = this.input.villages.get(county.code)!;
    const village = rng.pick(villages);
    const ethnicity = this.ethnicity(county).pick(rng);
    const style: NameStyle = ethnicity === "藏族" && rng.chance(0.8) ? "tibetan" : "han";

    const drafts = this.composeHousehold(region.surnames);
    const povertyStatus = POVERTY.pick(rng);
    const history = this.povertyHistory(povertyStatus);
    const perCapitaIncome = this.income(povertyStatus);
    const addressDetail = `${regionPath(county.code).join("")}${village.townName}${village.name}${rng.int(1, 12)}组`;
    const caseworkerId = office.caseworkerIds.length && rng.chance(0.95) ? rng.pick(office.caseworkerIds) : null;

    const hasYoungChildren = drafts.some((d) => (d.relation === "CHILD" || d.relation === "GRANDCHILD") && d.age < 12);
    const hasElderly = drafts.some((d) => d.age >= 70);
    const size = drafts.length;

    const members: GeneratedMember[] = [];
    let persons = 0;
    for (const draft of drafts) {
      const name = style === "tibetan" ? tibetanName(rng, draft.gender) : draft.surname + givenName(rng, draft.gender, this.refYear - draft.age);
      const workingAge = draft.age >= 16 && draft.age <= 60;
      const register =
        draft.relation === "SELF" ||
        (workingAge &&
          persons < 4 &&
          rng.chance(draft.relation === "SPOUSE" ? 0.45 : draft.relation === "PARENT" ? 0.2 : draft.relation === "CHILD" || draft.relation === "SIBLING" ? 0.4 : 0.1));
      if (register) {
        persons++;
        const person = this.person({
          name, draft, county, village: village.code, addressDetail, ethnicity, office, hasYoungChildren, hasElderly, size,
        });
        const isLabourer = person.employmentStatus !== "STUDENT" && person.employmentStatus !== "NOT_IN_LABOUR_FORCE";
        members.push({ name, relation: draft.relation, birthYear: Number(person.birthDate.slice(0, 4)), isLabourer, note: null, person });
      } else {
        const { isLabourer, note } = this.memberRole(draft);
        members.push({ name, relation: draft.relation, birthYear: this.refYear - draft.age - (rng.chance(0.5) ? 1 : 0), isLabourer, note, person: null });
      }
    }

    return {
      officeId: office.id,
      caseworkerId,
      divisionCode: village.code,
      addressDetail,
      povertyStatus,
      povertyStatusSince: povertyStatus === "NONE" ? null : history[history.length - 1]!.effectiveDate,
      perCapitaIncome,
      history,
      members,
    };
  }

  /** Who lives in the household, relative to the person it is registered for (SELF). */
  private composeHousehold(surnames: Weighted<string>): Draft[] {
    const rng = this.rng;
    const size = HOUSEHOLD_SIZE.pick(rng);
    const [lo, hi] = ANCHOR_AGE.pick(rng);
    const anchorAge = rng.int(lo, hi);
    // Labour transfer skews male, about 60/40.
    const anchorGender: Gender = rng.chance(0.6) ? "MALE" : "FEMALE";
    const birthSurname = surnames.pick(rng);
    const otherSurname = () => surnames.pick(rng);
    const drafts: Draft[] = [{ relation: "SELF", gender: anchorGender, age: anchorAge, surname: birthSurname }];
    const gender = (): Gender => (rng.chance(0.5) ? "MALE" : "FEMALE");
    const clampAge = (a: number) => Math.max(0, Math.min(95, a));

    if (anchorAge < 26) {
      // A young person still in their parents' household.
      const father = { relation: "PARENT" as const, gender: "MALE" as const, age: clampAge(anchorAge + rng.int(22, 32)), surname: birthSurname };
      const mother = { relation: "PARENT" as const, gender: "FEMALE" as const, age: clampAge(father.age - rng.int(0, 5)), surname: otherSurname() };
      const slots: Draft[] = [];
      if (size >= 2) slots.push(rng.chance(0.85) ? father : mother);
      if (size >= 3 && rng.chance(0.9)) slots.push(slots[0] === father ? mother : father);
      while (slots.length < size - 1) {
        if (rng.chance(0.7) || father.age + 25 > 95) {
          slots.push({ relation: "SIBLING", gender: gender(), age: clampAge(anchorAge + rng.int(-10, 8)), surname: birthSurname });
        } else {
          slots.push({ relation: "GRANDPARENT", gender: gender(), age: clampAge(father.age + rng.int(22, 30)), surname: birthSurname });
        }
      }
      drafts.push(...slots);
    } else {
      const spouseSurname = otherSurname();
      // Children take the father's surname.
      const childSurname = anchorGender === "MALE" ? birthSurname : spouseSurname;
      let remaining = size - 1;
      if (remaining > 0 && rng.chance(0.88)) {
        drafts.push({ relation: "SPOUSE", gender: anchorGender === "MALE" ? "FEMALE" : "MALE", age: clampAge(anchorAge + (anchorGender === "MALE" ? -rng.int(0, 5) : rng.int(0, 5))), surname: spouseSurname });
        remaining--;
      }
      const parentAge = anchorAge + rng.int(22, 32);
      let children = 0;
      while (remaining > 0) {
        const roll = rng.next();
        const maxChildren = anchorAge < 30 ? 2 : 4;
        if (roll < 0.6 && children < maxChildren && anchorAge >= 20) {
          const age = clampAge(anchorAge - rng.int(20, 34) + children * rng.int(0, 3));
          drafts.push({ relation: "CHILD", gender: gender(), age: Math.max(0, age), surname: childSurname });
          children++;
        } else if (roll < 0.85 && parentAge <= 92) {
          const inLaw = rng.chance(0.35);
          const g = gender();
          drafts.push({
            relation: inLaw ? "PARENT_IN_LAW" : "PARENT",
            gender: g,
            age: clampAge(parentAge + rng.int(-3, 3)),
            surname: inLaw ? spouseSurname : g === "MALE" ? birthSurname : otherSurname(),
          });
        } else if (anchorAge >= 45 && roll < 0.95) {
          drafts.push({ relation: "GRANDCHILD", gender: gender(), age: rng.int(0, Math.min(12, anchorAge - 44)), surname: childSurname });
        } else {
          drafts.push({ relation: rng.chance(0.7) ? "SIBLING" : "OTHER", gender: gender(), age: clampAge(anchorAge + rng.int(-8, 8)), surname: birthSurname });
        }
        remaining--;
      }
    }
    return drafts;
  }

  private memberRole(draft: Draft): { isLabourer: boolean; note: string | null } {
    const rng = this.rng;
    if (draft.age < 6) return { isLabourer: false, note: rng.chance(0.5) ? "学龄前" : null };
    if (draft.age < 16) return { isLabourer: false, note: "在校" };
    if (draft.age < 19 && rng.chance(0.6)) return { isLabourer: false, note: "在校" };
    if (draft.age >= 70) return { isLabourer: false, note: rng.chance(0.3) ? "年老体弱" : "年老" };
    if (draft.age > 60) return rng.chance(0.4) ? { isLabourer: true, note: "在家务农" } : { isLabourer: false, note: rng.chance(0.3) ? "慢性病" : null };
    if (rng.chance(0.08)) return { isLabourer: false, note: rng.pick(["慢性病", "残疾", "长期患病"]) };
    if (draft.relation === "SPOUSE" && rng.chance(0.35)) return { isLabourer: false, note: "在家照顾老人和孩子" };
    return { isLabourer: true, note: rng.chance(0.5) ? rng.pick(["在家务农", "本地打零工", "外出务工"]) : null };
  }

  private povertyHistory(status: PovertyStatus): { status: PovertyStatus; effectiveDate: string }[] {
    const rng = this.rng;
    const date = (fromYear: number, toYear: number) =>
      isoDate(new Date(Date.UTC(rng.int(fromYear, Math.min(toYear, this.refYear)), rng.int(0, 11), rng.int(1, 28))));
    switch (status) {
      case "REGISTERED_POOR":
        return [{ status, effectiveDate: date(2014, 2019) }];
      case "LIFTED":
        return [{ status: "REGISTERED_POOR", effectiveDate: date(2014, 2016) }, { status, effectiveDate: date(2017, 2020) }];
      case "LIFTED_UNSTABLE":
        return [{ status: "REGISTERED_POOR", effectiveDate: date(2014, 2016) }, { status, effectiveDate: date(2020, 2024) }];
      case "MARGINAL_AT_RISK":
        return [{ status, effectiveDate: date(2020, 2024) }];
      case "EPIDEMIC_RETURNED":
        return [{ status, effectiveDate: date(2020, 2022) }];
      case "NONE":
        return [{ status, effectiveDate: date(2019, 2025) }];
    }
  }

  private income(status: PovertyStatus): number | null {
    const rng = this.rng;
    if (rng.chance(0.05)) return null;
    const [mean, sd] = {
      REGISTERED_POOR: [3400, 500],
      LIFTED: [10500, 2500],
      LIFTED_UNSTABLE: [7000, 1200],
      MARGINAL_AT_RISK: [6500, 1000],
      EPIDEMIC_RETURNED: [4500, 800],
      NONE: [16000, 4000],
    }[status] as [number, number];
    return Math.round(rng.normal(mean, sd, 1500, 40_000) / 10) * 10;
  }

  private birthDate(age: number): Date {
    // Uniform over the year of birthdays that make `age` on the reference date.
    const ref = this.input.referenceDate;
    const latest = new Date(Date.UTC(ref.getUTCFullYear() - age, ref.getUTCMonth(), ref.getUTCDate()));
    const earliest = new Date(Date.UTC(ref.getUTCFullYear() - age - 1, ref.getUTCMonth(), ref.getUTCDate() + 1));
    const span = Math.round((latest.getTime() - earliest.getTime()) / 86_400_000);
    return daysBefore(latest, this.rng.int(0, span));
  }

  private nationalId(county: string, birth: Date, gender: Gender): string {
    const ymd = isoDate(birth).replace(/-/g, "");
    for (let attempt = 0; ; attempt++) {
      const sequence = this.rng.int(0, 499) * 2 + (gender === "MALE" ? 1 : 0);
      const id = buildNationalId(county, ymd, sequence);
      // 15 digits of the 17: county (without the province), birth date, sequence.
      const key = Number(id.slice(2, 6)) * 1e11 + Number(ymd) * 1e3 + sequence;
      if (!this.usedIds.has(key) && (this.input.acceptNationalId?.(id) ?? true)) {
        this.usedIds.add(key);
        return id;
      }
      if (attempt > 50) throw new Error(`could not find a free ID number for ${county} ${ymd}`);
    }
  }

  private phone(): string {
    const rng = this.rng;
    // 48,271 is odd and not a multiple of 5, so i -> i * 48,271 mod 10^8 is a permutation.
    const body = (this.phoneOffset + (this.phoneCounter++ % 100_000_000) * 48_271) % 100_000_000;
    return PHONE_PREFIXES.pick(rng) + String(body).padStart(8, "0");
  }

  private skillsFor(employment: EmploymentStatus, age: number): GeneratedSkill[] {
    const rng = this.rng;
    let count = SKILL_COUNT.pick(rng);
    if (employment === "STUDENT" || age < 19) count = Math.min(count, rng.chance(0.5) ? 0 : 1);
    const skills: GeneratedSkill[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < count; i++) {
      const level = SKILL_LEVEL.pick(rng);
      const certificate = level === "CERTIFIED" ? rng.pick(CERTIFICATES) : null;
      if (rng.chance(0.03)) {
        skills.push({ skillId: null, customName: rng.pick(CUSTOM_SKILLS), level, certificate });
        continue;
      }
      const skill = this.skills.pick(rng);
      if (seen.has(skill.id)) continue;
      seen.add(skill.id);
      skills.push({ skillId: skill.id, customName: null, level, certificate });
    }
    return skills;
  }

  private person(ctx: {
    name: string;
    draft: Draft;
    county: OriginCounty;
    village: string;
    addressDetail: string;
    ethnicity: string;
    office: OfficeState;
    hasYoungChildren: boolean;
    hasElderly: boolean;
    size: number;
  }): GeneratedPerson {
    const rng = this.rng;
    const { draft } = ctx;
    const age = Math.max(16, Math.min(60, draft.age));
    const birth = this.birthDate(age);
    const birthYear = birth.getUTCFullYear();
    const nationalId = this.nationalId(ctx.county.code, birth, draft.gender);

    let health = HEALTH.pick(rng);
    if (age >= 50 && health === "HEALTHY" && rng.chance(0.08)) health = "CHRONIC_ILLNESS";
    const healthNote = health === "HEALTHY" ? null : rng.pick(HEALTH_NOTES[health]);

    let employmentStatus: EmploymentStatus;
    if (age <= 22 && rng.chance(age <= 18 ? 0.55 : 0.25)) employmentStatus = "STUDENT";
    else if ((health === "DISABLED" || health === "SERIOUS_ILLNESS") && rng.chance(0.4)) employmentStatus = "NOT_IN_LABOUR_FORCE";
    else employmentStatus = EMPLOYMENT.pick(rng);

    const education: Education | null = rng.chance(0.04)
      ? null
      : (birthYear < 1975 ? EDUCATION_OLDER : birthYear < 1990 ? EDUCATION_MIDDLE : EDUCATION_YOUNGER).pick(rng);

    // Willingness to move: lower with poor health, age, small children or elderly at home.
    let willing = 0.6;
    if (health !== "HEALTHY") willing -= 0.25;
    if (age > 50) willing -= 0.15;
    if (ctx.hasYoungChildren && draft.gender === "FEMALE") willing -= 0.2;
    if (ctx.hasElderly) willing -= 0.05;
    const working = employmentStatus === "EMPLOYED" || employmentStatus === "SELF_EMPLOYED";
    const migrated = working && rng.chance(0.7);
    if (employmentStatus === "NOT_IN_LABOUR_FORCE" || employmentStatus === "STUDENT") willing -= 0.3;
    const migration: Migration = migrated
      ? "WILLING"
      : rng.chance(Math.max(0.05, willing))
        ? "WILLING"
        : rng.chance(0.55)
          ? "UNWILLING"
          : "UNDECIDED";

    const needs: string[] = [];
    if (migration !== "UNWILLING" && rng.chance(0.6)) needs.push("ACCOMMODATION");
    if (ctx.hasYoungChildren && rng.chance(0.3)) needs.push("CHILDCARE");
    if (rng.chance(employmentStatus === "UNEMPLOYED" ? 0.4 : 0.15)) needs.push("TRAINING");
    if (migration !== "UNWILLING" && rng.chance(0.2)) needs.push("TRANSPORT");
    if (ctx.hasElderly && rng.chance(0.2)) needs.push("ELDER_CARE");
    if (rng.chance(0.02)) needs.push("LEGAL_AID");
    needs.sort((a, b) => NEEDS.indexOf(a as (typeof NEEDS)[number]) - NEEDS.indexOf(b as (typeof NEEDS)[number]));

    const trainingWishes = rng.chance(needs.includes("TRAINING") ? 0.8 : 0.2) ? rng.sample(TRAINING_PROGRAMMES, rng.int(1, 2)) : [];
    const skills = this.skillsFor(employmentStatus, age);
    const preferredSectors = migration === "UNWILLING" ? [] : rng.sample(SECTORS, rng.int(0, 3));
    const preferredRegions = migration === "WILLING" ? (rng.chance(0.6) ? [ctx.office.workCounties[0]!.slice(0, 4)] : rng.chance(0.5) ? ["32"] : []) : [];

    // One earner for a large household needs more; local work pays less.
    let expectedWage: number | null = null;
    if (employmentStatus !== "STUDENT" && rng.chance(0.85)) {
      const base = migration === "UNWILLING" ? 2800 : 4500;
      expectedWage = Math.round(rng.normal(base + (ctx.size - 3) * 200, 800, 1800, 12_000) / 100) * 100;
    }

    const track = deriveTrack({ migration, health, skillCount: skills.length, trainingWishes, needs });
    const workCounty = migrated ? rng.pick(ctx.office.workCounties) : null;

    return {
      name: ctx.name,
      nationalId,
      gender: draft.gender,
      birthDate: isoDate(birth),
      phone: rng.chance(employmentStatus === "STUDENT" ? 0.7 : 0.92) ? this.phone() : null,
      ethnicity: ctx.ethnicity,
      education,
      health,
      healthNote,
      originDivisionCode: ctx.village,
      originAddressDetail: ctx.addressDetail,
      currentDivisionCode: workCounty ?? (rng.chance(0.5) ? ctx.village : null),
      currentAddressDetail: workCounty ? `${regionPath(workCounty).slice(1).join("")}${rng.pick(WORKPLACES)}` : null,
      employmentStatus,
      workHistory: rng.chance(0.3) ? rng.pick(WORK_HISTORY) : null,
      migration,
      migrationNote: rng.chance(0.25) ? rng.pick(MIGRATION_NOTES[migration]) : null,
      preferredSectors,
      preferredRegions,
      expectedWage,
      needs,
      trainingWishes,
      trainingWishNote: trainingWishes.length && rng.chance(0.2) ? "希望在家门口参加培训" : null,
      derivedTrack: track.track,
      trackReason: track.reason,
      skills,
    };
  }
}
