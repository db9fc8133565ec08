// Placements end to end, as a Wuxi caseworker works them: a new job seeker is referred from their
// suggestions, placed from the referral, followed up ("wants a change: not adapting"), reassigned
// from that follow-up to one of the suggested next jobs, followed up again ("settled"), and their
// page tells both jobs with why the first ended. Zheng Bo's six positions read as a story, and the
// last opening of a vacancy goes to one person only, the other told so next to the field.
import type { Locator, Page } from "@playwright/test";
import { centred, chooseOption, expect, postVacancy, registerEmployer, registerJobSeeker, registerPerson, seriousA11yViolations, signInAs, test, uniqueName } from "./fixtures";

/** Soft, so one run lists every page's findings; the pointer rests off the last control clicked. */
async function expectNoSeriousViolations(page: Page, what: string) {
  await page.mouse.move(1, 1);
  expect.soft(await seriousA11yViolations(page), what).toEqual([]);
}

const ROBOT_SKILL = "工业机器人操作与运维";
const ROBOT_OCCUPATION = "6-31-01-10 机电设备维修工";

const timeline = (page: Page) => page.getByTestId("placements-timeline");
const steps = (page: Page) => page.getByTestId("placement-step");

/** Records one contact on the follow-up page: reached, how they are, a note. */
async function recordReached(page: Page, outcome: string, notes: string) {
  await page.getByRole("radiogroup", { name: "是否联系上" }).getByText("联系上了", { exact: true }).click();
  await page.getByRole("radiogroup", { name: "本人情况" }).getByText(outcome, { exact: true }).click();
  await page.getByLabel("备注（可选）").fill(notes);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page.getByTestId("follow-up-done")).toContainText(`本次回访已完成：${outcome}`);
}

/** The first follow-up due on the person page (the earliest of the running placement's plan). */
async function openFirstDueFollowUp(page: Page, job: string) {
  const due = page.getByTestId("person-follow-up").filter({ hasText: "安置后第 7 天回访" }).filter({ hasText: job }).filter({ has: page.getByRole("link", { name: "记录回访" }) });
  await expect(due).toHaveCount(1);
  await due.getByRole("link", { name: "记录回访" }).click();
  await expect(page).toHaveURL(/\/follow-ups\/\d+$/);
}

async function stepText(step: Locator) {
  return (await step.innerText()).replace(/\s+/g, " ");
}

