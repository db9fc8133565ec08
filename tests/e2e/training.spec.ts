// Training end to end, as the Wuxi bureau works it: a caseworker creates a programme that certifies
// a skill and a cohort with a living allowance, starts it, enrols a new job seeker found by name,
// keeps the day's register, and completes them with a certificate; their suggestions then hold a
// vacancy that only takes certified people, which they did not before. The supervisor pays the
// month and sees it in the ledger; paying it again says it was already paid, and by whom. Axe
// checks every training page. Everything is made here, uniquely named, and looked up, not counted.
import type { Page } from "@playwright/test";
import { centred, chooseOption, chooseRegion, expect as baseExpect, registerEmployer, registerJobSeeker, seriousA11yViolations, signedIn, signInAs, test, uniqueName, WUXI_HUISHAN } from "./fixtures";

// Saves on this shared machine can take over ten seconds under load: wait up to 30 s for what a
// user would see.
const expect = baseExpect.configure({ timeout: 30_000 });

/** Soft, so one run lists every page's findings; the pointer rests off the last control clicked. */
async function expectNoSeriousViolations(page: Page, what: string) {
  await page.mouse.move(1, 1);
  expect.soft(await seriousA11yViolations(page), what).toEqual([]);
}

const SKILL = "低压电工作业";
const OCCUPATION = "6-31-01-03 电工";

