import { chooseRegion, creditCode, expect, postVacancy, seriousA11yViolations, signInAs, test, uniqueName, withWrongUsccCheck, WUXI_HUISHAN } from "./fixtures";
import type { Page } from "@playwright/test";

/** Soft, so one run lists every page's findings; the pointer is moved off the control last
 *  clicked, so a button is judged at rest rather than in its hover colour. */
async function expectNoSeriousViolations(page: Page, what: string) {
  await page.mouse.move(1, 1);
  expect.soft(await seriousA11yViolations(page), what).toEqual([]);
}

test("a caseworker registers an employer (a wrong credit code is shown at its field, nothing typed is lost) and posts two open vacancies, one flagged for its gender requirement", async ({ page }) => {
  test.slow();
  const tag = uniqueName().name;
  const name = `${tag}精密机械有限公司`;
  const uscc = creditCode("320206");
  await signInAs(page, "wuxi_caseworker", "/employers");
  await expect(page.getByRole("heading", { level: 1, name: "用人单位" })).toBeVisible();
  await expectNoSeriousViolations(page, "employer list");

  await page.getByRole("link", { name: "登记用人单位" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "登记用人单位" })).toBeVisible();
  await expectNoSeriousViolations(page, "employer form");

  const nameField = page.getByLabel("单位名称");
  const usccField = page.getByLabel("统一社会信用代码");
  await nameField.fill(name);
  const wrong = withWrongUsccCheck(uscc);
  await usccField.fill(wrong);
  await chooseRegion(page, page.getByLabel("所在地"), WUXI_HUISHAN);
  await page.getByLabel("详细地址").fill("堰桥街道工业园 8 号");
  await page.getByLabel("联系人", { exact: true }).fill("钱经理");
  await page.getByLabel("联系电话").fill("13912345678");

  // 1. The check character does not fit: the message is at the field, what was typed stays.
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(usccField).toHaveAccessibleDescription(/统一社会信用代码校验码不正确/);
  await expect(page.getByTestId("form-alert")).toContainText("请检查标红的栏目。");
  await expect(page).toHaveURL(/\/employers\/new$/);
  await expect(nameField).toHaveValue(name);
  await expect(usccField).toHaveValue(wrong);
  await expect(page.locator("form").getByTitle("江苏省 / 无锡市 / 惠山区")).toBeVisible();
  await expect(page.getByLabel("详细地址")).toHaveValue("堰桥街道工业园 8 号");
  await expect(page.getByLabel("联系电话")).toHaveValue("13912345678");

  // 2. The right code: saved, and the employer's page opens.
  await usccField.fill(uscc);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/employers\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(uscc, { exact: true })).toBeVisible();
  await expect(page.getByText("江苏省 / 无锡市 / 惠山区 · 堰桥街道工业园 8 号")).toBeVisible();
  const employerId = Number(new URL(page.url()).pathname.split("/").pop());

  // 3. Two open vacancies; the warehouse job states a gender and the form warns about it.
  const titles = { robot: `${tag}机电维修工`, loader: `${tag}仓库装卸工` };
  await postVacancy(page, employerId, { title: titles.robot, occupation: "6-31-01-10 机电设备维修工", skill: "工业机器人操作与运维", wage: [6000, 7500], roomAndBoard: true, openings: 3 });
  await expect(page.getByTestId("gender-flag")).toHaveCount(0);
  await postVacancy(page, employerId, { title: titles.loader, occupation: "4-02-06-01 仓储管理员", skill: "叉车司机", wage: [4800, 5600], gender: "限男性", openings: 4 });
  // The vacancy page repeats the flag for whoever opens it.
  await expect(page.getByTestId("gender-flag")).toContainText("此岗位限定性别（限男性）");
  await expect(page.getByRole("row", { name: /包吃住\s*否/ })).toBeVisible();
  await expect(page.getByText("已招 0 / 计划 4")).toBeVisible();

  // The employer lists its vacancies, both open.
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/employers/${employerId}$`));
  for (const title of Object.values(titles)) await expect(page.getByRole("row", { name: new RegExp(`^${title}\\s+普通岗位\\s+招聘中`) })).toBeVisible();

  // The vacancy list: found by the employer's name, room and board tagged, the gender flag marked.
  await page.goto("/vacancies");
  const search = page.getByRole("search", { name: "查找" });
  await search.getByLabel("查找").fill(name);
  await search.getByRole("button", { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByRole("row")).toHaveCount(3); // header + 2
  const loaderRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: titles.loader, exact: true }) });
  await expect(loaderRow.getByRole("img", { name: "岗位限定性别" })).toBeVisible();
  await expect(loaderRow).not.toContainText("包吃住");
  const robotRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: titles.robot, exact: true }) });
  await expect(robotRow).toContainText("包吃住");
  await expect(robotRow.getByRole("img", { name: "岗位限定性别" })).toHaveCount(0);
  await expect(robotRow).toContainText("0 / 3");
  await expectNoSeriousViolations(page, "vacancy list");

  // The employer list shows the code and the number of vacancies.
  await page.goto(`/employers?q=${encodeURIComponent(name)}`);
  const employerRow = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(employerRow).toContainText(uscc);
  await expect(employerRow.getByRole("cell").last()).toHaveText("2");
});

test("registering a credit code that is already registered shows the error with a link to the existing employer", async ({ page }) => {
  const uscc = creditCode("320213");
  const first = `${uniqueName().name}餐饮管理有限公司`;
  await signInAs(page, "wuxi_caseworker", "/employers/new");
  await page.getByLabel("单位名称").fill(first);
  await page.getByLabel("统一社会信用代码").fill(uscc);
  await chooseRegion(page, page.getByLabel("所在地"), ["江苏省", "无锡市", "梁溪区"]);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
  const firstUrl = page.url();

  const second = `${uniqueName().name}餐饮管理有限公司`;
  await page.goto("/employers/new");
  await page.getByLabel("单位名称").fill(second);
  // Lower case is how people copy codes off a licence: still the same code.
  await page.getByLabel("统一社会信用代码").fill(uscc.toLowerCase());
  await chooseRegion(page, page.getByLabel("所在地"), ["江苏省", "无锡市", "梁溪区"]);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  const alert = page.getByTestId("form-alert");
  await expect(alert).toContainText("该统一社会信用代码已登记");
  await expect(page.getByLabel("统一社会信用代码")).toHaveAccessibleDescription(/该统一社会信用代码已登记/);
  await expect(page.getByLabel("单位名称")).toHaveValue(second);
  await alert.getByRole("link", { name: `打开已登记的单位：${first}` }).click();
  await expect(page).toHaveURL(firstUrl);
  await expect(page.getByRole("heading", { level: 1, name: first })).toBeVisible();
});
