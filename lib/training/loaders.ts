import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import type { Scope } from "@/lib/auth/scope";
import { listPersons, listSkillCatalogue } from "@/lib/persons/data";
import { loadDivisionLabels, loadDivisionOptions } from "@/lib/reference/loaders";
import { chinaToday, isoDate } from "@/lib/placements/rules";
import {
  attendanceOn,
  enrolledPersonIds,
  getCohort,
  getProgramme,
  listLedger,
  listOutcomeRows,
  listProgrammeOffices,
  listProgrammes,
  listProviderOffices,
  listRoster,
  listTrainingForPerson,
  placesTaken,
  registerDays,
} from "@/lib/training/data";
import { programmeListQuerySchema } from "@/lib/training/schema";
import {
  attendanceRate,
  cohortMonths,
  isMonthDue,
  monthKey,
  nextCohortStatuses,
  parseMonth,
  programmeOutcomes,
  registerDayAllowed,
  type CohortStatus,
  type EnrolmentStatus,
} from "@/lib/training/rules";

// Pages of training. Dates leave as "YYYY-MM-DD" (DATE columns: calendar days).

const iso = (d: Date | null) => (d ? isoDate(d) : null);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function manages(scope: Scope, officeId: number) {
  return scope.officeIds === "ALL" || scope.officeIds.includes(officeId);
}

export async function loadProgrammeList(params: Record<string, string | string[] | undefined>) {
  const { user } = await requireActor("training.view");
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, first(v)]).filter(([, v]) => v));
  const parsed = programmeListQuerySchema.safeParse(flat);
  const query = parsed.success ? parsed.data : {};
  const [page, offices] = await Promise.all([listProgrammes(query), listProgrammeOffices()]);
  const labels = await loadDivisionLabels(page.rows.map((r) => r.divisionCode));
  return {
    query,
    nextAfter: page.nextAfter,
    canManage: can(user.role, "training.manage"),
    offices,
    rows: page.rows.map((r) => ({
      id: r.id, title: r.title, kind: r.kind, delivery: r.delivery, place: labels.get(r.divisionCode) ?? r.divisionCode, startDate: isoDate(r.startDate), endDate: isoDate(r.endDate),
      capacity: r.capacity, subsidyPerPerson: r.subsidyPerPerson, providerName: r.providerName, office: r.office, cohorts: r._count.cohorts,
    })),
  };
}
export type ProgrammeListData = Awaited<ReturnType<typeof loadProgrammeList>>;

export async function loadProgrammeForm(id?: number) {
  const { scope } = await requireActor("training.manage");
  const programme = id ? await getProgramme(id) : null;
  if (id && (!programme || !manages(scope, programme.officeId))) notFound();
  const [providers, skills, divisions] = await Promise.all([listProviderOffices(), listSkillCatalogue(), loadDivisionOptions([programme?.divisionCode], 5)]);
  return { programme, providers, skills, divisions };
}
export type ProgrammeFormData = Awaited<ReturnType<typeof loadProgrammeForm>>;

