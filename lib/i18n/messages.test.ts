// The two catalogues must say the same things: a key missing in one language shows the raw key
// to that user. Every message key the code uses must exist in both.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import zhCN from "@/lib/i18n/messages/zh-CN.json";
import en from "@/lib/i18n/messages/en.json";
import { LOCALES } from "@/lib/i18n/config";
import { ERROR_CODES } from "@/lib/errors";
import { AUDIT_ACTIONS } from "@/lib/audit/rules";
import { NEEDS, SECTORS, TRAINING_PROGRAMMES, type TrackReason } from "@/lib/persons/rules";
import type { NationalIdError } from "@/lib/persons/national-id";
import { EDUCATION, EMPLOYMENT_STATUS, HEALTH, MIGRATION, POVERTY_STATUS, RELATIONS, SKILL_LEVELS, TRACKS } from "@/lib/persons/schema";
import { ROLES } from "@/lib/users/schema";
import { CONTACT_CHANNELS, CONTRACT_TYPES, END_REASONS, FOLLOW_UP_OUTCOMES, SUPPORT_KINDS } from "@/lib/placements/rules";

type Catalogue = { [key: string]: string | Catalogue };
const ROOT = path.resolve(import.meta.dirname, "..", "..");
const CATALOGUES: Record<string, Catalogue> = { "zh-CN": zhCN, en };

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** The arguments a message takes at its top level ({count, plural, ...} counts as "count"). */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const c = message[i];
    if (c === "{") {
      if (depth === 0) {
        const match = /^\{\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(message.slice(i));
        if (match) names.add(match[1]!);
      }
      depth++;
    } else if (c === "}") depth--;
  }
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated" && entry.name !== "node_modules") files.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) files.push(full);
  }
  return files;
}

const NATIONAL_ID_ERRORS: NationalIdError[] = ["LENGTH", "FORMAT", "CHECKSUM", "BIRTH_DATE", "REGION"];
const TRACK_REASONS: TrackReason[] = ["UNWILLING_TO_MIGRATE", "HEALTH_LIMITS_MIGRATION", "MIGRATION_UNDECIDED", "LACKS_SKILLS", "WANTS_TRAINING_FIRST", "CAN_AND_WILL_MIGRATE"];

/** Every "validation.*" key written in the code (zod messages and field errors thrown by mutations). */
function validationKeysInCode(): Set<string> {
  const keys = new Set<string>();
  for (const dir of ["lib", "app", "components"]) {
    const full = path.join(ROOT, dir);
    if (!fs.existsSync(full)) continue;
    for (const file of sourceFiles(full)) {
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(/["'`](validation\.[A-Za-z0-9_.]+)["'`]/g)) keys.add(match[1]!);
      // `validation.nationalId.${parsed.error}` stands for one key per error code.
      if (text.includes("`validation.nationalId.${")) for (const code of NATIONAL_ID_ERRORS) keys.add(`validation.nationalId.${code}`);
    }
  }
  return keys;
}

describe("message catalogues", () => {
  const flat = Object.fromEntries(Object.entries(CATALOGUES).map(([locale, c]) => [locale, flatten(c)]));

  it("there is one catalogue per locale", () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
  });

  it("zh-CN and en have exactly the same keys", () => {
    const zhKeys = [...flat["zh-CN"]!.keys()];
    const enKeys = [...flat.en!.keys()];
    expect(zhKeys.filter((k) => !flat.en!.has(k)), "keys only in zh-CN.json").toEqual([]);
    expect(enKeys.filter((k) => !flat["zh-CN"]!.has(k)), "keys only in en.json").toEqual([]);
  });

  it("no message is empty", () => {
    for (const [locale, messages] of Object.entries(flat)) {
      for (const [key, value] of messages) expect(value.trim(), `${locale}: ${key}`).not.toBe("");
    }
  });

  it("a message takes the same arguments in both languages", () => {
    for (const [key, zh] of flat["zh-CN"]!) {
      const english = flat.en!.get(key);
      if (english === undefined) continue;
      expect(argumentsOf(english), key).toEqual(argumentsOf(zh));
    }
  });

  it("every validation key used in the code exists in both catalogues", () => {
    const used = validationKeysInCode();
    // The scan must find the keys we know are there, or it is not scanning anything.
    expect(used).toContain("validation.phone");
    expect(used).toContain("validation.consent");
    expect(used).toContain("validation.nationalId.CHECKSUM");
    expect(used).toContain("validation.memberHasPerson");
    for (const [locale, messages] of Object.entries(flat)) {
      expect([...used].filter((k) => !messages.has(k)), `missing in ${locale}`).toEqual([]);
    }
  });

  it("the generic fallback key exists (runFormAction uses it for zod's own messages)", () => {
    for (const messages of Object.values(flat)) expect(messages.has("validation.invalid")).toBe(true);
  });

  it("every error code has a message", () => {
    for (const [locale, messages] of Object.entries(flat)) {
      expect(ERROR_CODES.filter((code) => !messages.has(`errors.${code}`)), `missing in ${locale}`).toEqual([]);
    }
  });

  it("every enum value the forms and lists show has a label", () => {
    const groups: Record<string, readonly string[]> = {
      role: ROLES,
      employmentStatus: EMPLOYMENT_STATUS,
      povertyStatus: POVERTY_STATUS,
      track: TRACKS,
      trackReason: TRACK_REASONS,
      education: EDUCATION,
      health: HEALTH,
      migration: MIGRATION,
      need: NEEDS,
      sector: SECTORS,
      training: TRAINING_PROGRAMMES,
      skillLevel: SKILL_LEVELS,
      relation: RELATIONS,
      gender: ["MALE", "FEMALE"],
      contractType: CONTRACT_TYPES,
      contactChannel: CONTACT_CHANNELS,
      followUpOutcome: FOLLOW_UP_OUTCOMES,
      followUpReason: ["PLACEMENT", "MONITORING", "MANUAL"],
      followUpStatus: ["OPEN", "DONE", "CANCELLED"],
      supportKind: SUPPORT_KINDS,
      endReason: END_REASONS,
    };
    for (const [locale, messages] of Object.entries(flat)) {
      const missing = Object.entries(groups).flatMap(([group, values]) => values.map((v) => `enums.${group}.${v}`)).filter((k) => !messages.has(k));
      expect(missing, `missing in ${locale}`).toEqual([]);
    }
  });

  it("every person and household audit action has a label in the history", () => {
    // Placements are audited on the person, so they show in the person's history too.
    const shown = AUDIT_ACTIONS.filter((a) => a.startsWith("person.") || a.startsWith("household.") || a.startsWith("placement.") || a.startsWith("followup."));
    for (const [locale, messages] of Object.entries(flat)) {
      expect(shown.filter((a) => !messages.has(`history.actions.${a.replace(/\./g, "_")}`)), `missing in ${locale}`).toEqual([]);
    }
  });
});

describe("argumentsOf", () => {
  it("reads top-level arguments, plural included, and ignores plural branches", () => {
    expect(argumentsOf("{count, plural, one {# person} other {# people}}")).toEqual(["count"]);
    expect(argumentsOf("Edit {name} on {date}")).toEqual(["date", "name"]);
    expect(argumentsOf("no arguments")).toEqual([]);
  });
});
