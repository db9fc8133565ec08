import { expect, signInAs, signedIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

/** The profile URL of a person as a user who may see them finds it in their list. */
async function profileHref(page: Page, name: string) {
  await page.goto(`/persons?q=${encodeURIComponent(name)}`);
  const link = page.getByRole("link", { name, exact: true });
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}

test("a Suzhou caseworker cannot open or find a Wuxi person", async ({ browser, page }) => {
  const wuxi = await signedIn(browser, "wuxi_caseworker");
  const maCheng = await profileHref(wuxi.page, "马成");
  await wuxi.context.close();

  await signInAs(page, "suzhou_caseworker", maCheng);
  await expect(page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();
  await expect(page.getByText("马成")).toHaveCount(0);
  // The edit form is just as closed.
  await page.goto(`${maCheng}/edit`);
  await expect(page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();

  await page.goto("/persons");
  const form = page.getByRole("search", { name: "查找劳动力" });
  await form.getByLabel("查找").fill("马成");
  await form.getByRole("button", { name: /查\s*询/ }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByText("没有符合条件的劳动力")).toBeVisible();
  await expect(page.getByTestId("person-total")).toHaveText("共 0 人");
  await expect(page.getByRole("link", { name: "马成" })).toHaveCount(0);
});

test("a partner office sees the people from its county, read-only, and nobody else", async ({ page }) => {
  await signInAs(page, "yinjiang_partner");
  await expect(page.getByRole("heading", { level: 1, name: "劳动力台账" })).toBeVisible();
  await expect(page.getByRole("link", { name: "登记劳动力" })).toHaveCount(0);
  // Other tests register people from Yinjiang too, so 代江敏 need not be on the first page: search.
  await page.goto("/persons?q=%E4%BB%A3%E6%B1%9F%E6%95%8F"); // 代江敏
  await expect(page.getByRole("link", { name: "代江敏", exact: true })).toBeVisible();

  await page.goto("/persons?q=%E9%A9%AC%E6%88%90"); // 马成
  await expect(page.getByText("没有符合条件的劳动力")).toBeVisible();

  await page.goto("/persons?q=%E4%BB%A3%E6%B1%9F%E6%95%8F");
  await page.getByRole("link", { name: "代江敏", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "代江敏" })).toBeVisible();
  await expect(page.getByTestId("household-size")).toContainText("7");
  await expect(page.getByRole("link", { name: "编辑档案" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "编辑档案" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "查看完整号码" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "调整帮扶路径" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "变更帮扶对象类别" })).toHaveCount(0);

  await page.goto("/persons/new");
  await expect(page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();
});

test("only administrators can open user management: a caseworker gets not-found", async ({ page }) => {
  await signInAs(page, "wuxi_caseworker");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "用户管理" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "找不到页面" })).toBeVisible();
  await expect(page.getByRole("button", { name: "新建用户" })).toHaveCount(0);
});
