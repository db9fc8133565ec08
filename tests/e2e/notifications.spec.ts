// Notifications end to end: the app server started its job queue (pg-boss, in the test
// database), a follow-up with three failed attempts is queued for a sweep, and the Wuxi
// supervisor sees the bell count and the escalation, opens it and marks it read.
// The follow-up is written to the database directly (the follow-up pages have their own spec);
// the sweep is asked for through pg-boss, as the follow-up form does after a third failure.
import type { Page } from "@playwright/test";
import PgBoss from "pg-boss";
import { databaseUrl, expect, query, registerPerson, seriousA11yViolations, signInAs, signedIn, test } from "./fixtures";
import { JOB_SCHEMA, SWEEP_QUEUE } from "../../lib/jobs/rules";

/** The bell's unread count, read from its accessible name ("通知，3 条未读"). */
async function bellCount(page: Page): Promise<number> {
  const label = await page.getByTestId("notification-bell").getAttribute("aria-label");
  return Number(/(\d+)/.exec(label ?? "")?.[1] ?? NaN);
}

test("a third failed attempt reaches the supervisor as a notification with a bell count", async ({ browser, page }) => {
  // A Wuxi person, registered by their caseworker.
  const caseworker = await signedIn(browser, "wuxi_caseworker");
  const { personId, name } = await registerPerson(caseworker.page);
  await caseworker.context.close();

  // The server started the queue: pg-boss installed its schema in the test database.
  await expect.poll(async () => (await query<{ t: string | null }>(`SELECT to_regclass('${JOB_SCHEMA}.version')::text AS t`))[0]?.t, { timeout: 30_000 }).toBe(`${JOB_SCHEMA}.version`);

  const [followUp] = await query<{ id: number }>(
    `INSERT INTO follow_ups (person_id, office_id, caseworker_id, reason, due_date, failed_attempts, updated_at)
     SELECT p.id, p.office_id, p.caseworker_id, 'MANUAL', (now() AT TIME ZONE 'Asia/Shanghai')::date, 3, now() FROM persons p WHERE p.id = $1
     RETURNING id`,
    [personId],
  );
  expect(followUp).toBeDefined();

  await signInAs(page, "wuxi_supervisor", "/notifications");
  const before = await bellCount(page);

  // Ask the running app for a sweep, as recordContactAction does after a third failure.
  const boss = new PgBoss({ connectionString: databaseUrl(), schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false, max: 1 });
  await boss.start();
  await boss.send(SWEEP_QUEUE, { reason: "e2e" });
  await boss.stop({ graceful: false, wait: true });

  const item = page.getByTestId("notification").filter({ hasText: name });
  await expect(async () => {
    await page.reload();
    await expect(item).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000, intervals: [500, 1_000, 2_000] });

  await expect(item).toContainText(`${name} 连续 3 次未能联系上，已上报给您（责任人：周敏）`);
  await expect(item).toContainText("上报主管");
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item.getByRole("link", { name: "查看" })).toHaveAttribute("href", `/follow-ups/${followUp!.id}`);
  await expect(item.getByRole("link", { name: "人员档案" })).toHaveAttribute("href", `/persons/${personId}`);
  const count = await bellCount(page);
  expect(count).toBeGreaterThan(before);
  await expect(page.getByTestId("notification-bell")).toHaveAccessibleName(`通知，${count} 条未读`);
  expect(await seriousA11yViolations(page)).toEqual([]);

  await item.getByRole("button", { name: "标为已读" }).click();
  await expect(item).toHaveAttribute("data-unread", "false");
  await expect(page.getByTestId("notification-bell")).toHaveAccessibleName(`通知，${count - 1} 条未读`);

  // The caseworker is told their case went to the supervisor.
  const own = await signedIn(browser, "wuxi_caseworker");
  await own.page.goto("/notifications");
  await expect(own.page.getByTestId("notification").filter({ hasText: name })).toContainText(`${name} 连续 3 次未能联系上，已上报主管`);
  await own.context.close();
});
