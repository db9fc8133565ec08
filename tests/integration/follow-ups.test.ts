// Follow-ups against PostgreSQL: recording contacts (reached, not reached, three failures
// escalate, a closed follow-up refuses more), the database's own rule that an outcome comes
// with a reached contact, "My day" and the supervisor's view, monitoring after a placement
// ends, the at-risk flag, the office cadence, the reassignment report on a crafted chain, who
// may read and write, and the audit row of every write. Every office here has a region code of
// its own ("X…", no real division), so no other test's supervisor or sweep sees these rows.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { addDays, chinaToday, isoDate } from "@/lib/placements/rules";
import { contactSchema, placementInputSchema, reassignSchema, endPlacementSchema } from "@/lib/placements/schema";
import { createPlacement, endPlacement, reassignPlacement, recordContact, scheduleFollowUp, setAtRisk, updateOfficeCadence } from "@/lib/placements/mutations";
import { getFollowUp, listEscalations, listFollowUpsForPerson, myDay, reassignmentReport, supervisorOverview } from "@/lib/placements/data";
import { atRiskSchema } from "@/lib/follow-ups/schema";
import { createPerson, updatePerson } from "@/lib/persons/mutations";
import { createPersonSchema, updatePersonSchema } from "@/lib/persons/schema";
import { createOffice, createTestEmployer, createTestPerson, personInput } from "../factories";
import { actorIn, auditBy, auditOf, expectAppError, suffix, uniqueName } from "./helpers";

const today = chinaToday();
const day = (n: number) => addDays(today, n);
const notReached = contactSchema.parse({ channel: "PHONE", reached: false });
const settled = (income: number | null = 4800) => contactSchema.parse({ channel: "VISIT", reached: true, outcome: "SETTLED", income, notes: "适应良好" });

/** A region no real division and no other test uses: a supervisor of it sees only these offices. */
function freshRegion() {
  return `X${suffix().slice(0, 7)}`;
}

async function officeIn(regionCode: string) {
  return createOffice({ code: `T-${suffix()}`, regionCode });
}

/** An office of its own with a caseworker in it. */
async function team(regionCode = freshRegion()) {
  const office = await officeIn(regionCode);
  const caseworker = await actorIn(office.id, "CASEWORKER");
  return { office, caseworker, scope: caseworker.scope, userId: caseworker.user.id };
}

const LIFTED_HOUSEHOLD = { divisionCode: null, addressDetail: null, povertyStatus: "LIFTED", povertyStatusSince: "2020-06-30", perCapitaIncome: null, members: [] };

async function person(scope: Scope, options: { lifted?: boolean } = {}) {
  const name = uniqueName();
  const created = await createTestPerson(scope, { name, ...(options.lifted ? { household: LIFTED_HOUSEHOLD } : {}) } as never);
  return { id: created.id, name };
}

/** A direct placement (no vacancy) that started `startedDaysAgo` days ago. */
async function place(scope: Scope, personId: number, startedDaysAgo: number, employerId?: number) {
  const employer = employerId ?? (await createTestEmployer(scope)).id;
  const input = placementInputSchema.parse({ employerId: employer, title: "装配工", divisionCode: "320505", startDate: isoDate(day(-startedDaysAgo)), monthlyWage: 4500, contractType: "FIXED_TERM" });
  return { ...(await createPlacement(scope, personId, input)), employerId: employer };
}

async function followUpsOf(personId: number) {
  return db().followUp.findMany({ where: { personId }, orderBy: [{ dueDate: "asc" }, { id: "asc" }] });
}

