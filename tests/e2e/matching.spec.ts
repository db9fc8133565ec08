import { centred, chooseOption, expect, postVacancy, registerEmployer, registerJobSeeker, seriousA11yViolations, signInAs, signedIn, test, uniqueName } from "./fixtures";
import type { Locator, Page } from "@playwright/test";
import { MATCHING_CONFIG } from "../../lib/matching/config";

/** Soft, so one run lists every page's findings; the pointer is moved off the control last
 *  clicked, so a button is judged at rest rather than in its hover colour. */
async function expectNoSeriousViolations(page: Page, what: string) {
  await page.mouse.move(1, 1);
  expect.soft(await seriousA11yViolations(page), what).toEqual([]);
}

const ROBOT_SKILL = "工业机器人操作与运维";
const ROBOT_OCCUPATION = "6-31-01-10 机电设备维修工";

/** The 0-100 score a suggestion or candidate card states ("匹配度 87.5"). */
async function scoreOf(card: Locator): Promise<number> {
  const text = await card.getByText(/^匹配度 [\d.]+$/).textContent();
  return Number(text!.replace("匹配度 ", ""));
}

test("a caseworker sees explained suggestions for a job seeker, refers to one, dismisses another for good, and the vacancy shows the person among its candidates", async ({ page }) => {
  test.slow();
  const tag = uniqueName().name;
  await signInAs(page, "wuxi_caseworker", "/employers/new");
  const employer = await registerEmployer(page, { name: `${tag}机器人科技有限公司` });
  // Same occupation and skill; the first gives room and board, the second states a gender and does not.
  const referred = await postVacancy(page, employer.employerId, { title: `${tag}机器人运维工`, occupation: ROBOT_OCCUPATION, skill: ROBOT_SKILL, wage: [6000, 7000], roomAndBoard: true, openings: 2 });
  const dismissed = await postVacancy(page, employer.employerId, { title: `${tag}产线维修工`, occupation: ROBOT_OCCUPATION, skill: ROBOT_SKILL, wage: [6000, 7000], gender: "限男性", openings: 2 });
  const person = await registerJobSeeker(page, { skill: `${ROBOT_SKILL} / Industrial robot operation and maintenance` });
  await expect(page.getByText("转移就业").first()).toBeVisible();

  await page.getByRole("link", { name: "岗位推荐" }).click();
  await expect(page).toHaveURL(new RegExp(`/persons/${person.personId}/suggestions$`));
  await expect(page.getByRole("heading", { level: 1, name: `为 ${person.name} 推荐的岗位` })).toBeVisible();
  await expect(page.getByText(`算法版本 ${MATCHING_CONFIG.version}`)).toBeVisible();
  const list = page.getByRole("region", { name: "推荐岗位列表" });
  const card = (title: string) => list.getByTestId("suggestion").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  const referCard = card(referred.title);
  const dismissCard = card(dismissed.title);

  // Both vacancies are suggested, with a score and the reasons behind it.
  await expect(referCard).toContainText(employer.name);
  await expect(referCard).toContainText("江苏省 无锡市 惠山区");
  const reasons = referCard.getByRole("list", { name: "匹配理由" });
  await expect(reasons).toContainText(/做过或学过这个职业\s*（权重 35%，得分 100%）/);
  await expect(reasons).toContainText("具备 1/1 项必需技能");
  await expect(reasons).toContainText("需要住宿，岗位提供");
  await expect(reasons).toContainText(/月薪约 ¥6,500(\.00)?，加上包吃住/);
  await expect(referCard.getByText("包吃住", { exact: true })).toBeVisible();
  await expect(referCard.getByText("岗位限定性别，请核实")).toHaveCount(0);
  await expect(dismissCard.getByRole("list", { name: "匹配理由" })).toContainText("需要住宿，岗位不提供");
  await expect(dismissCard.getByText("岗位限定性别，请核实")).toBeVisible();
  await expect(dismissCard.getByText("不提供住宿", { exact: true })).toBeVisible();
  // Everything equal but room and board (10%): the first scores higher. Gender is never scored.
  const referScore = await scoreOf(referCard);
  const dismissScore = await scoreOf(dismissCard);
  expect(referScore).toBeGreaterThan(dismissScore);
  expect(referScore - dismissScore).toBeCloseTo(10, 0);
  await expect(referCard.getByRole("progressbar", { name: `${referred.title} 的匹配度` })).toBeVisible();

  // 推荐: the card says so, the referral list has it, and it cannot be referred twice.
  await referCard.getByRole("button", { name: `推荐到 ${referred.title}` }).click();
  await expect(referCard.getByText("已推荐", { exact: true })).toBeVisible();
  await expect(referCard.getByRole("button", { name: `推荐到 ${referred.title}` })).toBeDisabled();
  const referralRow = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: referred.title, exact: true }) });
  await expect(page.getByText("候选与推荐记录")).toBeVisible();
  await expect(referralRow).toContainText(`${employer.name} · 已推荐`);

  // 不合适: a reason is required; then the card goes and stays gone.
  await dismissCard.getByRole("button", { name: `${dismissed.title} 不合适` }).click();
  const dialog = page.getByRole("dialog", { name: `不合适：${dismissed.title}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "不合适" }).click();
  await expect(dialog.getByText("此项必填")).toBeVisible();
  await chooseOption(page, dialog.getByLabel("原因"), "工作内容不合适");
  await dialog.getByLabel("说明").fill("本人想做机器人运维，不做产线维修");
  await dialog.getByRole("button", { name: "不合适" }).click();
  await expect(dialog).toBeHidden();
  await expect(dismissCard).toHaveCount(0);
  await page.reload();
  await expect(referCard.getByText("已推荐", { exact: true })).toBeVisible();
  await expect(dismissCard).toHaveCount(0);

  // "Why not?" names the dismissal for the one, and the rank for the other.
  const pick = page.getByLabel("选择岗位");
  await chooseOption(page, await centred(pick), `${dismissed.title} · ${employer.name} · 惠山区`, { search: dismissed.title });
  await page.getByRole("button", { name: "查看原因" }).click();
  await expect(page.getByTestId("why-not")).toContainText("专员已标记为不合适");
  await chooseOption(page, await centred(pick), `${referred.title} · ${employer.name} · 惠山区`, { search: referred.title });
  await page.getByRole("button", { name: "查看原因" }).click();
  await expect(page.getByTestId("why-not")).toContainText(`这个岗位在推荐列表中（匹配度 ${referScore}）。`);
  await expectNoSeriousViolations(page, "suggestions page");

  // The vacancy lists the person among its candidates, with the same score and reasons.
  await referCard.getByRole("link", { name: referred.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: referred.title })).toBeVisible();
  const candidate = page.getByTestId("candidate").filter({ has: page.getByRole("link", { name: person.name, exact: true }) });
  await expect.poll(async () => {
    if (await candidate.count()) return 1;
    await page.reload();
    return candidate.count();
  }, { timeout: 10_000 }).toBe(1);
  await expect(page.getByText("推荐人选")).toBeVisible();
  expect(await scoreOf(candidate)).toBe(referScore);
  await expect(candidate.getByRole("list", { name: "匹配理由" })).toContainText("做过或学过这个职业");
  await expect(candidate.getByText("包吃住", { exact: true })).toBeVisible();
  await expect(candidate.getByRole("button", { name: `推荐 ${person.name}` })).toBeVisible();
  await expectNoSeriousViolations(page, "vacancy with candidates");

  // The dismissed vacancy does not offer the person again.
  await page.goto(`/vacancies/${dismissed.vacancyId}`);
  await expect(page.getByTestId("gender-flag")).toBeVisible();
  await expect(page.getByRole("link", { name: person.name, exact: true })).toHaveCount(0);
});

test("a partner sees the suggestions of a person from its county without acting on them; a caseworker of another office cannot open them", async ({ browser, page }) => {
  // 田玉芬 (Suzhou's case, from Yinjiang, cannot migrate): the public-welfare post at home is her fallback.
  await signInAs(page, "yinjiang_partner", "/persons?q=%E7%94%B0%E7%8E%89%E8%8A%AC");
  await page.getByRole("link", { name: "田玉芬", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "田玉芬" })).toBeVisible();
  const tianYufen = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "岗位推荐" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "为 田玉芬 推荐的岗位" })).toBeVisible();
  const ranger = page.getByTestId("suggestion").filter({ has: page.getByRole("link", { name: "护林员", exact: true }) });
  await expect(ranger).toContainText("公益性岗位（兜底安置）");
  await expect(ranger).toContainText(/匹配度 [\d.]+/);
  await expect(ranger.getByRole("list", { name: "匹配理由" })).toContainText("在本人所在县");
  // Nothing that moves a case: no 加入候选, 推荐 or 不合适 anywhere on the page.
  await expect(page.getByRole("button", { name: /加入候选|推\s*荐|不合适/ })).toHaveCount(0);
  // Jobs are not personal data: the partner browses them too.
  // (Searched for: other specs post vacancies at the same time, newest first.)
  await page.goto(`/vacancies?q=${encodeURIComponent("数控机床操作工")}`);
  await expect(page.getByRole("link", { name: "数控机床操作工", exact: true })).toBeVisible();

  // A Wuxi caseworker cannot open the suggestions of Suzhou's 田玉芬 ...
  const wuxi = await signedIn(browser, "wuxi_caseworker");
  await wuxi.page.goto(`${tianYufen}/suggestions`);
  await expect(wuxi.page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();
  await expect(wuxi.page.getByText("田玉芬")).toHaveCount(0);
  await wuxi.page.goto("/persons?q=%E9%A9%AC%E6%88%90");
  const maCheng = (await wuxi.page.getByRole("link", { name: "马成", exact: true }).getAttribute("href"))!;
  await wuxi.context.close();
  // ... nor a Suzhou caseworker those of Wuxi's 马成, however the URL was got.
  await page.context().clearCookies();
  await signInAs(page, "suzhou_caseworker", `${maCheng}/suggestions`);
  await expect(page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();
  await expect(page.getByText("马成")).toHaveCount(0);
});

test("the matching settings show the version every suggestion is logged with", async ({ page }) => {
  await signInAs(page, "admin", "/admin/matching");
  await expect(page.getByRole("heading", { level: 1, name: "匹配设置" })).toBeVisible();
  await expect(page.getByTestId("matching-version")).toHaveText(MATCHING_CONFIG.version);
  await expect(page.getByRole("row", { name: /职业\s*35%/ })).toBeVisible();
  await expectNoSeriousViolations(page, "matching settings");
});
