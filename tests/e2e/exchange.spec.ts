import { chooseOption, expect, nationalId, query, seriousA11yViolations, signInAs, test, uniqueName } from "./fixtures";
import type { Page } from "@playwright/test";
// Data exchange as a Suzhou caseworker does it with Yinjiang county: a partner's list uploaded,
// checked in the background with a progress bar, previewed with its errors row by row, fixed,
// re-uploaded with a change to show the diff, confirmed, and found in the exchange log; then an
// export for Yinjiang downloaded and read back.

const YINJIANG = "铜仁市印江县人力资源和社会保障局";
const HEADERS = ["姓名", "身份证号", "手机号", "户籍地区划代码", "文化程度", "家庭帮扶类型", "备注"];

function csv(rows: string[][]): Buffer {
  return Buffer.from(`\uFEFF${[HEADERS, ...rows].map((r) => r.join(",")).join("\r\n")}\r\n`, "utf8");
}

async function upload(page: Page, fileName: string, content: Buffer, checkPage = false) {
  await page.goto("/exchange/import");
  await expect(page.getByRole("heading", { level: 1, name: "导入名单" })).toBeVisible();
  await chooseOption(page, page.getByLabel("名单来自"), YINJIANG, { search: "印江" });
  await page.locator("input[type=file]").setInputFiles({ name: fileName, mimeType: "text/csv", buffer: content });
  await expect(page.getByText(`已选择：${fileName}`)).toBeVisible();
  if (checkPage) await a11y(page, "import page, file chosen");
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page).toHaveURL(/\/exchange\/imports\/\d+/);
  await expect(page.getByRole("heading", { level: 1, name: `导入：${fileName}` })).toBeVisible();
  // The check runs in the background; the page polls and shows the preview when it is done.
  await expect(page.getByText("新增", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
}

/** Every exchange page gets an axe pass: no serious or critical violations. */
const a11y = async (page: Page, what: string) => expect.soft(await seriousA11yViolations(page), what).toEqual([]);

const statistic = (page: Page, title: string) => page.locator(".ant-statistic").filter({ has: page.getByText(title, { exact: true }) }).locator(".ant-statistic-content-value");

test("a partner's list: preview with row errors, fix, diff, confirm, and the exchange log", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "suzhou_caseworker", "/exchange");
  await expect(page.getByRole("heading", { level: 1, name: "数据交换" })).toBeVisible();
  await a11y(page, "exchange page");

  const first = { name: uniqueName().name, id: nationalId({ region: "520625" }).id };
  const second = { name: uniqueName().name, id: nationalId({ region: "520625" }).id };
  const stamp = Date.now().toString(36);

  // 1. A list with a bad phone number: the row says what is wrong; nothing can be confirmed.
  await upload(page, `印江名单-${stamp}-1.csv`, csv([
    [first.name, first.id, "13912345678", "520625", "初中", "建档立卡贫困户", "=HYPERLINK(\"x\")"],
    [second.name, second.id, "12345", "520625", "博士后", "", ""],
  ]), true);
  await expect(statistic(page, "新增")).toHaveText("1");
  await expect(statistic(page, "有错误")).toHaveText("1");
  await expect(page.getByTestId("import-errors-hint")).toBeVisible();
  const badRow = page.getByRole("row").filter({ hasText: second.name });
  await expect(badRow.getByText("手机号应为 11 位数字", { exact: false })).toBeVisible();
  await expect(badRow.getByText("“博士后”不是这一列的可选值", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();
  await a11y(page, "preview with row errors");
  await page.getByRole("button", { name: /放\s*弃/ }).click();
  await page.locator(".ant-popover:visible").getByRole("button", { name: /放\s*弃/ }).click();
  await expect(page).toHaveURL(/\/exchange$/);

  // 2. Fixed: both new; confirm writes them in one go.
  const fixedName = `印江名单-${stamp}-2.csv`;
  await upload(page, fixedName, csv([
    [first.name, first.id, "13912345678", "520625", "初中", "建档立卡贫困户", "=HYPERLINK(\"x\")"],
    [second.name, second.id, "13912345679", "520625", "高中", "", ""],
  ]));
  await expect(statistic(page, "新增")).toHaveText("2");
  await expect(statistic(page, "有错误")).toHaveText("0");
  await page.getByRole("button", { name: "确认导入" }).click();
  await page.locator(".ant-popover:visible").getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByTestId("import-committed")).toContainText("已导入：新增 2 人", { timeout: 30_000 });
  const fixedBatch = page.url();

  // 3. The partner sends the second person's new phone number: a field-by-field diff.
  await upload(page, `印江名单-${stamp}-3.csv`, csv([[second.name, second.id, "13800000001", "520625", "高中", "", ""]]));
  await expect(statistic(page, "更新")).toHaveText("1");
  const changed = page.getByRole("row").filter({ hasText: second.name });
  await expect(changed).toContainText("手机号：13912345679 → 13800000001");
  await a11y(page, "preview with a diff");
  await page.getByRole("button", { name: "确认导入" }).click();
  await page.locator(".ant-popover:visible").getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByTestId("import-committed")).toContainText("更新 1 人", { timeout: 30_000 });

  // The people are in the caseload with what the files said.
  await page.goto(`/persons?q=${encodeURIComponent(second.name)}`);
  await expect(page.getByRole("link", { name: second.name, exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: second.name })).toContainText("13800000001");

  // A colleague changes the first person after that exchange; the partner's next list differs
  // from what we hold: a conflict. Kept as ours, the import changes nothing and says so.
  await query("UPDATE persons SET phone = '13700000009', version = version + 1, updated_at = now() WHERE id_hash = (SELECT id_hash FROM import_rows WHERE name = $1 AND id_hash IS NOT NULL LIMIT 1)", [first.name]);
  await upload(page, `印江名单-${stamp}-4.csv`, csv([[first.name, first.id, "13800000002", "520625", "初中", "建档立卡贫困户", ""]]));
  await expect(statistic(page, "有冲突")).toHaveText("1");
  const conflicting = page.getByRole("row").filter({ hasText: first.name });
  await expect(conflicting).toContainText("手机号：13700000009 → 13800000002");
  // The decision is saved, then the row shows it: a click, and the radio is checked once it is back.
  await conflicting.getByRole("radio", { name: "保留我方" }).click();
  await expect(conflicting.getByRole("radio", { name: "保留我方" })).toBeChecked();
  await expect(page.getByRole("button", { name: "确认导入" })).toBeEnabled();
  await page.getByRole("button", { name: "确认导入" }).click();
  await page.locator(".ant-popover:visible").getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByTestId("import-committed")).toContainText("更新 0 人，1 人无变化", { timeout: 30_000 });
  await expect(statistic(page, "更新")).toHaveText("0");
  await expect(conflicting.getByText("保留我方", { exact: true })).toBeVisible();
  await expect(conflicting.getByText("无变化", { exact: true })).toBeVisible();
  const [kept] = await query<{ phone: string }>("SELECT phone FROM persons WHERE id_hash = (SELECT id_hash FROM import_rows WHERE name = $1 AND id_hash IS NOT NULL LIMIT 1)", [first.name]);
  expect(kept!.phone).toBe("13700000009");

  // 4. The exchange log shows what was received, when and by whom.
  await page.goto("/exchange");
  const logged = page.getByRole("row").filter({ hasText: fixedName }).filter({ hasText: "收到" });
  await expect(logged).toBeVisible();
  await expect(logged).toContainText("苏州");

  // 5. Half a year on, the retention rule has deleted the file's rows (the rule itself is an
  //    integration test): the batch page says so, and keeps its counts.
  const batchId = Number(new URL(fixedBatch).pathname.split("/").pop());
  await query("DELETE FROM import_rows WHERE batch_id = $1", [batchId]);
  await query("UPDATE import_batches SET committed_at = now() - interval '181 days', rows_purged_at = now() WHERE id = $1", [batchId]);
  await page.goto(fixedBatch);
  await expect(page.getByTestId("import-rows-purged")).toContainText("逐行记录已按保留规则（导入后保留 180 天）");
  await expect(page.getByTestId("import-committed")).toContainText("已导入：新增 2 人");
});