async function placementVersion(id: number) {
  return (await db().placement.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}

describe("recordContact", () => {
  it("not reached: the attempt is kept, the follow-up stays open and counts one failure; reached: it is done with the outcome", async () => {
    const { scope, userId } = await team();
    const p = await person(scope);
    const { id } = await scheduleFollowUp(scope, p.id, { dueDate: today, note: "回电了解工资发放" });

    const first = await recordContact(scope, id, notReached);
    expect(first).toMatchObject({ followUpId: id, personId: p.id, escalate: false });
    let row = await db().followUp.findUniqueOrThrow({ where: { id }, include: { contacts: true } });
    expect(row).toMatchObject({ status: "OPEN", failedAttempts: 1, outcome: null, completedAt: null, note: "回电了解工资发放" });
    expect(row.contacts).toHaveLength(1);
    expect(row.contacts[0]).toMatchObject({ reached: false, outcome: null, income: null, channel: "PHONE", recordedById: userId, personId: p.id });

    const second = await recordContact(scope, id, settled(5200));
    expect(second.escalate).toBe(false);
    row = await db().followUp.findUniqueOrThrow({ where: { id }, include: { contacts: { orderBy: { id: "asc" } } } });
    expect(row).toMatchObject({ status: "DONE", failedAttempts: 1, outcome: "SETTLED" });
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(row.contacts.map((c) => [c.reached, c.outcome, c.income, c.channel])).toEqual([
      [false, null, null, "PHONE"],
      [true, "SETTLED", 5200, "VISIT"],
    ]);
    // The read the pages use says who recorded each attempt.
    const { displayName } = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect((await getFollowUp(scope, id))!.contacts.map((c) => c.recordedBy)).toEqual([displayName, displayName]);
  });

  it("the schema drops an outcome and income sent with 'not reached', and wants an outcome with 'reached'", () => {
    expect(contactSchema.parse({ channel: "PHONE", reached: false, outcome: "SETTLED", income: 3000 })).toMatchObject({ reached: false, outcome: null, income: null });
    const missing = contactSchema.safeParse({ channel: "PHONE", reached: true });
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["outcome", "validation.required"]]);
  });

  it("the third failure in a row escalates, and failedAttempts reads back 3; once the sweep has escalated it, a fourth does not ask again", async () => {
    const { scope } = await team();
    const p = await person(scope);
    const { id } = await scheduleFollowUp(scope, p.id, { dueDate: today, note: null });
    const results = [];
    for (let i = 0; i < 3; i++) results.push((await recordContact(scope, id, notReached)).escalate);
    expect(results).toEqual([false, false, true]);
    expect(await db().followUp.findUniqueOrThrow({ where: { id }, select: { failedAttempts: true, status: true } })).toEqual({ failedAttempts: 3, status: "OPEN" });

    // Not yet escalated by the sweep: a fourth failure still asks for it.
    expect((await recordContact(scope, id, notReached)).escalate).toBe(true);
    await db().followUp.update({ where: { id }, data: { escalatedAt: new Date() } });
    expect((await recordContact(scope, id, notReached)).escalate).toBe(false);
    expect((await db().followUp.findUniqueOrThrow({ where: { id } })).failedAttempts).toBe(5);
  });

  it("a closed follow-up (done, or cancelled with its placement) refuses a contact and writes nothing", async () => {
    const { scope, userId } = await team();
    const p = await person(scope);
    const { id } = await scheduleFollowUp(scope, p.id, { dueDate: today, note: null });
    await recordContact(scope, id, settled());
    const error = await expectAppError(recordContact(scope, id, notReached), "VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { _form: "validation.followUpClosed" } });

    const q = await person(scope);
    const placement = await place(scope, q.id, 3);
    const planned = (await followUpsOf(q.id)).filter((f) => f.status === "OPEN");
    expect(planned.length).toBeGreaterThan(0);
    await endPlacement(scope, placement.id, endPlacementSchema.parse({ endDate: isoDate(today), endReason: "FAMILY", version: await placementVersion(placement.id) }));
    const cancelled = await db().followUp.findUniqueOrThrow({ where: { id: planned[0]!.id } });
    expect(cancelled.status).toBe("CANCELLED");
    const refused = await expectAppError(recordContact(scope, cancelled.id, settled()), "VALIDATION");
    expect(refused.details).toEqual({ fieldErrors: { _form: "validation.followUpClosed" } });

    expect(await db().followUpContact.count({ where: { followUpId: { in: [id, cancelled.id] } } })).toBe(1);
    // The refusals left no audit rows: one contact recorded, one audited.
    expect((await auditBy(userId)).filter((a) => a.action === "followup.contact_recorded")).toHaveLength(1);
  });
});