test("the full loop for a new person: refer, place from the referral, follow up 'not adapting', reassign to a suggested job, follow up 'settled', and the timeline tells both jobs", async ({ page }) => {
  test.slow();
  const tag = uniqueName().name;
  await signInAs(page, "wuxi_caseworker", "/employers/new");
  const employer = await registerEmployer(page, { name: `${tag}智能制造有限公司` });
  const first = await postVacancy(page, employer.employerId, { title: `${tag}机器人运维工`, occupation: ROBOT_OCCUPATION, skill: ROBOT_SKILL, wage: [6000, 7000], roomAndBoard: true, openings: 2 });
  const next = await postVacancy(page, employer.employerId, { title: `${tag}机器人调试员`, occupation: ROBOT_OCCUPATION, skill: ROBOT_SKILL, wage: [6800, 7800], roomAndBoard: true, openings: 2 });
  const person = await registerJobSeeker(page, { skill: `${ROBOT_SKILL} / Industrial robot operation and maintenance` });
  // No job yet: the placements card says so and offers to record one.
  await expect(page.getByRole("heading", { level: 2, name: "就业安置" })).toBeVisible();
  await expect(page.getByText("还没有安置记录")).toBeVisible();

  // Refer from the suggestions; the referral can then be placed.
  await page.getByRole("link", { name: "岗位推荐" }).click();
  const card = page.getByRole("region", { name: "推荐岗位列表" }).getByTestId("suggestion").filter({ has: page.getByRole("link", { name: first.title, exact: true }) });
  await card.getByRole("button", { name: `推荐到 ${first.title}` }).click();
  await expect(card.getByText("已推荐", { exact: true })).toBeVisible();
  await expect(card.getByRole("link", { name: `安置到 ${first.title}` })).toBeVisible();
  await page.getByRole("link", { name: `按推荐登记安置：${first.title}` }).click();

  // The placement form, the referral chosen and its terms filled in.
  await expect(page).toHaveURL(new RegExp(`/persons/${person.personId}/placements/new\\?referral=\\d+$`));
  await expect(page.getByRole("heading", { level: 1, name: `为 ${person.name} 登记安置` })).toBeVisible();
  await expect(page.getByRole("radio", { name: "从推荐" })).toBeChecked();
  await expect(page.getByTitle(`${first.title} · ${employer.name}`)).toBeVisible();
  await expect(page.getByText(/剩余名额 2 · 月薪 ¥6,000 – ¥7,000/)).toBeVisible();
  await expect(page.getByLabel("月工资")).toHaveValue("6000");
  await expect(page.getByRole("checkbox", { name: "包吃住" })).toBeChecked();
  // Bad input (an "other" support measure without saying what it is): the server's message
  // next to the field, and everything typed still there.
  await page.getByLabel("月工资").fill("6200");
  await page.getByRole("button", { name: /添加支持措施/ }).click();
  await chooseOption(page, await centred(page.getByLabel("支持措施 1", { exact: true })), "其他");
  await page.getByLabel("措施 1 每月金额").fill("500");
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page.getByTestId("form-alert")).toContainText("请检查标红的栏目");
  await expect(page.locator(".ant-form-item-has-error").filter({ hasText: "措施 1 说明" })).toContainText("“其他”支持措施请写明内容");
  await expect(page.getByLabel("月工资")).toHaveValue("6200");
  await expect(page.getByLabel("措施 1 每月金额")).toHaveValue("500");
  await chooseOption(page, await centred(page.getByLabel("支持措施 1", { exact: true })), "减免水电");
  await page.getByLabel("措施 1 说明").fill("宿舍水电减免");
  await expectNoSeriousViolations(page, "new placement form");
  await page.getByRole("button", { name: /保\s*存/ }).click();

  // Back on the person page: one running job, told as a story.
  await expect(page).toHaveURL(new RegExp(`/persons/${person.personId}(#placements)?$`));
  await expect(steps(page)).toHaveCount(1);
  const firstStep = steps(page).first();
  await expect(firstStep).toHaveAttribute("data-status", "ACTIVE");
  await expect(firstStep).toContainText(`第 1 份工作：${first.title}`);
  await expect(firstStep).toContainText("经推荐安置 · 经办人 周敏");
  await expect(firstStep).toContainText("月薪 ¥6,200 · 固定期限劳动合同 · 包吃住");
  await expect(firstStep).toContainText(/减免水电 每月 ¥500（[\d/]+ 至 今） · 宿舍水电减免/);
  await expect(page.getByTestId("placements-summary")).toHaveText("共 1 份工作，调岗 0 次");
  await expectNoSeriousViolations(page, "person page with a running placement");

  // The 7-day follow-up: reached, wants a change (not adapting).
  await openFirstDueFollowUp(page, first.title);
  await recordReached(page, "想换工作", "说流水线节奏太快，不适应，想换个岗位");
  await page.getByTestId("follow-up-done").getByRole("link", { name: /调\s*岗/ }).click();

  // Reassign: the follow-up that prompted it, the end of this job, the next from the suggestions.
  await expect(page).toHaveURL(/\/placements\/\d+\/reassign\?followUp=\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: `为 ${person.name} 调岗` })).toBeVisible();
  await expect(page.getByTestId("prompting-follow-up")).toContainText("想换工作");
  await expect(page.getByTestId("prompting-follow-up")).toContainText("说流水线节奏太快，不适应，想换个岗位");
  const suggestions = page.getByRole("region", { name: "下一份工作推荐" }).getByTestId("next-suggestion");
  expect(await suggestions.count()).toBeGreaterThan(0);
  expect(await suggestions.count()).toBeLessThanOrEqual(5);
  // The job being left is not offered again; the other one is, with its reasons.
  await expect(suggestions.filter({ has: page.getByRole("link", { name: first.title, exact: true }) })).toHaveCount(0);
  const pick = suggestions.filter({ has: page.getByRole("link", { name: next.title, exact: true }) });
  await expect(pick.getByRole("list", { name: "匹配理由" })).toContainText("做过或学过这个职业");
  await chooseOption(page, await centred(page.getByLabel("结束原因")), "不适应工作");
  await page.getByLabel("说明", { exact: true }).fill("流水线节奏快，不适应");
  await pick.getByRole("button", { name: `选择 ${next.title}` }).click();
  await expect(pick.getByRole("button", { name: `选择 ${next.title}` })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTitle(`${next.title} · ${employer.name} · 惠山区`)).toBeVisible();
  await expect(page.getByLabel("月工资")).toHaveValue("6800");
  await expectNoSeriousViolations(page, "reassignment page");
  await page.getByRole("button", { name: "确认调岗" }).click();

  // Two jobs now: the first ended with its reason, the second moved from it.
  await expect(page).toHaveURL(new RegExp(`/persons/${person.personId}(#placements)?$`));
  await expect(steps(page)).toHaveCount(2);
  await expect(page.getByTestId("placements-summary")).toHaveText("共 2 份工作，调岗 1 次");
  await expect(steps(page).nth(0)).toHaveAttribute("data-status", "ENDED");
  await expect(steps(page).nth(0).getByTestId("end-reason")).toContainText("离开：不适应工作（流水线节奏快，不适应）");
  await expect(steps(page).nth(1)).toHaveAttribute("data-status", "ACTIVE");
  await expect(steps(page).nth(1)).toContainText(`第 2 份工作：${next.title}`);
  await expect(steps(page).nth(1)).toContainText(`由${first.title}（${employer.name}）调岗而来 · 经办人 周敏`);

  // The new job's first follow-up: settled.
  await openFirstDueFollowUp(page, next.title);
  await recordReached(page, "稳定就业", "新岗位节奏合适，已适应");
  await expect(page.getByTestId("follow-up-done").getByRole("link", { name: /调\s*岗/ })).toHaveCount(0);
  await page.getByRole("link", { name: "查看个人档案" }).click();

  // The story on the person page, and the same in the history.
  await expect(steps(page)).toHaveCount(2);
  expect(await stepText(steps(page).nth(0))).toContain(`第 1 份工作：${first.title}`);
  expect(await stepText(steps(page).nth(0))).toContain("不适应工作（流水线节奏快，不适应）");
  expect(await stepText(steps(page).nth(1))).toContain(`第 2 份工作：${next.title}`);
  await expect(page.getByTestId("history")).toContainText("调岗");
  await expect(page.getByTestId("history")).toContainText("登记安置");
  await expect(timeline(page).getByRole("link", { name: `${first.title}（${employer.name}）` })).toHaveAttribute("href", /#placement-\d+$/);
  await expectNoSeriousViolations(page, "person page after the reassignment");
});

