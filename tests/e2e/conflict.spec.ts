import { expect, signInAs, phoneNumber, registerPerson, signedIn, test } from "./fixtures";

test("two people edit the same profile: the second sees what changed, keeps their typing, and can save over it; the history shows both", async ({ browser, page }) => {
  const original = phoneNumber();
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  const { personId } = await registerPerson(page, { phone: original });
  const supervisor = await signedIn(browser, "wuxi_supervisor");
  const b = supervisor.page;

  // Both open the edit form.
  await page.getByRole("link", { name: "编辑档案" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /编辑档案/ })).toBeVisible();
  await b.goto(`/persons/${personId}/edit`);
  await expect(b.getByRole("heading", { level: 1, name: /编辑档案/ })).toBeVisible();

  // A (周敏) changes the phone and saves first.
  const phoneA = phoneNumber();
  await page.getByLabel("手机号").fill(phoneA);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(new RegExp(`/persons/${personId}$`));
  await expect(page.getByRole("row", { name: `手机号 ${phoneA}` })).toBeVisible();

  // B (陈科长) changes phone and notes, then saves.
  const phoneB = phoneNumber();
  const notes = "科长回访：本人希望去无锡做电子装配";
  await b.getByLabel("手机号").fill(phoneB);
  await b.getByLabel("备注").fill(notes);
  await b.getByRole("button", { name: /保\s*存/ }).click();

  const conflict = b.getByTestId("conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("这条记录已被同事修改，你的内容没有保存。");
  await expect(conflict).toContainText("周敏");
  const row = conflict.getByRole("row", { name: /手机号/ });
  await expect(row).toContainText(phoneA);
  await expect(row).toContainText(phoneB);
  await expect(conflict.getByRole("row", { name: /备注/ })).toHaveCount(0);
  await expect(b).toHaveURL(/\/edit$/);
  await expect(b.getByLabel("手机号")).toHaveValue(phoneB);
  await expect(b.getByLabel("备注")).toHaveValue(notes);

  await conflict.getByRole("button", { name: "以我的内容为准，再次保存" }).click();
  await expect(b).toHaveURL(new RegExp(`/persons/${personId}$`));
  await expect(b.getByRole("row", { name: `手机号 ${phoneB}` })).toBeVisible();
  // The notes card (the history, further down, has it too).
  await expect(b.getByText(notes, { exact: true }).first()).toBeVisible();

  const history = b.getByTestId("history").getByRole("listitem").filter({ hasText: "修改档案" });
  const byA = history.filter({ hasText: "周敏" });
  const byB = history.filter({ hasText: "陈科长" });
  await expect(byA).toHaveCount(1);
  await expect(byA).toContainText(`手机号: ${original} → ${phoneA}`);
  await expect(byB).toHaveCount(1);
  await expect(byB).toContainText(`手机号: ${phoneA} → ${phoneB}`);
  await expect(byB).toContainText(`备注: — → ${notes}`);
  await supervisor.context.close();
});