describe("the follow-up tables", () => {
  it("refuse, even from raw SQL, an outcome without 'reached', 'reached' without an outcome, and a done follow-up without its outcome", async () => {
    const { scope } = await team();
    const p = await person(scope);
    const { id } = await scheduleFollowUp(scope, p.id, { dueDate: today, note: null });
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const attempt = (sql: string, params: unknown[]) =>
        client.query(sql, params).then(
          () => null,
          (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
        );
      const insert = "INSERT INTO follow_up_contacts (follow_up_id, person_id, channel, reached, outcome) VALUES ($1, $2, 'PHONE', $3, $4)";
      expect(await attempt(insert, [id, p.id, true, null])).toEqual({ code: "23514", constraint: "follow_up_contacts_outcome_when_reached" });
      expect(await attempt(insert, [id, p.id, false, "SETTLED"])).toEqual({ code: "23514", constraint: "follow_up_contacts_outcome_when_reached" });
      expect(await attempt("UPDATE follow_ups SET status = 'DONE', completed_at = now() WHERE id = $1", [id])).toEqual({ code: "23514", constraint: "follow_ups_done_has_outcome" });
      expect(await attempt(insert, [id, p.id, true, "SETTLED"])).toBeNull();
    } finally {
      await client.end();
    }
    expect(await db().followUpContact.count({ where: { followUpId: id } })).toBe(1);
    expect((await db().followUp.findUniqueOrThrow({ where: { id } })).status).toBe("OPEN");
  });
});