test("郑波's page tells his six positions in Qidong as one story, each move with its reason", async ({ page }) => {
  await signInAs(page, "qidong_caseworker", "/persons?q=%E9%83%91%E6%B3%A2");
  await page.getByRole("link", { name: "郑波", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "郑波" })).toBeVisible();
  await expect(steps(page)).toHaveCount(6);
  await expect(page.getByTestId("placements-summary")).toHaveText("共 6 份工作，调岗 5 次");
  const story = [
    ["电子装配工", "启东海韵电子有限公司", "不适应工作（流水线节奏快，不适应）"],
    ["车工学徒", "启东东元机械制造有限公司", "对工资不满意（学徒期工资低）"],
    ["食品包装工", "启东南洋食品有限公司", "住宿问题（不提供宿舍，租房太贵）"],
    ["挡车工", "启东吕四港纺织有限公司", "不适应工作（三班倒作息不适应）"],
    ["仓储分拣员", "启东江海物流有限公司", "通勤太远（仓库搬迁到海门，通勤太远）"],
  ];
  for (const [i, [title, employer, ended]] of story.entries()) {
    const step = steps(page).nth(i);
    await expect(step).toContainText(`第 ${i + 1} 份工作：${title}`);
    await expect(step).toContainText(employer!);
    await expect(step.getByTestId("end-reason")).toContainText(ended!);
    if (i > 0) await expect(step).toContainText(`由${story[i - 1]![0]}（${story[i - 1]![1]}）调岗而来`);
  }
  const last = steps(page).nth(5);
  await expect(last).toHaveAttribute("data-status", "ACTIVE");
  await expect(last).toContainText("第 6 份工作：机床操作工");
  await expect(last).toContainText("由仓储分拣员（启东江海物流有限公司）调岗而来");
  await expect(last).toContainText("月薪 ¥4,800 · 无固定期限劳动合同 · 包吃住");
  await expect(last).toContainText("交通补贴 每月 ¥200");
  await expect(last.getByRole("link", { name: /调\s*岗/ })).toBeVisible();
  // A caseworker cannot undo an end; nothing here offers it.
  await expect(page.getByRole("button", { name: "撤销结束" })).toHaveCount(0);
  await expectNoSeriousViolations(page, "郑波's placements");
});

