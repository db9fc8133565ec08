// The dashboard end to end, as a Wuxi caseworker uses it: open it, change the period (a preset and
// then dates of their own, both kept in the address bar), click through a number to the people
// behind it and open one of them (the demo's 魁永得, employed in Wuxi), download the view as Excel (read back) and as PDF; no serious
// axe findings on the dashboard or the drill-down. A partner has no dashboard.
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { chooseOption, expect, seriousA11yViolations, signInAs, test } from "./fixtures";

async function expectNoSeriousViolations(page: Page, what: string) {
  await page.mouse.move(1, 1);
  expect.soft(await seriousA11yViolations(page), what).toEqual([]);
}

const statusPanel = (page: Page) => page.getByTestId("panel-status");

test("open the dashboard, change the period, click through a number to the people behind it and open one", async ({ page }) => {
  test.slow();
  await signInAs(page, "wuxi_caseworker", "/reports");
  await expect(page.getByRole("heading", { level: 1, name: "数据看板" })).toBeVisible();
  await expect(page.getByRole("link", { name: /调岗分析报表/ })).toBeVisible();
  // Each chart has a name, and its numbers are a table too.
  await expect(statusPanel(page).getByRole("img", { name: /人员就业状态/ })).toBeVisible();
  await expect(statusPanel(page).getByRole("table", { name: "人员就业状态" })).toBeVisible();
  await expect(page.getByTestId("kpi-people")).not.toHaveText("0");
  await expectNoSeriousViolations(page, "dashboard");

  // A preset: last year, in the address bar; then dates of one's own.
  await chooseOption(page, page.getByLabel("统计期间"), "去年");
  await expect(page).toHaveURL(/preset=lastYear/);
  const lastYear = new Date().getFullYear() - 1;
  await expect(page.getByTestId("dashboard-scope")).toContainText(`${lastYear}-01-01 至 ${lastYear}-12-31`);
  await page.getByLabel("开始日期").fill(`${lastYear}-06-01`);
  await page.getByLabel("开始日期").press("Enter");
  await page.getByRole("button", { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(new RegExp(`from=${lastYear}-06-01`));
  await expect(page.getByTestId("dashboard-scope")).toContainText(`${lastYear}-06-01 至 ${lastYear}-12-31`);
  await chooseOption(page, page.getByLabel("统计期间"), "今年");
  await expect(page).toHaveURL(/preset=thisYear/);

  // The people employed: the number in the status table opens them, 魁永得 among them.
  const row = statusPanel(page).getByRole("row", { name: /^已就业/ });
  const count = Number((await row.getByRole("link").innerText()).replace(/\D/g, ""));
  expect(count).toBeGreaterThan(0);
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/reports\/people\?.*panel=status&key=EMPLOYED/);
  await expect(page.getByRole("heading", { level: 1, name: "就业状态 · 已就业" })).toBeVisible();
  await expect(page.getByTestId("drill-total")).toHaveText(`共 ${count} 人`);
  await expectNoSeriousViolations(page, "drill-down");
  // Pages are by id; other specs add people to Wuxi too: page on until he shows.
  const kui = page.getByTestId("drill-rows").getByRole("link", { name: "魁永得", exact: true }).first();
  for (let i = 0; i < 30 && !(await kui.isVisible()); i++) {
    await page.getByRole("link", { name: "下一页" }).click();
    await expect(page.getByRole("link", { name: "第一页" })).toBeVisible();
  }
  await kui.click();
  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: "魁永得" })).toBeVisible();
});

test("download the view as Excel (read back) and as PDF", async ({ page }) => {
  await signInAs(page, "wuxi_caseworker", "/reports?preset=thisYear");
  const people = (await page.getByTestId("kpi-people").innerText()).replace(/\D/g, "");

  const xlsx = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 Excel" }).click();
  const file = await xlsx;
  expect(file.suggestedFilename()).toMatch(/^数据看板-\d{4}-01-01-\d{4}-12-31\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await file.path());
  const sheet = book.worksheets[0]!;
  expect(sheet.getCell("A1").value).toBe("数据看板");
  const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
  expect(String(rows.find((r) => r[1] === "在册人员")?.[2])).toBe(people);

  const pdf = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 PDF" }).click();
  const pdfFile = await pdf;
  expect(pdfFile.suggestedFilename()).toMatch(/\.pdf$/);
  const stream = await pdfFile.createReadStream();
  const head = await new Promise<string>((resolve) => stream.once("data", (chunk: Buffer | string) => resolve(Buffer.from(chunk).subarray(0, 5).toString("latin1"))));
  expect(head).toBe("%PDF-");
});

test("a partner office has no dashboard", async ({ page }) => {
  await signInAs(page, "yinjiang_partner");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { level: 1, name: "数据看板" })).toHaveCount(0);
  await page.goto("/reports/people?panel=people&key=all");
  await expect(page.getByRole("heading", { level: 1, name: /在册人员/ })).toHaveCount(0);
});
