import { chooseOption, expect, signInAs, registerPerson, test, uniqueName } from "./fixtures";
import type { Page } from "@playwright/test";

async function search(page: Page, q: string) {
  const form = page.getByRole("search", { name: "查找劳动力" });
  await form.getByLabel("查找").fill(q);
  await form.getByRole("button", { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q)}`));
}

test("the search box finds a new person by one and two characters of the name, by pinyin initials and by the last four of the ID; the track filter narrows the list", async ({ page }) => {
  const { name, initials } = uniqueName();
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  const person = await registerPerson(page, { name });
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "劳动力台账" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "劳动力台账" })).toBeVisible();

  const row = page.getByRole("link", { name, exact: true });
  const maCheng = page.getByRole("link", { name: "马成", exact: true });
  await expect(maCheng).toBeVisible();

  for (const q of [name.slice(2, 3), name.slice(1, 3), initials, person.id.slice(-4)]) {
    await search(page, q);
    await expect(row, `searching "${q}"`).toBeVisible();
    await expect(maCheng, `searching "${q}"`).toHaveCount(0);
  }

  // The whole name: just them.
  await search(page, name);
  await expect(page.getByTestId("person-total")).toHaveText("共 1 人");

  // No skills yet: the system puts them on "train first"; the transfer track does not list them.
  const form = page.getByRole("search", { name: "查找劳动力" });
  await chooseOption(page, form.getByLabel("帮扶路径"), "先培训后就业");
  await form.getByRole("button", { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(/track=TRAIN_THEN_PLACE/);
  await expect(row).toBeVisible();
  await chooseOption(page, form.getByLabel("帮扶路径"), "转移就业");
  await form.getByRole("button", { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(/track=TRANSFER/);
  await expect(page.getByText("没有符合条件的劳动力")).toBeVisible();
  await expect(page.getByTestId("person-total")).toHaveText("共 0 人");
  await expect(row).toHaveCount(0);

  // Reset brings the whole caseload back.
  await form.getByRole("button", { name: /重\s*置/ }).click();
  await expect(page).toHaveURL(/\/persons$/);
  await expect(maCheng).toBeVisible();
  await expect(row).toBeVisible();
});
