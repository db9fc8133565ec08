import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import type { Scope } from "@/lib/auth/scope";
import { listEmployerOptions } from "@/lib/employers/data";
import { listPersonSummaries, listReferralsForPerson } from "@/lib/persons/data";
import { loadDivisionOptions } from "@/lib/reference/loaders";
import { regionPath } from "@/lib/reference/regions";
import { listOpenVacancyOptions, listVacancySummaries, occupationTitles } from "@/lib/vacancies/data";
import { occupationTree } from "@/lib/vacancies/loaders";
import { explainedSuggestions } from "@/lib/matching/loaders";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { getFollowUp, getPlacement, listPlacementsForPerson } from "@/lib/placements/data";
import { chinaToday, daysBetween, isoDate } from "@/lib/placements/rules";

// Pages of placements: the chain on the person page, the form that records one, and the page that
// ends one and starts the next. Dates leave as "YYYY-MM-DD" (DATE columns: a calendar day, not an
// instant that a time zone could move).

const iso = (d: Date | null) => (d ? isoDate(d) : null);

/** The person's placements as a story, oldest first, with what the signed-in user may do to them. */
export async function loadPersonPlacements(personId: number) {
  const { scope, user } = await requireActor("placement.view");
  const canManage = can(user.role, "placement.manage");
  const [rows, referrals] = await Promise.all([listPlacementsForPerson(scope, personId), canManage ? listReferralsForPerson(scope, personId) : Promise.resolve([])]);
  const titles = await occupationTitles([...new Set(rows.map((r) => r.occupationCode).filter((c): c is string => Boolean(c)))]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const replaced = new Set(rows.map((r) => r.previousPlacementId).filter((id): id is number => id !== null));
  const active = rows.find((r) => r.status === "ACTIVE") ?? null;
  // Reopening undoes an end recorded by mistake: only the latest placement, ended, not replaced.
  const last = rows[rows.length - 1];
  const reopenable = !active && last && last.status === "ENDED" && !replaced.has(last.id) ? last : null;
  const today = chinaToday();
  return {
    personId,
    canManage,
    canReopen: can(user.role, "placement.reopen"),
    activeId: active?.id ?? null,
    reopenableId: reopenable?.id ?? null,
    placements: rows.map((r) => {
      const previous = r.previousPlacementId ? byId.get(r.previousPlacementId) : undefined;
      return {
        id: r.id,
        title: r.title,
        employer: r.employer,
        vacancyId: r.vacancyId,
        place: regionPath(r.countyCode).join(" "),
        occupation: r.occupationCode ? (titles.get(r.occupationCode) ?? null) : null,
        startDate: isoDate(r.startDate),
        endDate: iso(r.endDate),
        // A job recorded ahead of its start has run no days yet.
        days: Math.max(0, daysBetween(r.startDate, r.endDate ?? today)),
        status: r.status,
        endReason: r.endReason,
        endNote: r.endNote,
        monthlyWage: r.monthlyWage,
        contractType: r.contractType,
        roomAndBoard: r.roomAndBoard,
        version: r.version,
        supports: r.supports.map((s) => ({ ...s, startDate: isoDate(s.startDate), endDate: iso(s.endDate) })),
        createdBy: r.createdBy,
        endedBy: r.endedBy,
        fromReferral: r.referralId !== null,
        previous: previous ? { id: previous.id, title: previous.title, employerName: previous.employer.name } : null,
      };
    }),
    // Referred and not yet placed: one click to the placement form (none while a job runs: that
    // is a reassignment).
    referralsToPlace: active ? [] : referrals.filter((r) => r.status === "REFERRED").map((r) => ({ id: r.id, title: r.vacancy.title, employerName: r.vacancy.employer.name })),
  };
}

export type PersonPlacementsData = Awaited<ReturnType<typeof loadPersonPlacements>>;
export type PlacementStep = PersonPlacementsData["placements"][number];

type VacancyRow = { id: number; title: string; openings: number; filled: number; countyCode: string; wageMin: number | null; wageMax: number | null; roomAndBoard: boolean; employer: { name: string } };

/** A vacancy as the forms offer it, with what it pays and provides (to prefill) and what is left. */
function vacancyChoice(v: VacancyRow, open: boolean) {
  return {
    value: v.id,
    label: `${v.title} · ${v.employer.name} · ${regionPath(v.countyCode).slice(-1)[0] ?? ""}`,
    wageMin: v.wageMin,
    wageMax: v.wageMax,
    roomAndBoard: v.roomAndBoard,
    openingsLeft: Math.max(0, v.openings - v.filled),
    open,
  };
}
export type VacancyChoice = ReturnType<typeof vacancyChoice>;

/**
 * What the job part of a placement form offers: the person's referrals (with their vacancy's
 * terms, to prefill), open vacancies, employers, occupations and places. `vacancyIds`: vacancies
 * to offer even when they are no longer open (the one asked for in the URL), so that the form
 * shows it and saving says clearly why it cannot be taken.
 */
async function jobOptions(scope: Scope, personId: number, vacancyIds: number[]) {
  const [referrals, open, employers, occupations, divisions] = await Promise.all([
    listReferralsForPerson(scope, personId),
    listOpenVacancyOptions(),
    listEmployerOptions(scope.officeIds),
    occupationTree(),
    // Where the job is: a county is enough (the placement keeps the county).
    loadDivisionOptions([], 3),
  ]);
  const usable = referrals.filter((r) => r.status === "REFERRED" || r.status === "SHORTLISTED");
  const openIds = new Set(open.map((v) => v.id));
  const others = await listVacancySummaries([...new Set([...usable.map((r) => r.vacancyId), ...vacancyIds])].filter((id) => !openIds.has(id)));
  const choices = new Map<number, VacancyChoice>();
  for (const v of open) choices.set(v.id, vacancyChoice(v, true));
  for (const v of others.values()) choices.set(v.id, vacancyChoice(v, v.status === "OPEN"));
  const asked = vacancyIds.filter((id) => !openIds.has(id)).map((id) => choices.get(id)).filter((c): c is VacancyChoice => c !== undefined);
  const vacancies = [...asked, ...open.map((v) => choices.get(v.id)!)];
  return {
    referrals: usable.map((r) => ({ id: r.id, vacancyId: r.vacancyId, status: r.status, label: `${r.vacancy.title} · ${r.vacancy.employer.name}`, vacancy: choices.get(r.vacancyId) ?? null })),
    vacancies,
    employers: employers.map((e) => ({ value: e.id, label: e.name })),
    occupations,
    divisions,
  };
}

export type JobOptions = Awaited<ReturnType<typeof jobOptions>>;

/** The form that records a placement; `?referral=` or `?vacancy=` preselects the job. */
export async function loadNewPlacement(personId: number, preselect: { referralId: number | null; vacancyId: number | null }) {
  const { scope } = await requireActor("placement.manage");
  const person = (await listPersonSummaries(scope, [personId])).get(personId);
  if (!person) notFound();
  const [placements, options] = await Promise.all([listPlacementsForPerson(scope, personId), jobOptions(scope, personId, preselect.vacancyId ? [preselect.vacancyId] : [])]);
  const active = placements.find((p) => p.status === "ACTIVE") ?? null;
  const referral = preselect.referralId ? options.referrals.find((r) => r.id === preselect.referralId) : undefined;
  const vacancy = !referral && preselect.vacancyId ? options.vacancies.find((v) => v.value === preselect.vacancyId) : undefined;
  return {
    person: { id: person.id, name: person.name },
    // Someone in a job moves through a reassignment, which ends the current one first.
    active: active ? { id: active.id, title: active.title, employerName: active.employer.name } : null,
    options,
    initial: referral
      ? { source: "referral" as const, referralId: referral.id, vacancyId: referral.vacancyId }
      : vacancy
        ? { source: "vacancy" as const, vacancyId: vacancy.value }
        : { source: options.referrals.length ? ("referral" as const) : ("vacancy" as const) },
    today: isoDate(chinaToday()),
  };
}

export type NewPlacementData = Awaited<ReturnType<typeof loadNewPlacement>>;

/** How many suggestions the reassignment page shows for the next job. */
export const REASSIGN_SUGGESTIONS = 5;

/**
 * Reassignment: the placement to end, the follow-up that prompted it (if any), the person's best
 * next jobs with reasons (their history counts: see lib/matching/rules.ts), and the job options.
 */
export async function loadReassign(placementId: number, followUpId: number | null) {
  const { scope } = await requireActor("placement.manage");
  const placement = await getPlacement(scope, placementId);
  if (!placement) notFound();
  const [followUp, explained] = await Promise.all([
    followUpId ? getFollowUp(scope, followUpId) : Promise.resolve(null),
    explainedSuggestions(scope, placement.personId, { limit: REASSIGN_SUGGESTIONS, exclude: placement.vacancyId ? [placement.vacancyId] : [] }),
  ]);
  // The suggested vacancies are always among the choices, however far down the open list they are.
  const options = await jobOptions(scope, placement.personId, explained?.suggestions.map((s) => s.vacancy.id) ?? []);
  const lastContact = followUp?.contacts.filter((c) => c.reached).at(-1) ?? null;
  return {
    person: placement.person,
    placement: {
      id: placement.id,
      title: placement.title,
      employerName: placement.employer.name,
      place: regionPath(placement.countyCode).join(" "),
      startDate: isoDate(placement.startDate),
      monthlyWage: placement.monthlyWage,
      status: placement.status,
      version: placement.version,
    },
    // Only a follow-up about this person is shown (a stray id in the URL is ignored).
    followUp:
      followUp && followUp.personId === placement.personId
        ? { id: followUp.id, dueDate: isoDate(followUp.dueDate), outcome: followUp.outcome ?? lastContact?.outcome ?? null, notes: lastContact?.notes ?? null, income: lastContact?.income ?? null, at: lastContact?.at.toISOString() ?? null }
        : null,
    suggestions: explained?.suggestions ?? [],
    skillNames: explained?.skillNames ?? {},
    algorithmVersion: MATCHING_CONFIG.version,
    options,
    today: isoDate(chinaToday()),
  };
}

export type ReassignData = Awaited<ReturnType<typeof loadReassign>>;
