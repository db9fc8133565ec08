import { centred, chooseRegion, expect, postVacancy, registerEmployer, registerJobSeeker, seriousA11yViolations, signInAs, test, uniqueName } from "./fixtures";
import type { Page } from "@playwright/test";

/** Soft, so one run lists every page's findings; the pointer is moved off the control last
 *  clicked, so a button is judged at rest rather than in its hover colour. */
async function expectNoSeriousViolations(page: Page, what: string) {
  await page.mouse.move(1, 1);
  expect.soft(await seriousA11yViolations(page), what).toEqual([]);
}

const WELDING = "焊工（电焊、气保焊）";
// A county no other spec registers people from, so the drive's pool is just the people made here.
const SHIQIAN = ["贵州省", "铜仁市", "石阡县"];

test("a supervisor runs a small recruitment drive over their vacancies and the people of one county, accepts the proposal line by line, and the referrals reach the people's suggestions", async ({ page }) => {
  test.slow();
  const tag = uniqueName().name;
  await signInAs(page, "wuxi_supervisor", "/employers/new");
  const employer = await registerEmployer(page, { name: `${tag}焊接科技有限公司` });
  const welder = await postVacancy(page, employer.employerId, { title: `${tag}电焊工`, occupation: "6-18-02-04 焊工", skill: WELDING, wage: [6500, 7500], roomAndBoard: true, openings: 1 });
  const fitter = await postVacancy(page, employer.employerId, { title: `${tag}焊接装配工`, occupation: "6-18-02-04 焊工", skill: WELDING, wage: [5500, 6500], roomAndBoard: true, openings: 1 });
  const first = await registerJobSeeker(page, { skill: `${WELDING} / Welding (arc, MIG/MAG)`, origin: SHIQIAN });
  const second = await registerJobSeeker(page, { skill: `${WELDING} / Welding (arc, MIG/MAG)`, origin: SHIQIAN });

  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "招聘活动" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "招聘活动" })).toBeVisible();
  await page.getByRole("link", { name: "新建招聘活动" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "新建招聘活动（批量匹配）" })).toBeVisible();

  const driveName = `${tag}焊工专场`;
  await page.getByLabel("活动名称").fill(driveName);
  const vacancies = page.getByLabel("岗位", { exact: true });
  for (const v of [welder, fitter]) {
    await (await centred(vacancies)).click();
    await vacancies.fill(v.title);
    await page.locator(".ant-select-dropdown:visible").getByTitle(`${v.title} · ${employer.name} · 惠山区 (1)`, { exact: true }).click();
  }
  await page.keyboard.press("Escape");
  await chooseRegion(page, page.getByLabel("户籍地", { exact: true }), SHIQIAN);
  await expect(page.locator("form").getByTitle("贵州省 / 铜仁市 / 石阡县")).toBeVisible();
  await expectNoSeriousViolations(page, "drive form");

  await page.getByRole("button", { name: "生成匹配方案" }).click();
  await expect(page).toHaveURL(/\/drives\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: driveName })).toBeVisible();
  // Two people, two jobs with one opening each: everyone placed, and the bound says how close.
  await expect(page.getByRole("row", { name: /状态\s*待审核\s*人员\s*2\s*匹配人数\s*2/ })).toBeVisible();
  await expect(page.getByTestId("drive-gap")).toHaveText(/^距最优最多 \d+(\.\d+)?%$/);
  const line = (name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(line(first.name)).toContainText("贵州省 铜仁市 石阡县");
  await expect(line(first.name)).toContainText("转移就业");
  const firstGot = (await line(first.name).textContent())!.includes(welder.title) ? welder : fitter;
  const secondGot = firstGot === welder ? fitter : welder;
  await expect(line(second.name)).toContainText(`${secondGot.title} · ${employer.name}`);
  await expectNoSeriousViolations(page, "drive result");

  // Every line starts ticked; untick the second person's and accept only the first.
  const tick = (name: string, v: { title: string }) => page.getByRole("checkbox", { name: `${name} → ${v.title}` });
  await expect(tick(first.name, firstGot)).toBeChecked();
  await tick(second.name, secondGot).uncheck();
  await page.getByRole("button", { name: "采纳选中的 1 行，转为推荐" }).click();
  await expect(line(first.name).getByText("已转为推荐")).toBeVisible();
  await expect(tick(first.name, firstGot)).toBeDisabled();
  await expect(line(second.name).getByText("已转为推荐")).toHaveCount(0);
  await expect(page.getByRole("row", { name: /状态\s*已采纳/ })).toBeVisible();

  // The second line can still be taken later.
  await tick(second.name, secondGot).check();
  await page.getByRole("button", { name: "采纳选中的 1 行，转为推荐" }).click();
  await expect(line(second.name).getByText("已转为推荐")).toBeVisible();
  await expect(page.getByRole("button", { name: /采纳选中的 0 行/ })).toBeDisabled();

  // The drive list has it, and the first person's suggestions show the referral.
  await page.getByRole("link", { name: "返回招聘活动" }).click();
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: driveName, exact: true }) })).toContainText("已采纳");
  await page.goto(`/persons/${first.personId}/suggestions`);
  await expect(page.getByRole("heading", { level: 1, name: `为 ${first.name} 推荐的岗位` })).toBeVisible();
  const card = page.getByTestId("suggestion").filter({ has: page.getByRole("link", { name: firstGot.title, exact: true }) });
  await expect(card.getByText("已推荐", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: `推荐到 ${firstGot.title}` })).toBeDisabled();
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("link", { name: firstGot.title, exact: true }) })).toContainText(`${employer.name} · 已推荐`);
});
