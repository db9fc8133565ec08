// "My day" on a phone: a caseworker finds an overdue follow-up, records two calls that did not
// get through and one that did, and the follow-up leaves the list; the supervisor sees every
// caseworker's counts and opens one caseworker's day. The overdue follow-up is arranged through
// the app: a placement recorded (on a desk) as having started 40 days ago gets its 30-day
// follow-up, 10 days overdue (followUpPlan keeps the last one that passed).
import type { Page } from "@playwright/test";
import { chooseOption, chooseRegion, expect, phoneNumber, registerPerson, seriousA11yViolations, signedIn, signInAs, test, WUXI_HUISHAN } from "./fixtures";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Nothing on the page is wider than the phone's screen (no sideways scrolling). */
async function expectNoSidewaysScroll(page: Page, what: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(390);
}

/** Serious and critical axe findings, with the pointer off the last control it touched (a hovered
 *  antd button is lighter than its resting colour). */
async function a11yViolations(page: Page) {
  await page.mouse.move(1, 1);
  return seriousA11yViolations(page);
}

/** A date `days` ago in China, as the date picker takes it. */
function daysAgo(days: number) {
  const china = new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000);
  return china.toISOString().slice(0, 10);
}

test.describe("on a phone", () => {
  test.use(PHONE);

  test("a caseworker records an overdue follow-up from My day: not reached twice, then reached and settled, and it leaves the list", async ({ browser, page }) => {
    // Two sessions and a placement form before the phone part: more than a minute on a busy machine.
    test.slow();
    // On a desk: register someone and record the job they started 40 days ago.
    const desk = await signedIn(browser, "wuxi_caseworker");
    const phone = phoneNumber();
    const { personId, name } = await registerPerson(desk.page, { phone });
    await desk.page.goto(`/persons/${personId}/placements/new`);
    // antd's radio buttons: the label is what a user (and Playwright) clicks.
    await desk.page.getByText("直接登记", { exact: true }).click();
    await chooseOption(desk.page, desk.page.getByLabel("用人单位"), "无锡佳测精密科技有限公司", { search: "佳测" });
    await desk.page.getByLabel("岗位名称").fill("数控车工");
    await chooseRegion(desk.page, desk.page.getByLabel("工作地点"), WUXI_HUISHAN);
    const start = desk.page.getByLabel("上岗日期");
    await start.click();
    await start.fill(daysAgo(40));
    await start.press("Enter");
    await desk.page.getByLabel("月工资").fill("5200");
    await desk.page.getByRole("button", { name: /保\s*存/ }).click();
    await expect(desk.page).toHaveURL(new RegExp(`/persons/${personId}(#placements)?$`));
    await desk.context.close();

    // On the phone: My day, the overdue part, a card for them.
    await signInAs(page, "wuxi_caseworker", "/my-day");
    await expect(page.getByRole("heading", { level: 1, name: "我的一天" })).toBeVisible();
    const overdue = page.getByRole("region", { name: /已逾期/ });
    const card = overdue.getByRole("link", { name: new RegExp(name) });
    await expect(card).toBeVisible();
    await expect(card).toContainText("数控车工 · 无锡佳测精密科技有限公司");
    await expect(card).toContainText("安置后第 30 天回访");
    await expect(card).toContainText("逾期 10 天");
    await expectNoSidewaysScroll(page, "My day");
    expect(await a11yViolations(page)).toEqual([]);

    await card.click();
    await expect(page).toHaveURL(/\/follow-ups\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("link", { name: `拨打 ${phone}` })).toHaveAttribute("href", `tel:${phone}`);
    await expect(page.getByText("安置后第 30 天回访")).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: "联系方式" }).getByRole("radio", { name: "电话" })).toBeChecked();
    await expectNoSidewaysScroll(page, "record page");
    expect(await a11yViolations(page)).toEqual([]);

    const attempts = page.getByTestId("attempt");
    const save = page.getByRole("button", { name: /保\s*存/ });
    for (const n of [1, 2]) {
      await page.getByRole("radiogroup", { name: "是否联系上" }).getByText("未联系上", { exact: true }).click();
      await expect(page.getByRole("radiogroup", { name: "本人情况" })).toHaveCount(0);
      await save.click();
      await expect(attempts).toHaveCount(n);
      await expect(page.getByRole("heading", { name: `联系记录（${n}）` })).toBeVisible();
    }
    await expect(attempts.first()).toContainText("未联系上");
    await expect(attempts.first()).toContainText("电话 · 周敏");
    // Two failures are not yet the supervisor's business.
    await expect(page.getByTestId("escalated")).toHaveCount(0);

    await page.getByRole("radiogroup", { name: "是否联系上" }).getByText("联系上了", { exact: true }).click();
    await page.getByRole("radiogroup", { name: "本人情况" }).getByText("稳定就业", { exact: true }).click();
    await page.getByLabel("目前月收入（可选）").fill("5200");
    await page.getByLabel("备注（可选）").fill("适应良好，车间师傅带得好");
    expect(await a11yViolations(page)).toEqual([]);
    await save.click();
    const done = page.getByTestId("follow-up-done");
    await expect(done).toContainText("本次回访已完成：稳定就业");
    // Settled: nothing to reassign.
    await expect(page.getByRole("link", { name: /调\s*岗/ })).toHaveCount(0);
    await expect(attempts).toHaveCount(3);
    await expect(attempts.last()).toContainText("联系上了 · 稳定就业 · 月收入 ¥5,200");
    await expect(save).toHaveCount(0);
    await expectNoSidewaysScroll(page, "record page, done");

    await done.getByRole("link", { name: "返回我的一天" }).click();
    await expect(page).toHaveURL(/\/my-day$/);
    await expect(page.getByRole("heading", { level: 1, name: "我的一天" })).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);

    // Their page keeps the follow-up, done, with the three attempts.
    await page.goto(`/persons/${personId}`);
    const followUps = page.getByTestId("person-follow-ups");
    const item = followUps.getByTestId("person-follow-up").filter({ hasText: "安置后第 30 天回访" });
    await expect(item).toContainText("已完成");
    await expect(item.getByTestId("attempt")).toHaveCount(3);
    await expectNoSidewaysScroll(page, "profile");
  });

  test("the supervisor sees each caseworker's follow-ups, opens one caseworker's day and the escalations", async ({ page }) => {
    await signInAs(page, "wuxi_supervisor", "/my-day");
    await expect(page.getByRole("heading", { level: 1, name: "我的一天" })).toBeVisible();
    const team = page.getByRole("table", { name: "各专员的回访" });
    await expect(team).toBeVisible();
    // The demo's Wuxi caseworker has follow-ups due (魁永得 overdue, 马成 this week).
    const row = team.getByRole("row").filter({ has: page.getByRole("link", { name: "周敏" }) });
    await expect(row).toContainText("无锡市人力资源和社会保障局");
    const overdueCell = row.getByRole("cell").nth(1);
    expect(Number(await overdueCell.textContent())).toBeGreaterThanOrEqual(1);
    await expect(page.getByRole("heading", { name: /上报给主管的回访/ })).toBeVisible();
    await expectNoSidewaysScroll(page, "team");
    expect(await a11yViolations(page)).toEqual([]);

    await row.getByRole("link", { name: "周敏" }).click();
    await expect(page).toHaveURL(/\/my-day\?caseworker=\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: "周敏的一天" })).toBeVisible();
    await expect(page.getByRole("region", { name: /已逾期/ }).getByRole("link", { name: /魁永得/ })).toBeVisible();
    await expect(page.getByRole("region", { name: /本周到期/ }).getByRole("link", { name: /马成/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "各专员的回访" })).toHaveCount(0);
    await expectNoSidewaysScroll(page, "a caseworker's day");
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByRole("link", { name: "返回全部专员" }).click();
    await expect(page.getByRole("table", { name: "各专员的回访" })).toBeVisible();
  });

  test("a caseworker cannot open someone else's day, and a partner has no My day", async ({ browser, page }) => {
    await signInAs(page, "suzhou_caseworker", "/my-day");
    await expect(page.getByRole("heading", { level: 1, name: "我的一天" })).toBeVisible();
    await expect(page.getByRole("table", { name: "各专员的回访" })).toHaveCount(0);
    await page.goto("/my-day?caseworker=1");
    await expect(page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();

    const partner = await browser.newContext(PHONE);
    const partnerPage = await partner.newPage();
    await signInAs(partnerPage, "yinjiang_partner", "/persons");
    await partnerPage.goto("/my-day");
    await expect(partnerPage.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();
    await partner.close();
  });
});