test("two caseworkers' forms for the last opening: the first placement takes it, the second is told next to the vacancy and keeps what was typed", async ({ browser, page }) => {
  test.slow();
  const tag = uniqueName().name;
  await signInAs(page, "wuxi_caseworker", "/employers/new");
  const employer = await registerEmployer(page, { name: `${tag}精工有限公司` });
  const vacancy = await postVacancy(page, employer.employerId, { title: `${tag}质检员`, occupation: ROBOT_OCCUPATION, skill: ROBOT_SKILL, wage: [5000, 5500], openings: 1 });
  const one = await registerPerson(page);
  const two = await registerPerson(page);

  // Both forms are open on the same vacancy; one opening left.
  const other = await (await browser.newContext()).newPage();
  await other.context().addCookies(await page.context().cookies());
  await other.goto(`/persons/${two.personId}/placements/new?vacancy=${vacancy.vacancyId}`);
  await expect(other.getByText(/剩余名额 1/)).toBeVisible();
  await other.getByLabel("月工资").fill("5200");

  await page.goto(`/persons/${one.personId}/placements/new?vacancy=${vacancy.vacancyId}`);
  await expect(page.getByRole("radio", { name: "在招岗位" })).toBeChecked();
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(steps(page)).toHaveCount(1);

  await other.getByRole("button", { name: /保\s*存/ }).click();
  await expect(other.getByTestId("form-alert")).toContainText("该岗位名额已满（最后一个名额刚被占用），请选择其他岗位");
  await expect(other.locator(".ant-form-item-has-error").filter({ hasText: "岗位" })).toContainText("该岗位名额已满");
  await expect(other.getByLabel("月工资")).toHaveValue("5200");
  await expect(other).toHaveURL(/\/placements\/new\?vacancy=/);
  await other.context().close();

  // A person in a job is pointed to the reassignment instead of a second placement.
  await page.goto(`/persons/${one.personId}/placements/new`);
  await expect(page.getByTestId("already-placed")).toContainText(`${employer.name} · ${vacancy.title}`);
  await expect(page.getByRole("link", { name: "去调岗" })).toBeVisible();
});