// Cached per request: generateMetadata and the page both ask for it.
export const loadProgrammePage = cache(async (id: number) => {
  const { scope, user } = await requireActor("training.view");
  const programme = await getProgramme(id);
  if (!programme) notFound();
  const [taken, outcomeRows, labels] = await Promise.all([placesTaken(programme.cohorts.map((c) => c.id)), listOutcomeRows(scope, id), loadDivisionLabels([programme.divisionCode])]);
  const today = chinaToday();
  const outcomes = programmeOutcomes(
    outcomeRows.map((r) => ({ enrolledOn: r.enrolledOn, status: r.status as EnrolmentStatus, certificate: r.certificate, placements: r.placements })),
    today,
  );
  return {
    programme: {
      id: programme.id, title: programme.title, kind: programme.kind, delivery: programme.delivery, place: labels.get(programme.divisionCode) ?? programme.divisionCode,
      startDate: isoDate(programme.startDate), endDate: isoDate(programme.endDate), capacity: programme.capacity, subsidyPerPerson: programme.subsidyPerPerson,
      description: programme.description, providerName: programme.providerName, providerOffice: programme.providerOffice, office: programme.office, version: programme.version,
      skills: programme.skills.map((s) => ({ id: s.skillId, level: s.level, nameZh: s.skill.nameZh, nameEn: s.skill.nameEn })),
    },
    cohorts: programme.cohorts.map((c) => ({
      id: c.id, name: c.name, startDate: isoDate(c.startDate), endDate: isoDate(c.endDate), capacity: c.capacity, taken: taken.get(c.id) ?? 0,
      tuitionFree: c.tuitionFree, monthlyAllowance: c.monthlyAllowance, status: c.status,
    })),
    placesPlanned: programme.cohorts.filter((c) => c.status !== "CANCELLED").reduce((n, c) => n + c.capacity, 0),
    outcomes,
    // Partners read outcomes of their own people: the figures say whose.
    scopedOutcomes: scope.officeIds !== "ALL" || scope.role === "PARTNER",
    canManage: can(user.role, "training.manage") && manages(scope, programme.officeId),
  };
});
export type ProgrammePageData = Awaited<ReturnType<typeof loadProgrammePage>>;

/** The cohort's name for the page title (the page's own loader takes the query, so it is not shared). */
export const loadCohortTitle = cache(async (id: number) => {
  await requireActor("training.view");
  const cohort = await getCohort(id);
  if (!cohort) notFound();
  return cohort.name;
});

/**
 * The cohort's page: its roster (the people in scope) with attendance rates, the enrol search
 * (`q`), the register of one day (`day`), and the allowance ledger with who is due for `month`.
 */