test("from a person's page a caseworker schedules a call-back and flags them as at risk; the call-back is in My day this week", async ({ page }) => {
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  const { name } = await registerPerson(page);
  const card = page.getByTestId("person-follow-ups");
  await expect(card.getByRole("heading", { name: "待回访（0）" })).toBeVisible();

  await card.getByRole("button", { name: "预约回访" }).click();
  const schedule = page.getByRole("dialog", { name: "预约回访" });
  // A week from today is offered; the reason is what the caseworker will see on the day.
  await schedule.getByLabel("事由").fill("回电了解工资发放情况");
  await schedule.getByRole("button", { name: /保\s*存/ }).click();
  await expect(schedule).toBeHidden();
  await expect(card.getByRole("heading", { name: "待回访（1）" })).toBeVisible();
  const due = card.getByTestId("person-follow-up").filter({ hasText: "预约回访" });
  await expect(due).toContainText("回电了解工资发放情况");
  await expect(due).toContainText("7 天后到期");

  await card.getByRole("button", { name: "标记不稳定/有风险" }).click();
  const flag = page.getByRole("dialog", { name: "不稳定 / 有返贫风险" });
  await expect(flag.getByRole("switch", { name: "标记为不稳定 / 有返贫风险" })).toBeChecked();
  await flag.getByRole("button", { name: /保\s*存/ }).click();
  await expect(flag.getByText("请写明原因")).toBeVisible();
  expect(await a11yViolations(page)).toEqual([]);
  await flag.getByLabel("原因").fill("家中老人重病，收入不稳");
  await flag.getByRole("button", { name: /保\s*存/ }).click();
  await expect(flag).toBeHidden();
  await expect(card.getByTestId("at-risk")).toHaveText("不稳定 / 有返贫风险");
  await expect(card).toContainText("家中老人重病，收入不稳");
  await expect(page.getByTestId("history").getByRole("listitem").filter({ hasText: "标记不稳定/有风险" }).first()).toContainText("家中老人重病，收入不稳");
  expect(await a11yViolations(page)).toEqual([]);

  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的一天" }).click();
  const week = page.getByRole("region", { name: /本周到期/ });
  await expect(week.getByRole("link", { name: new RegExp(name) })).toContainText("预约回访：回电了解工资发放情况");
});