/** A date in China (UTC+8), `offset` days from today, as the date pickers take it. */
function chinaDay(offset = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

async function pickDate(page: Page, field: ReturnType<Page["getByLabel"]>, value: string) {
  await field.click();
  await field.fill(value);
  await field.press("Enter");
  await expect(field).toHaveValue(value);
}

const suggestionTitles = async (page: Page, personId: number) => {
  await page.goto(`/persons/${personId}/suggestions`);
  const list = page.getByRole("region", { name: "推荐岗位列表" });
  await expect(list).toBeVisible();
  return list;
};

test("a programme and cohort are created, a person enrolled, registered, completed with a certificate, and a certificate-only vacancy enters their suggestions; the supervisor pays the month once", async ({ page, browser }) => {
  // A long story through seven pages on a shared, loaded machine: well beyond test.slow()'s 3 minutes.
  test.setTimeout(10 * 60_000);
  const tag = uniqueName().name;
  await signInAs(page, "wuxi_caseworker", "/training");
  await expect(page.getByRole("heading", { level: 1, name: "培训" })).toBeVisible();
  await expectNoSeriousViolations(page, "programme list");

  // A vacancy that only takes people certified in the skill the course will add.
  const employer = await registerEmployer(page, { name: `${tag}电气安装有限公司` });
  await page.goto(`/vacancies/new?employer=${employer.employerId}`);
  const vacancyTitle = `${tag}持证低压电工`;
  await page.getByLabel("岗位名称").fill(vacancyTitle);
  await chooseOption(page, await centred(page.getByLabel("职业（2022 职业分类大典）")), OCCUPATION, { search: OCCUPATION.split(" ")[0] });
  await page.getByLabel("招聘人数").fill("3");
  await page.getByLabel("月薪下限").fill("9000");
  await page.getByLabel("月薪上限").fill("11000");
  await chooseRegion(page, page.getByLabel("工作地点"), WUXI_HUISHAN);
  await page.getByRole("checkbox", { name: "包吃住" }).check();
  await page.getByRole("button", { name: "添加技能要求" }).click();
  await chooseOption(page, await centred(page.getByLabel("技能 1", { exact: true })), SKILL, { search: SKILL.slice(0, 4) });
  await chooseOption(page, await centred(page.getByLabel("技能 1 要求")), "必须持证");
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: vacancyTitle })).toBeVisible();

  // A job seeker without the skill: the vacancy is not among their suggestions.
  const person = await registerJobSeeker(page, { skill: "电子商务 / E-commerce" });
  await expect(page.getByRole("heading", { level: 2, name: "培训" })).toBeVisible();
  await expect(page.getByText("还没有参加培训")).toBeVisible();
  let list = await suggestionTitles(page, person.personId);
  await expect(list.getByRole("link", { name: vacancyTitle, exact: true })).toHaveCount(0);

  // The programme: kind, provider, where, dates, the certified skill it adds.
  await page.goto("/training/new");
  await expect(page.getByRole("heading", { level: 1, name: "新建培训项目" })).toBeVisible();
  const programmeTitle = `${tag}低压电工培训`;
  // Dates first: Enter in a date field submits the form, which must not pass yet.
  await pickDate(page, page.getByLabel("开始日期"), chinaDay(-20));
  await pickDate(page, page.getByLabel("结束日期"), chinaDay(60));
  await page.getByLabel("项目名称").fill(programmeTitle);
  await chooseOption(page, page.getByLabel("培训类别"), "水电技能");
  await page.getByLabel("培训机构名称").fill("无锡市职业技能培训中心");
  await chooseRegion(page, page.getByLabel("培训地点"), WUXI_HUISHAN);
  await page.getByRole("button", { name: "添加技能" }).click();
  await chooseOption(page, await centred(page.getByLabel("技能 1", { exact: true })), SKILL, { search: SKILL.slice(0, 4) });
  await chooseOption(page, await centred(page.getByLabel("技能 1 级别")), "持证");
  await expectNoSeriousViolations(page, "programme form");
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/training\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: programmeTitle })).toBeVisible();

  // A cohort with an 800 yuan monthly allowance and free tuition.
  await page.getByRole("button", { name: "新建班次" }).click();
  const dialog = page.getByRole("dialog", { name: "新建班次" });
  await pickDate(page, dialog.getByLabel("开始日期"), chinaDay(-10));
  await pickDate(page, dialog.getByLabel("结束日期"), chinaDay(30));
  await dialog.getByLabel("班次名称").fill("第一期");
  await dialog.getByLabel("生活补助").fill("800");
  await dialog.getByRole("checkbox", { name: "免学费" }).check();
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/training\/cohorts\/\d+$/);
  const cohortUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: "第一期" })).toBeVisible();
  await page.getByRole("button", { name: /开\s*班/ }).click();
  await page.getByRole("button", { name: /确\s*定/ }).click();
  await expect(page.getByTestId("cohort-status")).toHaveText("开班中");

  // Enrol the person found by name.
  await page.getByRole("textbox", { name: "查找要报名的人员" }).fill(person.name);
  await page.getByRole("button", { name: /查\s*找/ }).click();
  await page.getByRole("button", { name: `为 ${person.name} 报名` }).click();
  const roster = page.getByTestId("roster");
  await expect(roster.getByRole("row").filter({ hasText: person.name })).toContainText("在读");

  // Today's register: present.
  await page.getByRole("radiogroup", { name: `${person.name} 的出勤情况` }).getByText("出勤", { exact: true }).click();
  await page.getByRole("button", { name: "保存当天考勤" }).click();
  await expect(roster.getByRole("row").filter({ hasText: person.name }).getByTestId("attendance-rate")).toContainText("100%");
  await expectNoSeriousViolations(page, "cohort page");
  // A caseworker does not pay allowances.
  await expect(page.getByRole("button", { name: /发放 .* 生活补助/ })).toHaveCount(0);

  // Complete with a certificate and its number.
  await page.getByRole("checkbox", { name: `选择 ${person.name}` }).check();
  await page.getByRole("button", { name: "为选中的 1 人登记结业" }).click();
  const complete = page.getByRole("dialog", { name: "登记结业（1 人）" });
  await complete.getByLabel("证书名称").fill("低压电工作业证");
  await complete.getByLabel(`${person.name} 的证书编号`).fill(`T${tag}-001`);
  await complete.getByRole("button", { name: "登记结业" }).click();
  await expect(complete).toBeHidden();
  await expect(roster.getByRole("row").filter({ hasText: person.name })).toContainText("已结业");
  await expect(roster.getByRole("row").filter({ hasText: person.name })).toContainText(`低压电工作业证 · T${tag}-001`);

  // The person's page tells the course; the vacancy that needs the certificate is suggested now.
  await page.goto(`/persons/${person.personId}`);
  const card = page.getByTestId("person-enrolment").filter({ hasText: programmeTitle });
  await expect(card).toContainText("已结业");
  await expect(card).toContainText("低压电工作业证");
  await expectNoSeriousViolations(page, "person page with training");
  list = await suggestionTitles(page, person.personId);
  await expect(list.getByRole("link", { name: vacancyTitle, exact: true })).toBeVisible();

  // The programme page counts what it led to.
  await page.goto("/training");
  await page.getByLabel("搜索").fill(programmeTitle);
  await page.getByRole("button", { name: /筛\s*选/ }).click();
  await page.getByRole("link", { name: programmeTitle }).click();
  await expect(page.getByTestId("programme-outcomes")).toContainText("结业人数1");
  await expectNoSeriousViolations(page, "programme page");

  // The supervisor pays this month; the ledger shows it; a second payment is refused per person.
  const desk = await signedIn(browser, "wuxi_supervisor");
  await desk.page.goto(cohortUrl);
  const pay = desk.page.getByRole("button", { name: /发放 \d{4}-\d{2} 生活补助（1 人）/ });
  await pay.click();
  await expect(desk.page.getByTestId("pay-outcome")).toContainText("本次发放 1 人，共 ¥800");
  await expect(desk.page.getByTestId("ledger").getByRole("row").filter({ hasText: person.name })).toContainText("¥800");
  await expect(desk.page.getByTestId("due").getByRole("row").filter({ hasText: person.name })).toContainText("由 陈科长 发放");
  await pay.click();
  await expect(desk.page.getByTestId("pay-outcome")).toContainText(`${person.name}：该月已于 ${chinaDay()} 由 陈科长 发放，未重复发放`);
  await expect(desk.page.getByTestId("ledger").getByRole("row").filter({ hasText: person.name })).toHaveCount(1);
  await expectNoSeriousViolations(desk.page, "ledger");
  await desk.context.close();
});

test("the demo's Tongren class: 31 trainees, ten months paid, everyone certified; another office's caseworker sees none of its people", async ({ page, browser }) => {
  await signInAs(page, "suzhou_caseworker", "/training?kind=VOCATIONAL_CLASS");
  await page.getByRole("link", { name: "铜仁班 · 电气自动化设备安装与维修" }).click();
  await expect(page.getByTestId("programme-outcomes")).toContainText("参训人数31");
  await page.getByRole("link", { name: "2019级铜仁班" }).click();
  await expect(page.getByTestId("roster").getByRole("row").filter({ hasText: "卢胜洋" })).toContainText("已结业");
  await expect(page.getByTestId("ledger-total")).toHaveText("¥248,000");

  const other = await signedIn(browser, "wuxi_caseworker");
  await other.page.goto(new URL(page.url()).pathname);
  await expect(other.page.getByRole("heading", { level: 1, name: "2019级铜仁班" })).toBeVisible();
  await expect(other.page.getByTestId("roster").getByRole("row").filter({ hasText: "卢胜洋" })).toHaveCount(0);
  await expect(other.page.getByText("还没有发放记录")).toBeVisible();
  await other.context.close();
});
