import { expect, loginAs, seriousA11yViolations, test } from "./fixtures";

test("a caseworker signs in and lands on their caseload, in Chinese by default", async ({ page }) => {
  await loginAs(page, "wuxi_caseworker");
  await expect(page).toHaveURL(/\/persons$/);
  await expect(page.getByRole("heading", { name: "劳动力台账" })).toBeVisible();
  await expect(page.getByRole("link", { name: "马成" })).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("a wrong password is refused with a message", async ({ page }) => {
  await page.goto("/login");
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.getByLabel("用户名").fill("suzhou_caseworker");
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await expect(page.getByTestId("login-error")).toContainText("用户名或密码不正确");
  await expect(page).toHaveURL(/\/login/);
});