test("an export for Yinjiang downloads the template with the caseworker's people, formulas neutralised, and is logged", async ({ page }) => {
  test.setTimeout(120_000);
  const person = { name: uniqueName().name, id: nationalId({ region: "520625" }).id };
  await signInAs(page, "suzhou_caseworker", "/exchange");
  await upload(page, `导出前-${Date.now().toString(36)}.csv`, csv([[person.name, person.id, "13912345670", "520625", "", "", "@SUM(1)"]]));
  await page.getByRole("button", { name: "确认导入" }).click();
  await page.locator(".ant-popover:visible").getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByTestId("import-committed")).toBeVisible({ timeout: 30_000 });

  await page.goto("/exchange/export");
  await expect(page.getByRole("heading", { level: 1, name: "导出名单" })).toBeVisible();
  await a11y(page, "export page");
  await chooseOption(page, page.getByLabel("发给"), YINJIANG, { search: "印江" });
  await page.getByRole("radio", { name: "CSV (UTF-8)" }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^jobbridge-YJ-HRSS-520625-\d{8}\.csv$/);
  await expect(page.getByTestId("export-done")).toContainText("已导出");
  const text = (await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  })).toString("utf8");
  expect(text.startsWith("\uFEFF姓名,身份证号,手机号")).toBe(true);
  const line = text.split("\r\n").find((l) => l.includes(person.id))!;
  expect(line).toContain(person.name);
  expect(line).toContain("'@SUM(1)");
  // Only people from Yinjiang: no one from Liuba or Haidong.
  for (const l of text.split("\r\n").slice(1).filter(Boolean)) expect(l.split(",")[6]).toMatch(/^520625/);

  await page.goto("/exchange");
  await expect(page.getByRole("row").filter({ hasText: download.suggestedFilename() }).filter({ hasText: "发出" })).toBeVisible();
});
