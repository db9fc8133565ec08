import { expect, signInAs, registerPerson, seriousA11yViolations, test } from "./fixtures";
import type { Page } from "@playwright/test";

async function expectNoSeriousViolations(page: Page, what: string) {
  expect(await seriousA11yViolations(page), what).toEqual([]);
}

test("login, the caseload, a profile and the edit form have no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await expectNoSeriousViolations(page, "login");

  await signInAs(page, "wuxi_caseworker");
  await expect(page.getByRole("heading", { level: 1, name: "劳动力台账" })).toBeVisible();
  await expectNoSeriousViolations(page, "list");

  await page.getByRole("link", { name: "马成", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "马成" })).toBeVisible();
  await expect(page.getByTestId("history")).toBeVisible();
  await expectNoSeriousViolations(page, "profile");

  await page.getByRole("link", { name: "编辑档案" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "编辑档案：马成" })).toBeVisible();
  // The ID number cannot change: shown masked, disabled, and still labelled.
  const maskedId = page.getByRole("textbox", { name: "身份证号" });
  await expect(maskedId).toHaveValue(/^630225\*{8}031[\dX]$/);
  await expect(maskedId).toBeDisabled();
  await expectNoSeriousViolations(page, "edit form");
});

test("the new-person form (empty and with errors), a train-first profile, the account page and not-found have no serious or critical accessibility violations", async ({ page }) => {
  // Six pages, each with an axe pass (a few seconds apiece on a loaded two-core machine).
  test.slow();
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  // Someone without skills: the "train first" track, whose tag is gold, on the profile and in the list.
  const { name } = await registerPerson(page);
  await expectNoSeriousViolations(page, "profile, train-first track");
  await page.goto("/persons");
  await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, "list with a train-first person");

  await page.goto("/persons/new");
  await expect(page.getByRole("heading", { level: 1, name: "登记劳动力" })).toBeVisible();
  // With a skill row and a household member row open, as they are when filled in.
  await page.getByRole("button", { name: "添加技能" }).click();
  await page.getByRole("button", { name: "添加家庭成员" }).click();
  await expectNoSeriousViolations(page, "new-person form");
  // And with its error messages showing.
  await page.getByRole("button", { name: /登\s*记/ }).click();
  await expect(page.getByTestId("form-alert")).toContainText("请检查标红的栏目。");
  await expectNoSeriousViolations(page, "new-person form with errors");

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "我的账户" })).toBeVisible();
  await expectNoSeriousViolations(page, "account");

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();
  await expectNoSeriousViolations(page, "not found");
});

test("the administrator's user management has no serious or critical accessibility violations", async ({ page }) => {
  // Every user the integration tests made is listed here (they share the database): a long page for axe.
  test.slow();
  await signInAs(page, "admin", "/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "wuxi_caseworker", exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, "admin users");

  await page.getByRole("button", { name: "新建用户" }).click();
  await expect(page.getByRole("dialog", { name: "新建用户" })).toBeVisible();
  await expectNoSeriousViolations(page, "new user dialog");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the menu opens from the menu button, and the caseload and a profile work", async ({ page }) => {
    await signInAs(page, "wuxi_caseworker");
    await expect(page.getByRole("heading", { level: 1, name: "劳动力台账" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav).toBeHidden();

    await page.getByRole("button", { name: "打开菜单" }).click();
    const drawer = page.getByRole("dialog", { name: "就业帮扶" });
    await expect(drawer).toBeVisible();
    await expect(nav.getByRole("link", { name: "登记劳动力" })).toBeVisible();
    await expect(drawer.getByRole("button", { name: "退出登录" })).toBeVisible();
    await expectNoSeriousViolations(page, "phone menu");
    await nav.getByRole("link", { name: "劳动力台账" }).click();
    await expect(drawer).toBeHidden();
    await expectNoSeriousViolations(page, "phone list");

    await page.getByRole("link", { name: "马成", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "马成" })).toBeVisible();
    await expect(page.getByTestId("household-size")).toBeVisible();
    await expectNoSeriousViolations(page, "phone profile");
    // Nothing wider than the screen but the tables, which scroll on their own.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
