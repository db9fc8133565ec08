import { decode, encode } from "next-auth/jwt";
import { TEST_SECRETS } from "../../scripts/lib/test-env";
import { createUserViaAdmin, expect, loginAs, signInAs, signOut, OFFICES, signedIn, test } from "./fixtures";

// Every test here makes a user through the admin page and signs in through the real form, two or
// three times (each a memory-hard password check), and they run first, while the server warms up.
test.beforeEach(() => test.slow());

test("an administrator creates a user who can then sign in; deactivating them ends their session", async ({ browser, page }) => {
  await signInAs(page, "admin", "/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toBeVisible();
  const user = await createUserViaAdmin(page, { role: "就业服务专员", office: OFFICES.suzhou });
  const row = page.getByRole("row", { name: new RegExp(user.username) });
  await expect(row).toContainText("就业服务专员");
  await expect(row).toContainText("苏州市人力资源和社会保障局");
  await expect(row).toContainText("从未登录");

  const other = await signedIn(browser, user.username, user.password);
  await expect(other.page.getByRole("heading", { level: 1, name: "劳动力台账" })).toBeVisible();
  await expect(other.page.getByText(user.displayName)).toBeVisible();
  // Their office's caseload: Suzhou's people.
  await expect(other.page.getByRole("link", { name: "代江敏", exact: true })).toBeVisible();

  await page.getByRole("button", { name: `编辑 ${user.username}` }).click();
  const dialog = page.getByRole("dialog", { name: `编辑: ${user.username}` });
  await dialog.getByRole("switch", { name: "在用" }).click();
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText("否", { exact: true })).toBeVisible();

  await other.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "劳动力台账" }).click();
  await expect(other.page).toHaveURL(/\/login/);
  await expect(other.page.getByRole("button", { name: /登\s*录/ })).toBeVisible();
  await other.context.close();
});

test("the interface language switches to English, is remembered for the user at the next sign-in, and switches back", async ({ browser, page }) => {
  await signInAs(page, "admin", "/admin/users");
  const user = await createUserViaAdmin(page);

  const first = await signedIn(browser, user.username, user.password);
  await expect(first.page.getByRole("heading", { level: 1, name: "劳动力台账" })).toBeVisible();
  await first.page.getByRole("radiogroup", { name: "界面语言" }).getByText("English", { exact: true }).click();
  await expect(first.page.getByRole("heading", { level: 1, name: "Caseload" })).toBeVisible();
  await expect(first.page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Register", exact: true })).toBeVisible();
  await expect(first.page.getByRole("search", { name: "Find labourers" })).toBeVisible();
  await expect(first.page.locator("html")).toHaveAttribute("lang", "en");
  await signOut(first.page, user.displayName, "Sign out");
  await expect(first.page).toHaveURL(/\/login/);
  await first.context.close();

  // Another browser, no cookie: the saved choice comes with the user.
  const second = await signedIn(browser, user.username, user.password);
  await expect(second.page.getByRole("heading", { level: 1, name: "Caseload" })).toBeVisible();
  await second.page.goto("/account");
  await expect(second.page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await second.page.getByRole("main").getByRole("radiogroup", { name: "Language" }).getByText("中文", { exact: true }).click();
  await expect(second.page.getByRole("heading", { level: 1, name: "我的账户" })).toBeVisible();
  await expect(second.page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await second.context.close();
});

test("signing out ends the session", async ({ page }) => {
  await loginAs(page, "qidong_caseworker"); // the real form: this test is about the session
  await expect(page.getByRole("link", { name: "郑波", exact: true })).toBeVisible();
  await signOut(page, "周晓林");
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/persons");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("link", { name: "郑波" })).toHaveCount(0);
});

test("退出所有设备上的登录 ends the sessions on other devices too", async ({ browser, page }) => {
  await signInAs(page, "admin", "/admin/users");
  const user = await createUserViaAdmin(page);
  const phone = await signedIn(browser, user.username, user.password);
  const desk = await signedIn(browser, user.username, user.password);

  await desk.page.goto("/account");
  await desk.page.getByRole("button", { name: "退出所有设备上的登录" }).click();
  await expect(desk.page.getByText("确定退出所有设备上的登录？")).toBeVisible();
  await desk.page.getByRole("button", { name: /确\s*定/ }).click();
  await expect(desk.page).toHaveURL(/\/login/);

  await phone.page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "劳动力台账" }).click();
  await expect(phone.page).toHaveURL(/\/login/);
  await phone.page.goto("/persons");
  await expect(phone.page).toHaveURL(/\/login/);
  await phone.context.close();
  await desk.context.close();
});

test("five wrong passwords lock the account: the sixth attempt fails even with the right password", async ({ browser, page }) => {
  await signInAs(page, "admin", "/admin/users");
  const user = await createUserViaAdmin(page);
  const context = await browser.newContext();
  const login = await context.newPage();
  await login.goto("/login");
  const error = login.getByTestId("login-error");

  async function attempt(password: string) {
    await login.getByLabel("用户名").fill(user.username);
    await login.getByLabel("密码").fill(password);
    const answered = login.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await login.getByRole("button", { name: /登\s*录/ }).click();
    await answered;
  }

  for (let i = 1; i <= 4; i++) {
    await attempt(`wrong-password-${i}`);
    await expect(error).toHaveText("用户名或密码不正确。");
  }
  await attempt("wrong-password-5");
  await expect(error).toContainText("登录失败次数过多，账户已暂时锁定");
  await attempt(user.password);
  await expect(error).toContainText("登录失败次数过多，账户已暂时锁定");
  await expect(login).toHaveURL(/\/login/);
  await context.close();
});

test("a session expires: the same login with its time run out is sent to the login page", async ({ browser }) => {
  const { context } = await signedIn(browser, "wuxi_caseworker");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie, "the session cookie").toBeTruthy();
  await context.close();
  const secret = process.env.NEXTAUTH_SECRET ?? TEST_SECRETS.NEXTAUTH_SECRET;
  const token = await decode({ token: cookie!.value, secret });
  expect(token?.uid).toBeTruthy();

  // The same claims, signed again: once still valid, once expired an hour ago.
  for (const [maxAge, lands] of [[3600, /\/persons/], [-3600, /\/login/]] as const) {
    const visitor = await browser.newContext();
    await visitor.addCookies([{ ...cookie!, value: await encode({ token: token!, secret, maxAge }) }]);
    const page = await visitor.newPage();
    await page.goto("/persons");
    await expect(page).toHaveURL(lands);
    if (maxAge > 0) await expect(page.getByRole("heading", { level: 1, name: "劳动力台账" })).toBeVisible();
    await visitor.close();
  }
});