export async function loadCohortPage(id: number, params: Record<string, string | string[] | undefined>) {
  const { scope, user } = await requireActor("training.view");
  const cohort = await getCohort(id);
  if (!cohort) notFound();
  const today = chinaToday();
  const canManage = can(user.role, "training.manage") && manages(scope, cohort.officeId);
  const canPay = can(user.role, "training.pay") && manages(scope, cohort.officeId);
  const [roster, ledger, taken, days] = await Promise.all([listRoster(scope, id), listLedger(scope, id), placesTaken([id]), registerDays(scope, id)]);

  // Register: the day asked for, else today when the course runs, else its last day.
  const askedDay = first(params.day);
  const defaultDay = today < cohort.startDate ? cohort.startDate : today > cohort.endDate ? cohort.endDate : today;
  const parsedDay = askedDay && /^\d{4}-\d{2}-\d{2}$/.test(askedDay) ? new Date(askedDay) : defaultDay;
  const day = Number.isNaN(parsedDay.getTime()) ? defaultDay : parsedDay;
  const marks = await attendanceOn(scope, id, day);
  const markBy = new Map(marks.map((m) => [m.enrolmentId, m.status]));

  // Ledger month: asked for, else the latest month of the course so far.
  const months = cohortMonths(cohort, today);
  const askedMonth = parseMonth(first(params.month) ?? "");
  const month = askedMonth ?? months[months.length - 1] ?? null;
  const paidThisMonth = new Map(ledger.filter((l) => month && l.month.getTime() === month.getTime()).map((l) => [l.enrolmentId, l]));

  const q = first(params.q)?.trim().slice(0, 60) ?? "";
  let search: { id: number; name: string; idLast4: string; originDivisionCode: string; employmentStatus: string; enrolled: boolean }[] = [];
  if (canManage && q) {
    const found = await listPersons(scope, { q });
    const rows = found.rows.slice(0, 10);
    const enrolled = await enrolledPersonIds(id, rows.map((r) => r.id));
    search = rows.map((r) => ({ id: r.id, name: r.name, idLast4: r.maskedId.slice(-4), originDivisionCode: r.originDivisionCode, employmentStatus: r.employmentStatus, enrolled: enrolled.has(r.id) }));
  }
  const origins = await loadDivisionLabels([...roster.map((r) => r.person.originDivisionCode), ...search.map((s) => s.originDivisionCode)]);
  const total = ledger.reduce((n, l) => n + l.amount, 0);

  return {
    cohort: {
      id: cohort.id, name: cohort.name, startDate: isoDate(cohort.startDate), endDate: isoDate(cohort.endDate), capacity: cohort.capacity, taken: taken.get(id) ?? 0,
      tuitionFree: cohort.tuitionFree, monthlyAllowance: cohort.monthlyAllowance, status: cohort.status, version: cohort.version, office: cohort.office,
      programme: { id: cohort.programme.id, title: cohort.programme.title, kind: cohort.programme.kind, delivery: cohort.programme.delivery, startDate: isoDate(cohort.programme.startDate), endDate: isoDate(cohort.programme.endDate), providerName: cohort.programme.providerName },
      skills: cohort.programme.skills.map((s) => ({ id: s.skillId, level: s.level, nameZh: s.skill.nameZh, nameEn: s.skill.nameEn })),
      nextStatuses: nextCohortStatuses(cohort.status as CohortStatus),
    },
    canManage,
    canPay,
    today: isoDate(today),
    roster: roster.map((r) => ({
      id: r.id, personId: r.personId, name: r.person.name, idLast4: r.person.idLast4, origin: origins.get(r.person.originDivisionCode) ?? r.person.originDivisionCode,
      status: r.status, enrolledOn: isoDate(r.enrolledOn), endedOn: iso(r.endedOn), certificate: r.certificate, certificateNumber: r.certificateNumber, note: r.note, version: r.version,
      attendance: r.attendance, rate: attendanceRate(r.attendance), paid: r.paid,
    })),
    search: { q, rows: search.map((s) => ({ ...s, origin: origins.get(s.originDivisionCode) ?? s.originDivisionCode })) },
    register: {
      day: isoDate(day),
      open: canManage && (cohort.status === "RUNNING" || cohort.status === "COMPLETED") && registerDayAllowed(day, cohort, today),
      days: days.map((d) => ({ day: isoDate(d.day), marks: d.marks })),
      people: roster
        .filter((r) => r.enrolledOn <= day && (r.endedOn === null || r.endedOn >= day))
        .map((r) => ({ enrolmentId: r.id, name: r.person.name, status: markBy.get(r.id) ?? null })),
    },
    ledger: {
      months: months.map(monthKey),
      month: month ? monthKey(month) : null,
      due: month
        ? roster
            .filter((r) => isMonthDue(month, { enrolledOn: r.enrolledOn, endedOn: r.endedOn, status: r.status as EnrolmentStatus }, cohort, today))
            .map((r) => {
              const paid = paidThisMonth.get(r.id);
              return { enrolmentId: r.id, name: r.person.name, status: r.status, paidOn: paid ? isoDate(paid.paidOn) : null, paidBy: paid?.paidBy ?? null };
            })
        : [],
      rows: ledger.map((l) => ({ id: l.id, month: monthKey(l.month), name: l.person.name, personId: l.person.id, amount: l.amount, paidOn: isoDate(l.paidOn), paidBy: l.paidBy, reference: l.reference })),
      total,
      people: new Set(ledger.map((l) => l.person.id)).size,
    },
  };
}
export type CohortPageData = Awaited<ReturnType<typeof loadCohortPage>>;

/** The training card on a person's page. */
export async function loadPersonTraining(personId: number) {
  const { scope, user } = await requireActor("training.view");
  const rows = await listTrainingForPerson(scope, personId);
  return {
    canManage: can(user.role, "training.manage"),
    enrolments: rows.map((r) => ({
      id: r.id, status: r.status, enrolledOn: isoDate(r.enrolledOn), endedOn: iso(r.endedOn), certificate: r.certificate, certificateNumber: r.certificateNumber, note: r.note,
      cohort: { id: r.cohort.id, name: r.cohort.name, startDate: isoDate(r.cohort.startDate), endDate: isoDate(r.cohort.endDate), monthlyAllowance: r.cohort.monthlyAllowance, tuitionFree: r.cohort.tuitionFree },
      programme: r.cohort.programme,
      rate: attendanceRate(r.attendance),
      paid: r.paid,
    })),
  };
}
export type PersonTrainingData = Awaited<ReturnType<typeof loadPersonTraining>>;