describe("My day", () => {
  it("puts a caseworker's open follow-ups in overdue, today and the next 7 days, with exact counts; later and closed ones stay out", async () => {
    const { scope, userId, office } = await team();
    // Cadence 10 and 20 days: a placement 12 days old has one overdue (2 days) and one later.
    await updateOfficeCadence(await adminScope(office.id), office.id, { followUpCadence: [10, 20], monitoringIntervalDays: 90 });
    const [a, b, c, d, e] = await Promise.all([person(scope), person(scope), person(scope), person(scope), person(scope)]);
    await place(scope, a.id, 12);
    const dueToday = await scheduleFollowUp(scope, b.id, { dueDate: today, note: "回电" });
    const inAWeek = await scheduleFollowUp(scope, c.id, { dueDate: day(7), note: null });
    await scheduleFollowUp(scope, d.id, { dueDate: day(8), note: null });
    const done = await scheduleFollowUp(scope, e.id, { dueDate: day(1), note: null });
    await recordContact(scope, done.id, settled());
    for (let i = 0; i < 3; i++) await recordContact(scope, inAWeek.id, notReached);

    const result = await myDay(scope, userId, today);
    expect(result.counts).toEqual({ overdue: 1, today: 1, week: 1, escalated: 1 });
    expect(result.items.map((i) => [i.personName, isoDate(i.dueDate), i.reason, i.cadenceDay])).toEqual([
      [a.name, isoDate(day(-2)), "PLACEMENT", 10],
      [b.name, isoDate(today), "MANUAL", null],
      [c.name, isoDate(day(7)), "MANUAL", null],
    ]);
    expect(result.items[0]).toMatchObject({ jobTitle: "装配工", failedAttempts: 0 });
    expect(result.items[1]).toMatchObject({ id: dueToday.id, note: "回电", jobTitle: null });
    expect(result.items[2]).toMatchObject({ failedAttempts: 3 });
  });

  it("is NOT_FOUND for another caseworker's day, even in the same office, and FORBIDDEN for a partner", async () => {
    const { scope, office, userId } = await team();
    const colleague = await actorIn(office.id, "CASEWORKER");
    await expectAppError(myDay(colleague.scope, userId, today), "NOT_FOUND");
    const partner = await actorIn((await createOffice({ code: `T-${suffix()}`, regionCode: "520625", kind: "ORIGIN_BUREAU" })).id, "PARTNER");
    await expectAppError(myDay(partner.scope, userId, today), "FORBIDDEN");
    // Their own day is theirs to read.
    expect((await myDay(scope, userId, today)).counts).toEqual({ overdue: 0, today: 0, week: 0, escalated: 0 });
  });

  it("the supervisor's view counts per caseworker only within the supervisor's offices, with the unassigned, most overdue first; escalations likewise", async () => {
    const region = freshRegion();
    const supervisorOffice = await officeIn(region);
    const north = await team(`${region}N`);
    const south = await team(`${region}S`);
    const outside = await team();
    const supervisor = await actorIn(supervisorOffice.id, "SUPERVISOR");
    expect([...(supervisor.scope.officeIds as number[])].sort()).toEqual([supervisorOffice.id, north.office.id, south.office.id].sort());

    // North: two overdue (one escalated), one today. South: one this week. Outside: one overdue.
    await updateOfficeCadence(supervisor.scope, north.office.id, { followUpCadence: [5], monitoringIntervalDays: 90 });
    for (const startedDaysAgo of [8, 9]) await place(north.scope, (await person(north.scope)).id, startedDaysAgo);
    const northToday = await scheduleFollowUp(north.scope, (await person(north.scope)).id, { dueDate: today, note: null });
    for (let i = 0; i < 3; i++) await recordContact(north.scope, northToday.id, notReached);
    await scheduleFollowUp(south.scope, (await person(south.scope)).id, { dueDate: day(3), note: null });
    await updateOfficeCadence(await adminScope(outside.office.id), outside.office.id, { followUpCadence: [5], monitoringIntervalDays: 90 });
    await place(outside.scope, (await person(outside.scope)).id, 8);
    // Nobody's: registered by an admin of the south office, scheduled by them.
    const admin = await actorIn(south.office.id, "ADMIN");
    const orphan = await person(admin.scope);
    await scheduleFollowUp(admin.scope, orphan.id, { dueDate: today, note: null });

    const rows = await supervisorOverview(supervisor.scope, today);
    const byName = Object.fromEntries(rows.map((r) => [r.caseworkerId === null ? `none@${r.officeId}` : r.displayName, [r.overdue, r.today, r.week, r.escalated]]));
    expect(byName).toEqual({
      [north.caseworker.user.displayName]: [2, 1, 0, 1],
      [south.caseworker.user.displayName]: [0, 0, 1, 0],
      [supervisor.user.displayName]: [0, 0, 0, 0],
      [`none@${south.office.id}`]: [0, 1, 0, 0],
    });
    expect(rows[0]!.caseworkerId).toBe(north.userId);
    expect(rows.some((r) => r.officeId === outside.office.id)).toBe(false);

    const escalations = await listEscalations(supervisor.scope);
    expect(escalations.map((e) => [e.id, e.caseworkerName])).toEqual([[northToday.id, north.caseworker.user.displayName]]);
    // The supervisor opens a caseworker's day; the one outside is not theirs (no rows, by scope).
    expect((await myDay(supervisor.scope, north.userId, today)).counts).toEqual({ overdue: 2, today: 1, week: 0, escalated: 1 });
    expect((await myDay(supervisor.scope, outside.userId, today)).items).toEqual([]);
    // A caseworker's scope is their own office: nothing escalated there.
    expect((await listEscalations(south.scope)).map((e) => e.id)).toEqual([]);
  });
});

/** An admin whose own office is the one given (admins configure every office). */
async function adminScope(officeId: number) {
  return (await actorIn(officeId, "ADMIN")).scope;
}