test("the province's supervisor reads the reassignment report (郑波's six jobs in 2020) and sets an office's follow-up interval", async ({ page }) => {
  // Two pages, each checked by axe, as the province's supervisor (every office in the table).
  test.slow();
  await signInAs(page, "js_supervisor", "/reports/reassignments?from=2020-01-01&to=2020-12-31");
  await expect(page.getByRole("heading", { level: 1, name: "调岗报表" })).toBeVisible();
  // First placed in 2020: 代江敏, 魁永得 and 郑波, who moved five times before a job that lasted,
  // and 22 of the 2019 Tongren class, placed in Suzhou in July 2020 (the training demo).
  await expect(page.getByTestId("report-people")).toContainText("25");
  await expect(page.getByTestId("report-reassigned")).toContainText("1");
  await expect(page.getByTestId("report-moves")).toContainText("5");
  const reasons = page.getByTestId("report-reasons");
  await expect(reasons.getByRole("listitem").first()).toContainText("不适应工作");
  await expect(reasons.getByRole("listitem").first()).toContainText("2 次");
  await expect(reasons.getByRole("listitem")).toHaveCount(4);
  await expect(page.getByTestId("report-chain")).toContainText("6 份及以上");
  // 2020-05-11 to 2021-03-01, the start of the job that lasted.
  await expect(page.getByTestId("report-median")).toContainText("294 天");
  expect(await a11yViolations(page)).toEqual([]);

  await page.goto("/admin/follow-up-settings");
  await expect(page.getByRole("heading", { level: 1, name: "回访设置" })).toBeVisible();
  // The province holds every office the tests made too: find the college by name.
  await page.getByLabel("查找机构").fill("苏州技师学院");
  const college = page.getByRole("region", { name: "苏州技师学院" });
  const interval = college.getByLabel("监测回访间隔 · 苏州技师学院");
  await interval.fill("60");
  await college.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page.getByText("已保存苏州技师学院的回访设置")).toBeVisible();
  await page.reload();
  await page.getByLabel("查找机构").fill("苏州技师学院");
  await expect(page.getByRole("region", { name: "苏州技师学院" }).getByLabel("监测回访间隔 · 苏州技师学院")).toHaveValue("60");
  expect(await a11yViolations(page)).toEqual([]);
});
