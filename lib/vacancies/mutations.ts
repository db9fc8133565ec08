import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCan } from "@/lib/auth/policy";
import { officeScopeWhere, type Scope } from "@/lib/auth/scope";
import { recordAudit } from "@/lib/audit/mutations";
import { diffFields } from "@/lib/audit/rules";
import { divisionExists } from "@/lib/reference/data";
import type { updateVacancySchema, vacancyInputSchema } from "@/lib/vacancies/schema";

type VacancyInput = z.output<typeof vacancyInputSchema>;

async function checkReferences(tx: Tx, scope: Scope, input: VacancyInput) {
  const fieldErrors: Record<string, string> = {};
  const employer = await tx.employer.findFirst({ where: { id: input.employerId, ...officeScopeWhere(scope) }, select: { id: true } });
  if (!employer) fieldErrors.employerId = "validation.employerUnknown";
  if (!(await divisionExists(tx, input.divisionCode))) fieldErrors.divisionCode = "validation.divisionUnknown";
  if (input.occupationCode && !(await tx.occupation.findUnique({ where: { code: input.occupationCode }, select: { code: true } }))) {
    fieldErrors.occupationCode = "validation.occupation";
  }
  if (input.skills.length) {
    const found = await tx.skill.count({ where: { id: { in: input.skills.map((s) => s.skillId) } } });
    if (found !== input.skills.length) fieldErrors.skills = "validation.skillUnknown";
  }
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "validation", { fieldErrors });
}

function columns(input: VacancyInput) {
  const { skills: _skills, ...rest } = input;
  return { ...rest, countyCode: input.divisionCode.slice(0, 6) };
}

export async function createVacancy(scope: Scope, input: VacancyInput) {
  assertCan(scope, "vacancy.manage");
  return db().$transaction(async (tx) => {
    await checkReferences(tx, scope, input);
    const vacancy = await tx.vacancy.create({
      data: { ...columns(input), officeId: scope.officeId, skills: { create: input.skills.map((s) => ({ skillId: s.skillId, requirement: s.requirement })) } },
      select: { id: true },
    });
    await recordAudit(tx, scope, { action: "vacancy.created", entityType: "vacancy", entityId: vacancy.id, changes: { ...columns(input), skills: input.skills.map((s) => `${s.skillId}:${s.requirement}`) } });
    return vacancy;
  });
}

export async function updateVacancy(scope: Scope, id: number, input: z.output<typeof updateVacancySchema>) {
  assertCan(scope, "vacancy.manage");
  return db().$transaction(async (tx) => {
    const before = await tx.vacancy.findFirst({ where: { id, ...officeScopeWhere(scope) }, include: { skills: true } });
    if (!before) throw new AppError("NOT_FOUND");
    if (before.version !== input.version) throw new AppError("CONFLICT", "conflict", { currentVersion: before.version, current: before });
    await checkReferences(tx, scope, input);
    if (input.openings < before.filled) throw new AppError("VALIDATION", "validation", { fieldErrors: { openings: "validation.openingsBelowFilled" } });
    const { version: _v, ...rest } = input;
    const data = columns(rest as VacancyInput);
    const updated = await tx.vacancy.updateMany({ where: { id, version: input.version }, data: { ...data, version: { increment: 1 } } });
    if (updated.count !== 1) throw new AppError("CONFLICT", "conflict", { currentVersion: before.version });
    const skillsBefore = before.skills.map((s) => `${s.skillId}:${s.requirement}`).sort();
    const skillsAfter = input.skills.map((s) => `${s.skillId}:${s.requirement}`).sort();
    if (JSON.stringify(skillsBefore) !== JSON.stringify(skillsAfter)) {
      await tx.vacancySkill.deleteMany({ where: { vacancyId: id } });
      await tx.vacancySkill.createMany({ data: input.skills.map((s) => ({ vacancyId: id, skillId: s.skillId, requirement: s.requirement })) });
    }
    const changes = diffFields(before as unknown as Record<string, unknown>, data);
    if (JSON.stringify(skillsBefore) !== JSON.stringify(skillsAfter)) changes.skills = [skillsBefore, skillsAfter];
    await recordAudit(tx, scope, { action: "vacancy.updated", entityType: "vacancy", entityId: id, changes });
    return { id, version: input.version + 1 };
  });
}