describe("monitoring", () => {
  it("someone whose household was lifted out of poverty gets one monitoring follow-up when their placement ends, never two", async () => {
    const { scope, office } = await team();
    await updateOfficeCadence(await adminScope(office.id), office.id, { followUpCadence: [7, 30], monitoringIntervalDays: 45 });
    const p = await person(scope, { lifted: true });
    // Registered without a placement, nothing planned yet (registration plans nothing).
    expect(await followUpsOf(p.id)).toEqual([]);
    const placement = await place(scope, p.id, 2);
    expect((await followUpsOf(p.id)).map((f) => [f.reason, f.cadenceDay, f.status])).toEqual([
      ["PLACEMENT", 7, "OPEN"],
      ["PLACEMENT", 30, "OPEN"],
    ]);

    await endPlacement(scope, placement.id, endPlacementSchema.parse({ endDate: isoDate(today), endReason: "RETURNED_HOME", version: await placementVersion(placement.id) }));
    const after = await followUpsOf(p.id);
    expect(after.map((f) => [f.reason, f.status])).toEqual([
      ["PLACEMENT", "CANCELLED"],
      ["PLACEMENT", "CANCELLED"],
      ["MONITORING", "OPEN"],
    ]);
    const monitoring = after[2]!;
    expect(isoDate(monitoring.dueDate)).toBe(isoDate(day(45)));
    expect(monitoring.caseworkerId).toBe((await db().person.findUniqueOrThrow({ where: { id: p.id } })).caseworkerId);

    // Flagging them at risk too, or an open monitoring follow-up written twice: still one.
    await setAtRisk(scope, p.id, { atRisk: true, note: "返乡后无收入" });
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const second = await client
        .query("INSERT INTO follow_ups (person_id, office_id, reason, due_date, updated_at) VALUES ($1, $2, 'MONITORING', current_date, now())", [p.id, office.id])
        .then(
          () => null,
          (e: { code?: string; constraint?: string }) => ({ code: e.code, constraint: e.constraint }),
        );
      expect(second).toEqual({ code: "23505", constraint: "follow_ups_one_open_monitoring" });
    } finally {
      await client.end();
    }
    expect((await followUpsOf(p.id)).filter((f) => f.reason === "MONITORING" && f.status === "OPEN")).toHaveLength(1);

    // Done: the next one is planned an interval later, and again only one is open.
    await recordContact(scope, monitoring.id, settled(null));
    const open = (await followUpsOf(p.id)).filter((f) => f.status === "OPEN");
    expect(open.map((f) => [f.reason, isoDate(f.dueDate)])).toEqual([["MONITORING", isoDate(day(45))]]);
    expect(open[0]!.id).not.toBe(monitoring.id);
  });

  it("nobody under monitoring gets a monitoring follow-up when their placement ends", async () => {
    const { scope } = await team();
    const p = await person(scope);
    const placement = await place(scope, p.id, 2);
    await endPlacement(scope, placement.id, endPlacementSchema.parse({ endDate: isoDate(today), endReason: "FAMILY", version: await placementVersion(placement.id) }));
    expect((await followUpsOf(p.id)).filter((f) => f.status === "OPEN")).toEqual([]);
  });
});

describe("setAtRisk", () => {
  it("flags a person with a note and keeps them under monitoring; clearing the flag cancels it; each change is audited", async () => {
    const { scope, userId } = await team();
    const p = await person(scope);
    await setAtRisk(scope, p.id, atRiskSchema.parse({ atRisk: true, note: "家中老人重病，收入不稳" }));
    expect(await db().person.findUniqueOrThrow({ where: { id: p.id }, select: { atRisk: true, atRiskNote: true } })).toEqual({ atRisk: true, atRiskNote: "家中老人重病，收入不稳" });
    expect((await followUpsOf(p.id)).map((f) => [f.reason, f.status])).toEqual([["MONITORING", "OPEN"]]);

    await setAtRisk(scope, p.id, atRiskSchema.parse({ atRisk: false, note: null }));
    expect(await db().person.findUniqueOrThrow({ where: { id: p.id }, select: { atRisk: true, atRiskNote: true } })).toEqual({ atRisk: false, atRiskNote: null });
    expect((await followUpsOf(p.id)).map((f) => [f.reason, f.status])).toEqual([["MONITORING", "CANCELLED"]]);

    const audit = (await auditOf("person", p.id)).filter((a) => a.action === "person.at_risk_changed");
    expect(audit.map((a) => [a.actorId, a.changes])).toEqual([
      [userId, { atRisk: [false, true], note: "家中老人重病，收入不稳" }],
      [userId, { atRisk: [true, false], note: null }],
    ]);
  });

  it("a flag needs a reason (the form's schema)", () => {
    const result = atRiskSchema.safeParse({ atRisk: true, note: "  " });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["note", "validation.atRiskNote"]]);
    expect(atRiskSchema.parse({ atRisk: false, note: "" })).toEqual({ atRisk: false, note: null });
  });
});

