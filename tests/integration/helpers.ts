// Shared helpers for the integration tests: fresh offices and users (so each test's rows are its
// own), unique made-up names and ID numbers, and row counts read back from PostgreSQL.
import { randomInt, randomUUID } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import type { Role, Scope } from "@/lib/auth/scope";
import { AppError, type ErrorCode } from "@/lib/errors";
import { buildNationalId } from "@/lib/persons/national-id";
import { buildUscc } from "@/lib/employers/uscc";
import type { OfficeKind } from "@/lib/generated/prisma/enums";
import { createOffice, createUser, scopeFor } from "../factories";

export function suffix(): string {
  return randomUUID().replace(/-/g, "").slice(0, 10);
}

// Characters rare in real names, so a fragment of a made-up name finds only the people a test
// made (and never the demo's 马成 or 代江敏).
const RARE = Array.from("璟瑜珩琰玥琛瑾瑶璇珂琪瑛骞翊昶晔晗煦熠烨灏澜湛溯渊沅淇泓潇霁霏雯霖岚峤嵘崧巍屹彧毓馥蔻蘅芷茜荪菁蕙薇");

/** A three-character name no one else has (with overwhelming probability). */
export function uniqueName(length = 3): string {
  return Array.from({ length }, () => RARE[randomInt(RARE.length)]).join("");
}

const COUNTIES = ["520625", "520602", "630225", "630202", "610729", "320206"];

/** A valid ID number nobody else uses: random county, birth date and sequence. */
export function randomNationalId(options: { region?: string; gender?: "MALE" | "FEMALE"; birth?: string } = {}): string {
  const region = options.region ?? COUNTIES[randomInt(COUNTIES.length)]!;
  const birth = options.birth ?? `${1965 + randomInt(40)}${String(1 + randomInt(12)).padStart(2, "0")}${String(1 + randomInt(28)).padStart(2, "0")}`;
  const gender = options.gender ?? (randomInt(2) ? "MALE" : "FEMALE");
  const sequence = randomInt(500) * 2 + (gender === "MALE" ? 1 : 0);
  return buildNationalId(region, birth, sequence);
}

/** A mainland mobile number: 139 and 8 random digits. */
export function randomPhone(): string {
  return `139${String(randomInt(100_000_000)).padStart(8, "0")}`;
}

export async function freshOffice(regionCode: string, kind: OfficeKind = "DESTINATION_BUREAU") {
  return createOffice({ code: `T-${suffix()}`, regionCode, kind });
}

export type Actor = { user: Awaited<ReturnType<typeof createUser>>; scope: Scope };

/** A new user of the given role in the given office, with the scope the session gate would build. */
export async function actorIn(officeId: number, role: Role, options: { password?: string; username?: string } = {}): Promise<Actor> {
  const user = await createUser({ role, officeId, username: options.username ?? `t_${role.toLowerCase()}_${suffix()}`, password: options.password });
  return { user, scope: await scopeFor(user.id) };
}

/** An office of its own and a caseworker in it: the usual starting point. */
export async function freshCaseworker(regionCode = "3202"): Promise<Actor & { office: Awaited<ReturnType<typeof freshOffice>> }> {
  const office = await freshOffice(regionCode);
  return { office, ...(await actorIn(office.id, "CASEWORKER")) };
}

/** Awaits the promise and asserts it failed with an AppError of this code; returns the error. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}, but it succeeded`).not.toBeNull();
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code, String((error as Error).message)).toBe(code);
  return error as AppError;
}

/** Audit rows written by one actor, oldest first. */
export async function auditBy(userId: number) {
  return db().auditEvent.findMany({ where: { actorId: userId }, orderBy: { id: "asc" } });
}

/** Audit rows about one record, oldest first. */
export async function auditOf(entityType: string, entityId: number) {
  return db().auditEvent.findMany({ where: { entityType, entityId: String(entityId) }, orderBy: { id: "asc" } });
}

/**
 * The rows that belong to one office and one actor. Counting all rows would race with the
 * other test files running beside this one; these rows only this test writes.
 */
export async function rowCounts(officeId: number, actorId: number) {
  const [persons, households, members, skills, povertyChanges, audit] = await Promise.all([
    db().person.count({ where: { officeId } }),
    db().household.count({ where: { officeId } }),
    db().householdMember.count({ where: { household: { officeId } } }),
    db().personSkill.count({ where: { person: { officeId } } }),
    db().povertyStatusChange.count({ where: { household: { officeId } } }),
    db().auditEvent.count({ where: { actorId } }),
  ]);
  return { persons, households, members, skills, povertyChanges, audit };
}

// --- Employers, vacancies and matching -------------------------------------------------------

/** The id of a skill of the catalogue, by its stable code. */
export async function skillIdOf(code: string): Promise<number> {
  return (await db().skill.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

/** A valid unified social credit code (GB 32100) that no other test uses. */
export function uniqueUscc(regionCode = "320505"): string {
  return buildUscc(regionCode, randomInt(10_000_000, 999_999_999));
}

/**
 * Reads until `ok` holds or `withinMs` has passed (reading every `everyMs`): whether it held, and
 * how long after the call it was first seen.
 */
export async function pollUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, withinMs = 2000, everyMs = 50): Promise<{ held: boolean; ms: number; value: T }> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    const ms = performance.now() - started;
    if (ok(value)) return { held: true, ms, value };
    if (ms > withinMs) return { held: false, ms, value };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
