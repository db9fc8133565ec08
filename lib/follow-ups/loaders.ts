import "server-only";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { isAppError } from "@/lib/errors";
import { chinaToday, daysBetween, dueBucket, ESCALATE_AFTER_FAILED_ATTEMPTS, isMonitored, isoDate, LASTING_DAYS, suggestsReassignment } from "@/lib/placements/rules";
import {
  DAY_LIST_LIMIT,
  getCaseworkerInScope,
  getFollowUp,
  getMonitoringState,
  listEscalations,
  listFollowUpsForPerson,
  listOfficeFollowUpSettings,
  myDay,
  reassignmentReport,
  supervisorOverview,
  type DayItem,
} from "@/lib/placements/data";
import { myDayQuerySchema, reportPeriodSchema } from "@/lib/follow-ups/schema";

// Session + reads for the follow-up pages. Dates are China's calendar days (chinaToday): a
// caseworker in Wuxi at 7 in the morning is on today's list, whatever the server's clock says.

type Params = Record<string, string | string[] | undefined>;
const first = (params: Params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

/** What a card on "My day" shows: the follow-up and where it sits (plain values for the client). */
function dayCard(item: DayItem, today: Date) {
  return {
    id: item.id,
    dueDate: isoDate(item.dueDate),
    bucket: dueBucket(item.dueDate, today),
    // Negative: days overdue.
    daysLeft: daysBetween(today, item.dueDate),
    reason: item.reason,
    cadenceDay: item.cadenceDay,
    note: item.note,
    failedAttempts: item.failedAttempts,
    escalated: item.failedAttempts >= ESCALATE_AFTER_FAILED_ATTEMPTS,
    personId: item.personId,
    personName: item.personName,
    phone: item.phone,
    jobTitle: item.jobTitle,
    employerName: item.employerName,
  };
}
export type DayCard = ReturnType<typeof dayCard>;

/**
 * "My day": the signed-in user's open follow-ups overdue, due today and this week. A supervisor
 * (or admin) also gets every caseworker's counts and the escalations, and may open one
 * caseworker's day with ?caseworker=ID (anyone outside their offices is not found).
 */
export async function loadMyDay(params: Params) {
  const { scope, user } = await requireActor("followup.record");
  const today = chinaToday();
  const supervises = can(user.role, "followup.supervise");
  const query = myDayQuerySchema.parse(first(params));
  const locale = await getLocale();

  let viewing: { id: number; displayName: string; officeName: string } | null = null;
  if (query.caseworker && query.caseworker !== user.id) {
    if (!supervises) notFound();
    const caseworker = await getCaseworkerInScope(scope, query.caseworker);
    if (!caseworker) notFound();
    viewing = { id: caseworker.id, displayName: caseworker.displayName, officeName: locale === "en" ? caseworker.office.nameEn : caseworker.office.name };
  }
  const caseworkerId = viewing?.id ?? user.id;
  const [day, overview, escalations] = await Promise.all([
    myDay(scope, caseworkerId, today).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND") notFound();
      throw error;
    }),
    supervises && !viewing ? supervisorOverview(scope, today).then((rows) => rows.map((r) => ({ ...r, officeName: locale === "en" ? r.officeNameEn : r.officeName }))) : Promise.resolve(null),
    supervises && !viewing ? listEscalations(scope) : Promise.resolve(null),
  ]);
  const cards = day.items.map((i) => dayCard(i, today));
  return {
    today: isoDate(today),
    viewing,
    counts: day.counts,
    listLimit: DAY_LIST_LIMIT,
    overdue: cards.filter((c) => c.bucket === "OVERDUE"),
    dueToday: cards.filter((c) => c.bucket === "TODAY"),
    thisWeek: cards.filter((c) => c.bucket === "THIS_WEEK"),
    overview,
    escalations: escalations?.map((e) => ({ ...dayCard(e, today), caseworkerName: e.caseworkerName })) ?? null,
  };
}
export type MyDayData = Awaited<ReturnType<typeof loadMyDay>>;

/** The record page of one follow-up: the person, the job, the attempts so far. */
export async function loadFollowUpPage(followUpId: number) {
  const { scope, user } = await requireActor("followup.record");
  const followUp = await getFollowUp(scope, followUpId);
  if (!followUp) notFound();
  const today = chinaToday();
  return {
    today: isoDate(today),
    followUp: {
      ...followUp,
      dueDate: isoDate(followUp.dueDate),
      bucket: dueBucket(followUp.dueDate, today),
      daysLeft: daysBetween(today, followUp.dueDate),
      escalated: followUp.failedAttempts >= ESCALATE_AFTER_FAILED_ATTEMPTS,
      // What the last reached contact said, for the "what next" panel after saving.
      offersReassignment: followUp.outcome !== null && suggestsReassignment(followUp.outcome),
    },
    escalateAfter: ESCALATE_AFTER_FAILED_ATTEMPTS,
    canManagePlacement: can(user.role, "placement.manage"),
  };
}
export type FollowUpPageData = Awaited<ReturnType<typeof loadFollowUpPage>>;

/** The "Follow-ups" card of a person's page: due and done, the at-risk flag, what the user may do. */
export async function loadPersonFollowUps(personId: number) {
  const { scope, user } = await requireActor("placement.view");
  const [followUps, state] = await Promise.all([listFollowUpsForPerson(scope, personId), getMonitoringState(scope, personId)]);
  if (!state) notFound();
  const today = chinaToday();
  return {
    today: isoDate(today),
    followUps: followUps.map((f) => ({ ...f, dueDate: isoDate(f.dueDate), daysLeft: daysBetween(today, f.dueDate) })),
    atRisk: state.atRisk,
    atRiskNote: state.atRiskNote,
    monitored: isMonitored(state),
    canRecord: can(user.role, "followup.record"),
  };
}
export type PersonFollowUpsData = Awaited<ReturnType<typeof loadPersonFollowUps>>;

/** The reassignment report for a period of first placements (default: this year in China). */
export async function loadReassignmentReport(params: Params) {
  const { scope } = await requireActor("report.view");
  const today = chinaToday();
  const year = today.getUTCFullYear();
  const query = reportPeriodSchema.parse(first(params));
  let from = query.from ?? new Date(Date.UTC(year, 0, 1));
  let to = query.to ?? new Date(Date.UTC(year, 11, 31));
  if (to < from) [from, to] = [to, from];
  const report = await reassignmentReport(scope, { from, to }, today);
  return { from: isoDate(from), to: isoDate(to), lastingDays: LASTING_DAYS, report };
}
export type ReassignmentReportData = Awaited<ReturnType<typeof loadReassignmentReport>>;

/** Follow-up cadence and monitoring interval of every office the user configures. */
export async function loadFollowUpSettings() {
  const { scope } = await requireActor("office.configure");
  const locale = await getLocale();
  const offices = await listOfficeFollowUpSettings(scope);
  return offices.map((o) => ({ id: o.id, code: o.code, name: locale === "en" ? o.nameEn : o.name, kind: o.kind, followUpCadence: o.followUpCadence, monitoringIntervalDays: o.monitoringIntervalDays }));
}
export type FollowUpSettingsData = Awaited<ReturnType<typeof loadFollowUpSettings>>;