describe("updateOfficeCadence", () => {
  it("changes the plan of placements recorded afterwards and leaves plans already made; a caseworker may not, a supervisor elsewhere finds no such office", async () => {
    const { scope, office, userId } = await team();
    const first = await person(scope);
    await place(scope, first.id, 0);
    expect((await followUpsOf(first.id)).map((f) => f.cadenceDay)).toEqual([7, 30, 90, 180, 365]);

    await expectAppError(updateOfficeCadence(scope, office.id, { followUpCadence: [14], monitoringIntervalDays: 60 }), "FORBIDDEN");
    const elsewhere = await actorIn((await officeIn(freshRegion())).id, "SUPERVISOR");
    await expectAppError(updateOfficeCadence(elsewhere.scope, office.id, { followUpCadence: [14], monitoringIntervalDays: 60 }), "NOT_FOUND");

    const supervisor = await actorIn(office.id, "SUPERVISOR");
    // Unsorted, repeated and out-of-range days are cleaned as the admin meant them.
    await updateOfficeCadence(supervisor.scope, office.id, { followUpCadence: [60, 14, 14, 3, 1000], monitoringIntervalDays: 60 });
    expect(await db().office.findUniqueOrThrow({ where: { id: office.id }, select: { followUpCadence: true, monitoringIntervalDays: true } })).toEqual({ followUpCadence: [3, 14, 60], monitoringIntervalDays: 60 });

    const second = await person(scope);
    await place(scope, second.id, 0);
    expect((await followUpsOf(second.id)).map((f) => [f.cadenceDay, isoDate(f.dueDate)])).toEqual([
      [3, isoDate(day(3))],
      [14, isoDate(day(14))],
      [60, isoDate(day(60))],
    ]);
    expect((await followUpsOf(first.id)).map((f) => f.cadenceDay)).toEqual([7, 30, 90, 180, 365]);

    const audit = await auditOf("office", office.id);
    expect(audit.map((a) => [a.action, a.actorId, a.changes])).toEqual([
      ["office.cadence_updated", supervisor.user.id, { followUpCadence: [[7, 30, 90, 180, 365], [3, 14, 60]], monitoringIntervalDays: [90, 60] }],
    ]);
    expect((await auditBy(userId)).some((a) => a.action === "office.cadence_updated")).toBe(false);
  });
});

