// Pure rules about persons: search keys, the policy track (因人施策), phone numbers.
import { pinyin } from "pinyin-pro";

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** Every character and every adjacent pair: one- and two-character fragments then hit a GIN index. */
export function nameGrams(name: string): string[] {
  const chars = Array.from(name.trim().toLowerCase().replace(/\s+/g, ""));
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** The grams a query must all have; the LIKE recheck then confirms the order. */
export function queryGrams(fragment: string): string[] {
  const chars = Array.from(fragment.trim().toLowerCase().replace(/\s+/g, ""));
  if (chars.length <= 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** 马成 -> "mc"; surnames read with their surname pronunciation (单 -> shan). */
export function nameInitials(name: string): string {
  const trimmed = name.trim();
  if (!/[\u4e00-\u9fff]/.test(trimmed)) return trimmed.toLowerCase().replace(/[^a-z]/g, "").slice(0, 60);
  return pinyin(trimmed, { pattern: "first", toneType: "none", type: "array", surname: "head" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z]/g, "")
    .slice(0, 60);
}

export type SearchForm =
  | { kind: "none" }
  | { kind: "idFull"; value: string }
  | { kind: "idSuffix"; value: string }
  | { kind: "phone"; value: string }
  | { kind: "digits"; value: string }
  | { kind: "initials"; value: string }
  | { kind: "name"; value: string };

/** What the caseworker typed into the one search box, by its shape. */
export function classifySearch(raw: string): SearchForm {
  const q = raw.trim().replace(/\s+/g, "");
  if (!q) return { kind: "none" };
  if (/^\d{17}[\dXx]$/.test(q)) return { kind: "idFull", value: q.toUpperCase() };
  if (/^\d{3}[\dXx]$/.test(q) && /[Xx]$/.test(q)) return { kind: "idSuffix", value: q.toUpperCase() };
  if (PHONE_PATTERN.test(q)) return { kind: "phone", value: q };
  if (/^\d{4}$/.test(q)) return { kind: "idSuffix", value: q };
  if (/^\d{3,10}$/.test(q)) return { kind: "digits", value: q };
  if (/^[a-zA-Z]{1,20}$/.test(q)) return { kind: "initials", value: q.toLowerCase() };
  return { kind: "name", value: q.toLowerCase() };
}

export type TrackInput = {
  migration: "WILLING" | "UNWILLING" | "UNDECIDED";
  health: "HEALTHY" | "CHRONIC_ILLNESS" | "DISABLED" | "SERIOUS_ILLNESS";
  skillCount: number;
  trainingWishes: string[];
  needs: string[];
};

export type Track = "TRANSFER" | "TRAIN_THEN_PLACE" | "LOCAL";

export type TrackReason =
  | "UNWILLING_TO_MIGRATE"
  | "HEALTH_LIMITS_MIGRATION"
  | "MIGRATION_UNDECIDED"
  | "LACKS_SKILLS"
  | "WANTS_TRAINING_FIRST"
  | "CAN_AND_WILL_MIGRATE";

/**
 * The policy in DOMAIN.md: cannot migrate -> local placement (public-welfare post as fallback);
 * lacks skills -> train, then place; can and will migrate -> transfer employment.
 */
export function deriveTrack(input: TrackInput): { track: Track; reason: TrackReason } {
  if (input.migration === "UNWILLING") return { track: "LOCAL", reason: "UNWILLING_TO_MIGRATE" };
  if (input.health === "DISABLED" || input.health === "SERIOUS_ILLNESS") {
    return { track: "LOCAL", reason: "HEALTH_LIMITS_MIGRATION" };
  }
  if (input.skillCount === 0) return { track: "TRAIN_THEN_PLACE", reason: "LACKS_SKILLS" };
  if (input.needs.includes("TRAINING") && input.trainingWishes.length > 0) {
    return { track: "TRAIN_THEN_PLACE", reason: "WANTS_TRAINING_FIRST" };
  }
  if (input.migration === "UNDECIDED") return { track: "LOCAL", reason: "MIGRATION_UNDECIDED" };
  return { track: "TRANSFER", reason: "CAN_AND_WILL_MIGRATE" };
}

export const NEEDS = ["ACCOMMODATION", "CHILDCARE", "TRAINING", "TRANSPORT", "ELDER_CARE", "LEGAL_AID"] as const;
export type Need = (typeof NEEDS)[number];

export const TRAINING_PROGRAMMES = [
  "E_COMMERCE",
  "ELDER_CARE",
  "INFANT_CARE",
  "PLUMBING_ELECTRICAL",
  "ONLINE_ENTREPRENEURSHIP",
  "COOKING",
  "DRIVING",
  "MANUFACTURING",
] as const;

export const SECTORS = [
  "MANUFACTURING",
  "ELECTRONICS",
  "CONSTRUCTION",
  "CATERING",
  "LOGISTICS",
  "DOMESTIC_SERVICE",
  "ELDER_CARE",
  "RETAIL",
  "AGRICULTURE",
  "TEXTILES",
] as const;

/** Household figures are counted from members, never typed. */
export function householdFigures(members: { isLabourer: boolean }[]) {
  const size = members.length;
  const labourers = members.filter((m) => m.isLabourer).length;
  return { size, labourers, dependants: size - labourers };
}
