// The scheduled follow-up sweep and the job queue that runs it (lib/jobs), and the in-app
// notifications it writes (lib/notifications), against the real database. Every sweep here is
// restricted to the offices the test made: other test files share the database and must not
// see their follow-ups escalated or their people given monitoring follow-ups by this one.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { runFollowUpSweep } from "@/lib/jobs/sweep";
import { requestFollowUpSweep, startJobQueue, stopJobQueue, jobQueueStatus } from "@/lib/jobs/queue";
import { escalationKey, escalationRaisedKey, JOB_SCHEMA, MONITORING_CRON, MONITORING_EXPIRE_SECONDS, MONITORING_QUEUE, monitoringDueDate, overdueKey, SWEEP_CRON, SWEEP_EXPIRE_SECONDS, SWEEP_QUEUE } from "@/lib/jobs/rules";
import { addDays, chinaToday, isoDate } from "@/lib/placements/rules";
import { recordContact, scheduleFollowUp } from "@/lib/placements/mutations";
import { contactSchema } from "@/lib/placements/schema";
import { countUnreadNotifications, listNotifications } from "@/lib/notifications/data";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/mutations";
import { createTestPerson } from "../factories";
import { actorIn, expectAppError, freshOffice, pollUntil, uniqueName } from "./helpers";

const DAY = 86_400_000;
const notReached = contactSchema.parse({ channel: "PHONE", reached: false });

/** A region code no other test uses (offices need not name a real division). */
function freshRegion(): string {
  return `9${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`;
}

/** An office with a caseworker and a person in their caseload. */
async function caseload(regionCode = freshRegion()) {
  const office = await freshOffice(regionCode);
  const caseworker = await actorIn(office.id, "CASEWORKER");
  const name = uniqueName();
  const person = { ...(await createTestPerson(caseworker.scope, { name })), name };
  return { office, caseworker, person };
}

/** A follow-up written straight to the table (what the sweep reads), for arranging states. */
async function followUp(input: { personId: number; officeId: number; caseworkerId: number | null; dueDate: Date; failedAttempts?: number; status?: "OPEN" | "CANCELLED"; reason?: "MANUAL" | "MONITORING" }) {
  return db().followUp.create({
    data: { personId: input.personId, officeId: input.officeId, caseworkerId: input.caseworkerId, reason: input.reason ?? "MANUAL", dueDate: input.dueDate, failedAttempts: input.failedAttempts ?? 0, status: input.status ?? "OPEN" },
    select: { id: true },
  });
}

async function notificationsOf(userId: number) {
  return db().notification.findMany({ where: { userId }, orderBy: { id: "asc" } });
}

/** Three failed attempts through the mutation the follow-up form uses; returns what the third said. */
async function failThrice(scope: Scope, personId: number) {
  const { id } = await scheduleFollowUp(scope, personId, { dueDate: chinaToday(), note: null });
  let last = { escalate: false };
  for (let i = 0; i < 3; i++) last = await recordContact(scope, id, notReached);
  return { id, escalate: last.escalate };
}