describe("reassignmentReport", () => {
  it("counts people, the reassigned, moves, reasons, placements per person and days to a placement that lasted, on a crafted chain", async () => {
    const { scope } = await team();
    const start = -200;
    // Chain: three placements, two moves (did not adapt, then the wage); the third has lasted 135 days.
    const mover = await person(scope);
    const first = await place(scope, mover.id, -start);
    const moveTo = async (fromId: number, endDay: number, startDay: number, reason: string) =>
      reassignPlacement(
        scope,
        fromId,
        reassignSchema.parse({
          endDate: isoDate(day(endDay)),
          endReason: reason,
          version: await placementVersion(fromId),
          next: { employerId: first.employerId, title: "质检员", divisionCode: "320505", startDate: isoDate(day(startDay)), monthlyWage: 4800, contractType: "FIXED_TERM" },
        }),
      );
    const second = await moveTo(first.id, start + 30, start + 35, "DID_NOT_ADAPT");
    await moveTo(second.id, start + 60, start + 65, "WAGE");
    // Another person placed once in the period; one placed before the period (left out).
    await place(scope, (await person(scope)).id, -start - 10);
    await place(scope, (await person(scope)).id, 400);

    const report = await reassignmentReport(scope, { from: day(start - 20), to: today }, today);
    expect(report).toEqual({
      people: 2,
      peopleReassigned: 1,
      moves: 2,
      reasons: [
        { reason: "DID_NOT_ADAPT", count: 1 },
        { reason: "WAGE", count: 1 },
      ],
      chainLengths: [
        { placements: 1, people: 1 },
        { placements: 3, people: 1 },
      ],
      daysToLasting: { median: 65, mean: 65, count: 1 },
    });

    // A period that starts after the chain's first placement leaves it out.
    const later = await reassignmentReport(scope, { from: day(start + 1), to: today }, today);
    expect(later).toMatchObject({ people: 1, peopleReassigned: 0, moves: 0, reasons: [], daysToLasting: { median: null, mean: null, count: 0 } });
  });

  it("is scoped to the offices of the reader and refused to partners", async () => {
    const { scope } = await team();
    await place(scope, (await person(scope)).id, 10);
    const other = await team();
    expect((await reassignmentReport(other.scope, { from: day(-30), to: today }, today)).people).toBe(0);
    expect((await reassignmentReport(scope, { from: day(-30), to: today }, today)).people).toBe(1);
    const partner = await actorIn((await createOffice({ code: `T-${suffix()}`, regionCode: "520625", kind: "ORIGIN_BUREAU" })).id, "PARTNER");
    await expectAppError(reassignmentReport(partner.scope, { from: day(-30), to: today }, today), "FORBIDDEN");
  });
});

describe("authorization", () => {
  it("a caseworker of another office can neither read nor write a person's follow-ups, and nothing changes", async () => {
    const { scope } = await team();
    const p = await person(scope);
    const { id } = await scheduleFollowUp(scope, p.id, { dueDate: today, note: null });
    const stranger = await team();

    expect(await getFollowUp(stranger.scope, id)).toBeNull();
    expect(await listFollowUpsForPerson(stranger.scope, p.id)).toEqual([]);
    await expectAppError(recordContact(stranger.scope, id, settled()), "NOT_FOUND");
    await expectAppError(scheduleFollowUp(stranger.scope, p.id, { dueDate: today, note: null }), "NOT_FOUND");
    await expectAppError(setAtRisk(stranger.scope, p.id, { atRisk: true, note: "x" }), "NOT_FOUND");

    expect((await followUpsOf(p.id)).map((f) => [f.status, f.failedAttempts])).toEqual([["OPEN", 0]]);
    expect(await db().followUpContact.count({ where: { personId: p.id } })).toBe(0);
    expect((await db().person.findUniqueOrThrow({ where: { id: p.id } })).atRisk).toBe(false);
    expect(await auditBy(stranger.userId)).toEqual([]);
  });

  it("a partner reads the follow-ups of people from their region only, and may write none", async () => {
    const { scope } = await team();
    // personInput's people come from Yinjiang (520625).
    const p = await person(scope);
    const { id } = await scheduleFollowUp(scope, p.id, { dueDate: today, note: null });
    const yinjiang = await actorIn((await createOffice({ code: `T-${suffix()}`, regionCode: "520625", kind: "ORIGIN_BUREAU" })).id, "PARTNER");
    const liuba = await actorIn((await createOffice({ code: `T-${suffix()}`, regionCode: "610729", kind: "ORIGIN_BUREAU" })).id, "PARTNER");

    expect((await listFollowUpsForPerson(yinjiang.scope, p.id)).map((f) => f.id)).toEqual([id]);
    expect(await listFollowUpsForPerson(liuba.scope, p.id)).toEqual([]);
    expect(await getFollowUp(liuba.scope, id)).toBeNull();
    for (const partner of [yinjiang, liuba]) {
      await expectAppError(recordContact(partner.scope, id, settled()), "FORBIDDEN");
      await expectAppError(scheduleFollowUp(partner.scope, p.id, { dueDate: today, note: null }), "FORBIDDEN");
      await expectAppError(setAtRisk(partner.scope, p.id, { atRisk: true, note: "x" }), "FORBIDDEN");
      await expectAppError(updateOfficeCadence(partner.scope, partner.scope.officeId, { followUpCadence: [7], monitoringIntervalDays: 30 }), "FORBIDDEN");
    }
    expect(await db().followUpContact.count({ where: { personId: p.id } })).toBe(0);
  });

  it("a date in the past or too far ahead is refused for a scheduled follow-up", async () => {
    const { scope } = await team();
    const p = await person(scope);
    const past = await expectAppError(scheduleFollowUp(scope, p.id, { dueDate: day(-1), note: null }), "VALIDATION");
    expect(past.details).toEqual({ fieldErrors: { dueDate: "validation.dateInPast" } });
    const far = await expectAppError(scheduleFollowUp(scope, p.id, { dueDate: day(401), note: null }), "VALIDATION");
    expect(far.details).toEqual({ fieldErrors: { dueDate: "validation.range" } });
    expect(await followUpsOf(p.id)).toEqual([]);
  });
});

