import { chooseOption, expect, signInAs, registerPerson, test } from "./fixtures";

test("the full ID number stays masked until 查看完整号码, and looking is recorded in the history", async ({ page }) => {
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  const { id } = await registerPerson(page);
  const shown = page.getByTestId("national-id");
  await expect(shown).toHaveText(`${id.slice(0, 6)}********${id.slice(-4)}`);
  await expect(page.getByText(id)).toHaveCount(0);
  await expect(page.getByTestId("history")).not.toContainText("查看完整身份证号");

  await page.getByRole("button", { name: "查看完整号码" }).click();
  await expect(shown).toHaveText(id);
  await expect(page.getByRole("button", { name: "查看完整号码" })).toHaveCount(0);

  await page.reload();
  await expect(shown).toHaveText(`${id.slice(0, 6)}********${id.slice(-4)}`);
  const reveal = page.getByTestId("history").getByRole("listitem").filter({ hasText: "查看完整身份证号" });
  await expect(reveal).toHaveCount(1);
  await expect(reveal).toContainText("周敏");
});

test("the profile shows the track and why; an override needs a note and then shows it", async ({ page }) => {
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  await registerPerson(page);
  const card = page.locator(".ant-card").filter({ has: page.getByText("帮扶路径（因人施策）") });
  // Registered without skills: train first.
  await expect(card.getByText("先培训后就业")).toBeVisible();
  await expect(page.getByTestId("track-reason")).toHaveText("尚无技能，先培训或推荐岗前培训的岗位");

  await page.getByRole("button", { name: "调整帮扶路径" }).click();
  const dialog = page.getByRole("dialog", { name: "调整帮扶路径" });
  await chooseOption(page, dialog.getByLabel("帮扶路径"), "转移就业");
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect(dialog.getByLabel("调整理由")).toHaveAccessibleDescription(/调整帮扶路径需填写理由/);
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("track-reason")).toHaveText("尚无技能，先培训或推荐岗前培训的岗位");

  const note = "已有苏州企业驻村招聘录用，岗前培训由企业负责";
  await dialog.getByLabel("调整理由").fill(note);
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("track-reason")).toHaveText(`专员调整：${note}`);
  await expect(card.getByText("转移就业", { exact: true })).toBeVisible();
  await expect(card).toContainText("系统判定为“先培训后就业”：尚无技能，先培训或推荐岗前培训的岗位");
  const history = page.getByTestId("history").getByRole("listitem").filter({ hasText: "调整帮扶路径" });
  await expect(history.first()).toContainText(note);
});

test("changing the household's poverty status shows on the tag and in the status history", async ({ page }) => {
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  await registerPerson(page);
  await expect(page.getByTestId("poverty-status")).toHaveText("一般农户");

  await page.getByRole("button", { name: "变更帮扶对象类别" }).click();
  const dialog = page.getByRole("dialog", { name: "变更帮扶对象类别" });
  await chooseOption(page, dialog.getByLabel("帮扶对象类别"), "边缘易致贫户");
  const note = "家中老人重病，支出骤增";
  await dialog.getByLabel("说明").fill(note);
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId("poverty-status")).toHaveText("边缘易致贫户");
  const statusHistory = page.getByRole("heading", { name: "类别变更记录" });
  await expect(statusHistory).toBeVisible();
  // The new status with its note and who set it, and the one it replaced (set at registration).
  await expect(page.getByText(new RegExp(`^\\d{4}/\\d{2}/\\d{2} · 边缘易致贫户 · ${note} · 周敏$`))).toBeVisible();
  await expect(page.getByText(/^\d{4}\/\d{2}\/\d{2} · 一般农户 · 周敏$/)).toBeVisible();
  const history = page.getByTestId("history").getByRole("listitem").filter({ hasText: "变更帮扶对象类别" });
  await expect(history.first()).toContainText("一般农户 → 边缘易致贫户");
});