describe("follow-up sweep: escalations", () => {
  it("escalates a third failed attempt exactly once, to the office's active supervisors and the caseworker, with an audit row", async () => {
    const { office, caseworker, person } = await caseload();
    const [supervisor1, supervisor2, inactive] = await Promise.all([actorIn(office.id, "SUPERVISOR"), actorIn(office.id, "SUPERVISOR"), actorIn(office.id, "SUPERVISOR")]);
    await db().user.update({ where: { id: inactive.user.id }, data: { active: false } });
    const other = await caseload();
    const otherSupervisor = await actorIn(other.office.id, "SUPERVISOR");
    const offices = [office.id, other.office.id];

    const first = await failThrice(caseworker.scope, person.id);
    expect(first.escalate).toBe(true);

    const runs = [await runFollowUpSweep({ officeIds: offices }), await runFollowUpSweep({ officeIds: offices })];
    expect(runs.map((r) => r.escalated)).toEqual([1, 0]);
    expect(runs[0]!.supervisorsNotified).toBe(2);
    expect(runs[0]!.caseworkersNotified).toBe(1);

    // Two sweeps at the same moment (two app instances): still once.
    const second = await failThrice(caseworker.scope, person.id);
    const concurrent = await Promise.all([runFollowUpSweep({ officeIds: offices }), runFollowUpSweep({ officeIds: offices })]);
    expect(concurrent.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    expect(concurrent.reduce((n, r) => n + r.supervisorsNotified, 0)).toBe(2);

    for (const id of [first.id, second.id]) {
      const row = await db().followUp.findUniqueOrThrow({ where: { id }, select: { escalatedAt: true, status: true } });
      expect(row.escalatedAt).not.toBeNull();
      expect(row.status).toBe("OPEN");
    }
    for (const supervisor of [supervisor1, supervisor2]) {
      const rows = await notificationsOf(supervisor.user.id);
      expect(rows.map((n) => [n.kind, n.dedupeKey, n.followUpId, n.personId])).toEqual([
        ["ESCALATION", escalationKey(first.id), first.id, person.id],
        ["ESCALATION", escalationKey(second.id), second.id, person.id],
      ]);
      expect(rows[0]!.params).toMatchObject({ failedAttempts: 3, caseworkerId: caseworker.user.id });
    }
    expect(await notificationsOf(inactive.user.id)).toEqual([]);
    expect(await notificationsOf(otherSupervisor.user.id)).toEqual([]);
    expect((await notificationsOf(caseworker.user.id)).map((n) => [n.kind, n.dedupeKey])).toEqual([
      ["ESCALATION_RAISED", escalationRaisedKey(first.id)],
      ["ESCALATION_RAISED", escalationRaisedKey(second.id)],
    ]);

    const audit = await db().auditEvent.findMany({ where: { action: "followup.escalated", entityType: "person", entityId: String(person.id) }, orderBy: { id: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actorId).toBeNull();
    expect(audit[0]!.officeId).toBe(office.id);
    expect(audit[0]!.changes).toMatchObject({ followUpId: first.id, failedAttempts: 3, caseworkerId: caseworker.user.id, notified: [supervisor1.user.id, supervisor2.user.id].sort((a, b) => a - b) });
  });

  it("leaves alone fewer than three failures, a closed follow-up, and one escalated before", async () => {
    const { office, caseworker, person } = await caseload();
    const supervisor = await actorIn(office.id, "SUPERVISOR");
    const today = chinaToday();
    const base = { personId: person.id, officeId: office.id, caseworkerId: caseworker.user.id, dueDate: today };
    await followUp({ ...base, failedAttempts: 2 });
    await followUp({ ...base, failedAttempts: 3, status: "CANCELLED" });
    const before = await followUp({ ...base, failedAttempts: 4 });
    await db().followUp.update({ where: { id: before.id }, data: { escalatedAt: new Date() } });
    const result = await runFollowUpSweep({ officeIds: [office.id] });
    expect(result.escalated).toBe(0);
    expect(await notificationsOf(supervisor.user.id)).toEqual([]);
  });

  it("an office without a supervisor escalates to the supervisors of the nearest office whose region covers it", async () => {
    const region = freshRegion();
    const { office, caseworker, person } = await caseload(region);
    const city = await freshOffice(region.slice(0, 4));
    const province = await freshOffice(region.slice(0, 2));
    const [citySupervisor, provinceSupervisor] = await Promise.all([actorIn(city.id, "SUPERVISOR"), actorIn(province.id, "SUPERVISOR")]);
    const { id } = await failThrice(caseworker.scope, person.id);
    await runFollowUpSweep({ officeIds: [office.id] });
    expect((await notificationsOf(citySupervisor.user.id)).map((n) => n.dedupeKey)).toEqual([escalationKey(id)]);
    expect(await notificationsOf(provinceSupervisor.user.id)).toEqual([]);
  });
});

describe("follow-up sweep: overdue reminders", () => {
  it("one reminder per caseworker per China day with the overdue count, none without overdue work", async () => {
    const { office, caseworker, person } = await caseload();
    const idle = await actorIn(office.id, "CASEWORKER");
    // 17:30 UTC is 01:30 the next morning in China: the day that counts is China's.
    const now = new Date(Date.UTC(2031, 2, 10, 17, 30));
    const today = chinaToday(now);
    expect(isoDate(today)).toBe("2031-03-11");
    const base = { personId: person.id, officeId: office.id, caseworkerId: caseworker.user.id };
    await followUp({ ...base, dueDate: addDays(today, -1) });
    await followUp({ ...base, dueDate: addDays(today, -5) });
    await followUp({ ...base, dueDate: today });
    await followUp({ ...base, dueDate: addDays(today, -3), status: "CANCELLED" });
    await followUp({ personId: person.id, officeId: office.id, caseworkerId: idle.user.id, dueDate: today });

    const first = await runFollowUpSweep({ officeIds: [office.id], now });
    expect(first.overdueNotified).toBe(1);
    await Promise.all([runFollowUpSweep({ officeIds: [office.id], now: new Date(now.getTime() + 60_000) }), runFollowUpSweep({ officeIds: [office.id], now: new Date(now.getTime() + 3_600_000) })]);
    let rows = (await notificationsOf(caseworker.user.id)).filter((n) => n.kind === "OVERDUE");
    expect(rows.map((n) => [n.dedupeKey, n.params])).toEqual([[overdueKey(today), { count: 2, day: "2031-03-11" }]]);
    expect(await notificationsOf(idle.user.id)).toEqual([]);

    // The next China day: today's follow-up is overdue now too.
    await runFollowUpSweep({ officeIds: [office.id], now: new Date(now.getTime() + DAY) });
    rows = (await notificationsOf(caseworker.user.id)).filter((n) => n.kind === "OVERDUE");
    expect(rows.map((n) => [n.dedupeKey, (n.params as { count: number }).count])).toEqual([
      ["overdue:2031-03-11", 2],
      ["overdue:2031-03-12", 3],
    ]);
    expect((await notificationsOf(idle.user.id)).map((n) => (n.params as { count: number }).count)).toEqual([1]);
  });
});

describe("follow-up sweep: monitoring", () => {
  it("gives everyone lifted out of poverty or at risk with nothing planned one monitoring follow-up, once", async () => {
    const { office, caseworker } = await caseload();
    await db().office.update({ where: { id: office.id }, data: { monitoringIntervalDays: 60 } });
    const make = async (data: { povertyStatus?: "LIFTED" | "MARGINAL_AT_RISK" | "NONE" | "REGISTERED_POOR"; atRisk?: boolean }) => {
      const p = await createTestPerson(caseworker.scope, { name: uniqueName() });
      await db().person.update({ where: { id: p.id }, data });
      return p.id;
    };
    const lifted = await make({ povertyStatus: "LIFTED" });
    const marginal = await make({ povertyStatus: "MARGINAL_AT_RISK" });
    const flagged = await make({ atRisk: true });
    const ordinary = await make({ povertyStatus: "NONE" });
    const poor = await make({ povertyStatus: "REGISTERED_POOR" });
    const planned = await make({ povertyStatus: "LIFTED" });
    await followUp({ personId: planned, officeId: office.id, caseworkerId: caseworker.user.id, dueDate: addDays(chinaToday(), 3) });
    // Reached ten days ago: the next one falls due the office's interval after that contact.
    const contacted = await make({ povertyStatus: "LIFTED" });
    const done = await followUp({ personId: contacted, officeId: office.id, caseworkerId: caseworker.user.id, dueDate: addDays(chinaToday(), -10) });
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    await db().followUpContact.create({ data: { followUpId: done.id, personId: contacted, channel: "PHONE", reached: true, outcome: "SETTLED", at: tenDaysAgo } });
    await db().followUp.update({ where: { id: done.id }, data: { status: "DONE", outcome: "SETTLED", completedAt: tenDaysAgo } });

    const first = await runFollowUpSweep({ officeIds: [office.id] });
    expect(first.monitoringCreated).toBe(4);
    const again = await Promise.all([runFollowUpSweep({ officeIds: [office.id] }), runFollowUpSweep({ officeIds: [office.id] })]);
    expect(again.map((r) => r.monitoringCreated)).toEqual([0, 0]);
    expect((await runFollowUpSweep({ officeIds: [office.id] })).monitoringCreated).toBe(0);

    const rows = await db().followUp.findMany({ where: { officeId: office.id, reason: "MONITORING" }, select: { personId: true, dueDate: true, status: true, caseworkerId: true } });
    expect(rows.map((r) => r.personId).sort((a, b) => a - b)).toEqual([lifted, marginal, flagged, contacted].sort((a, b) => a - b));
    const today = chinaToday();
    for (const row of rows) {
      expect(row.status).toBe("OPEN");
      expect(row.caseworkerId).toBe(caseworker.user.id);
      const lastReachedOn = row.personId === contacted ? chinaToday(tenDaysAgo) : null;
      expect(isoDate(row.dueDate), `person ${row.personId}`).toBe(isoDate(monitoringDueDate({ today, intervalDays: 60, personId: row.personId, lastReachedOn })));
    }
    expect(rows.some((r) => [ordinary, poor, planned].includes(r.personId))).toBe(false);
  });
});

describe("job queue", () => {
  afterAll(async () => {
    await stopJobQueue();
  });

  it("starts in its own schema, runs a requested sweep end to end, and stops", async () => {
    const { office, caseworker, person } = await caseload();
    const supervisor = await actorIn(office.id, "SUPERVISOR");
    // An import left in preview for 31 days: the hourly job's retention rule discards it.
    const partner = await freshOffice("520625");
    const { id: abandoned } = await db().importBatch.create({
      data: { officeId: office.id, partnerOfficeId: partner.id, fileName: "old.csv", format: "CSV", fileSize: 1, fileHash: "0".repeat(64), fileData: new Uint8Array([1]), status: "PREVIEW" },
    });
    await db().$executeRaw`UPDATE import_batches SET updated_at = now() - interval '31 days' WHERE id = ${abandoned}`;
    await startJobQueue({ filter: { officeIds: [office.id] }, pollingIntervalSeconds: 0.5, log: () => {} });
    expect(jobQueueStatus().running).toBe(true);
    // The sweeps every instance asks for when it starts (one per queue); the escalation below comes after them.
    expect((await pollUntil(async () => jobQueueStatus().sweeps, (n) => n >= 2, 30_000, 100)).held).toBe(true);
    expect(await db().importBatch.findUniqueOrThrow({ where: { id: abandoned }, select: { status: true, fileData: true } })).toEqual({ status: "DISCARDED", fileData: null });

    const { id, escalate } = await failThrice(caseworker.scope, person.id);
    expect(escalate).toBe(true);
    expect(await requestFollowUpSweep()).toBe(true);
    const seen = await pollUntil(() => db().notification.findMany({ where: { userId: supervisor.user.id } }), (rows) => rows.length > 0, 30_000, 200);
    expect(seen.held, "the supervisor was not notified by the queued sweep").toBe(true);
    expect(seen.value.map((n) => n.dedupeKey)).toEqual([escalationKey(id)]);
    expect((await db().followUp.findUniqueOrThrow({ where: { id }, select: { escalatedAt: true } })).escalatedAt).not.toBeNull();

    // pg-boss keeps its tables in its own schema, which our migrations never touch.
    const schemas = await db().$queryRaw<{ table_schema: string; n: number }[]>`
      SELECT table_schema, count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('job', 'queue', 'schedule') GROUP BY table_schema`;
    expect(schemas).toEqual([{ table_schema: JOB_SCHEMA, n: 3 }]);
    const schedules = await db().$queryRawUnsafe<{ name: string; cron: string; timezone: string }[]>(`SELECT name, cron, timezone FROM ${JOB_SCHEMA}.schedule ORDER BY name`);
    expect(schedules).toEqual([
      { name: MONITORING_QUEUE, cron: MONITORING_CRON, timezone: "Asia/Shanghai" },
      { name: SWEEP_QUEUE, cron: SWEEP_CRON, timezone: "Asia/Shanghai" },
    ]);

    const queues = await db().$queryRawUnsafe<{ name: string; policy: string; expire_seconds: number }[]>(
      `SELECT name, policy, expire_seconds FROM ${JOB_SCHEMA}.queue WHERE name NOT LIKE '\_\_pgboss%' ORDER BY name`,
    );
    expect(queues).toEqual([
      { name: MONITORING_QUEUE, policy: "stately", expire_seconds: MONITORING_EXPIRE_SECONDS },
      { name: SWEEP_QUEUE, policy: "stately", expire_seconds: SWEEP_EXPIRE_SECONDS },
    ]);

    await stopJobQueue();
    expect(jobQueueStatus().running).toBe(false);
    expect(await requestFollowUpSweep()).toBe(false);
  });
});

describe("notifications belong to their user", () => {
  it("a user can neither read nor mark another user's notifications", async () => {
    const { office, caseworker, person } = await caseload();
    const [alice, bob] = await Promise.all([actorIn(office.id, "SUPERVISOR"), actorIn(office.id, "SUPERVISOR")]);
    const { id } = await failThrice(caseworker.scope, person.id);
    await runFollowUpSweep({ officeIds: [office.id] });
    const aliceRows = await listNotifications(alice.scope);
    expect(aliceRows.rows.map((n) => [n.kind, n.followUpId, n.personName, n.failedAttempts, n.caseworkerName])).toEqual([["ESCALATION", id, person.name, 3, caseworker.user.displayName]]);
    const bobsOwn = (await listNotifications(bob.scope)).rows[0]!;

    await expectAppError(markNotificationRead(alice.scope, bobsOwn.id), "NOT_FOUND");
    await expectAppError(markNotificationRead(caseworker.scope, bobsOwn.id), "NOT_FOUND");
    expect((await listNotifications(alice.scope)).rows.map((n) => n.id)).not.toContain(bobsOwn.id);
    expect((await markAllNotificationsRead(alice.scope)).count).toBe(1);
    expect(await countUnreadNotifications(alice.scope)).toBe(0);
    expect(await countUnreadNotifications(bob.scope)).toBe(1);

    await markNotificationRead(bob.scope, bobsOwn.id);
    await markNotificationRead(bob.scope, bobsOwn.id); // again: already read, still fine
    expect(await countUnreadNotifications(bob.scope)).toBe(0);
  });

  it("names the person only while the reader may still see them", async () => {
    const { office, caseworker, person } = await caseload();
    const supervisor = await actorIn(office.id, "SUPERVISOR");
    await failThrice(caseworker.scope, person.id);
    await runFollowUpSweep({ officeIds: [office.id] });
    // The person moves to another office the supervisor does not cover.
    const elsewhere = await freshOffice(freshRegion());
    await db().person.update({ where: { id: person.id }, data: { officeId: elsewhere.id } });
    const [row] = (await listNotifications(supervisor.scope)).rows;
    expect(row?.kind).toBe("ESCALATION");
    expect(row?.personName).toBeNull();
  });
});