describe("audit", () => {
  it("every follow-up write leaves its row, by the user who made it, with what changed", async () => {
    const { scope, userId } = await team();
    const p = await person(scope);
    const { id } = await scheduleFollowUp(scope, p.id, { dueDate: day(2), note: "回电" });
    await recordContact(scope, id, notReached);
    await recordContact(scope, id, contactSchema.parse({ channel: "WECHAT", reached: true, outcome: "WANTS_CHANGE", income: 3900, notes: "想换离家近的" }));
    await setAtRisk(scope, p.id, { atRisk: true, note: "收入下降" });

    const rows = (await auditOf("person", p.id)).filter((a) => a.actorId === userId && a.action !== "person.created" && a.action !== "household.created");
    expect(rows.map((a) => [a.action, a.changes])).toEqual([
      ["followup.scheduled", { followUpId: id, dueDate: isoDate(day(2)), note: "回电" }],
      ["followup.contact_recorded", { followUpId: id, dueDate: isoDate(day(2)), channel: "PHONE", reached: false, outcome: null, income: null, notes: null, failedAttempts: 1 }],
      ["followup.contact_recorded", { followUpId: id, dueDate: isoDate(day(2)), channel: "WECHAT", reached: true, outcome: "WANTS_CHANGE", income: 3900, notes: "想换离家近的", failedAttempts: 1 }],
      ["person.at_risk_changed", { atRisk: [false, true], note: "收入下降" }],
    ]);
  });
});

describe("a person moved to another caseworker", () => {
  it("takes their open follow-ups to the new caseworker's day; done ones keep who did them", async () => {
    const { scope, office, userId } = await team();
    const next = await actorIn(office.id, "CASEWORKER");
    const supervisor = await actorIn(office.id, "SUPERVISOR");
    const form = personInput({ name: uniqueName(), caseworkerId: userId });
    const { id: personId } = await createPerson(scope, createPersonSchema.parse(form));
    const open = await scheduleFollowUp(scope, personId, { dueDate: today, note: null });
    const done = await scheduleFollowUp(scope, personId, { dueDate: day(1), note: null });
    await recordContact(scope, done.id, settled());

    const version = (await db().person.findUniqueOrThrow({ where: { id: personId }, select: { version: true } })).version;
    await updatePerson(supervisor.scope, personId, updatePersonSchema.parse({ ...form, caseworkerId: next.user.id, version }));

    expect((await db().followUp.findUniqueOrThrow({ where: { id: open.id } })).caseworkerId).toBe(next.user.id);
    expect((await db().followUp.findUniqueOrThrow({ where: { id: done.id } })).caseworkerId).toBe(userId);
    expect((await myDay(next.scope, next.user.id, today)).items.map((i) => i.id)).toEqual([open.id]);
    expect((await myDay(scope, userId, today)).items).toEqual([]);
  });
});
