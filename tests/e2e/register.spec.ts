import { chooseOption, chooseRegion, expect, signInAs, nationalId, phoneNumber, registerPerson, test, uniqueName, withWrongCheckDigit, YINJIANG } from "./fixtures";

test("a caseworker registers a labourer: wrong ID and bad phone are shown at their fields, nothing typed is lost, the profile shows what the ID and household say", async ({ page }) => {
  const { name } = uniqueName();
  const person = nationalId({ region: "520625", gender: "FEMALE" });
  const phone = phoneNumber();
  await signInAs(page, "wuxi_caseworker");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "登记劳动力" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "登记劳动力" })).toBeVisible();

  const nameField = page.getByLabel("姓名", { exact: true });
  const idField = page.getByRole("textbox", { name: "身份证号" });
  const phoneField = page.getByLabel("手机号");
  const origin = page.getByLabel("户籍地", { exact: true });

  await nameField.fill(name);
  await idField.fill(withWrongCheckDigit(person.id));
  await phoneField.fill(phone);
  await page.getByLabel("民族").fill("土家族");
  await chooseRegion(page, origin, YINJIANG);
  await chooseOption(page, page.getByLabel("外出务工意愿"), "愿意外出");
  // A skill from the catalogue, found by typing part of its name.
  await page.getByRole("button", { name: "添加技能" }).click();
  await chooseOption(page, page.getByLabel("技能 1（目录）"), "焊工（电焊、气保焊） / Welding (arc, MIG/MAG)", { search: "焊工" });
  // Household: a spouse who works and a child who does not.
  await chooseOption(page, page.getByLabel("帮扶对象类别"), "脱贫不稳定户");
  await page.getByRole("button", { name: "添加家庭成员" }).click();
  await page.getByLabel("成员 1 姓名").fill(`${name}配偶`);
  await chooseOption(page, page.getByLabel("成员 1 关系"), "配偶");
  await page.getByLabel("成员 1 出生年份").fill("1985");
  await page.getByLabel("成员 1 是劳动力").check();
  await page.getByRole("button", { name: "添加家庭成员" }).click();
  await page.getByLabel("成员 2 姓名").fill(`${name}孩子`);
  await page.getByLabel("成员 2 出生年份").fill("2015");
  await expect(page.getByLabel("成员 2 是劳动力")).not.toBeChecked();
  await page.getByLabel("备注").fill("村里推荐");
  await page.getByRole("checkbox", { name: /本人已同意/ }).check();

  // 1. The ID number's check digit is wrong.
  await page.getByRole("button", { name: /登\s*记/ }).click();
  await expect(idField).toHaveAccessibleDescription(/身份证号校验位不正确/);
  await expect(page).toHaveURL(/\/persons\/new$/);
  await expect(nameField).toHaveValue(name);
  await expect(phoneField).toHaveValue(phone);
  await expect(page.getByLabel("民族")).toHaveValue("土家族");
  await expect(page.locator("form").getByText("贵州省 / 铜仁市 / 印江土家族苗族自治县")).toBeVisible();
  await expect(page.locator("form").getByText("焊工（电焊、气保焊） / Welding (arc, MIG/MAG)")).toBeVisible();
  await expect(page.getByLabel("成员 1 姓名")).toHaveValue(`${name}配偶`);
  await expect(page.getByLabel("成员 2 姓名")).toHaveValue(`${name}孩子`);
  await expect(page.getByLabel("备注")).toHaveValue("村里推荐");
  await expect(page.getByRole("checkbox", { name: /本人已同意/ })).toBeChecked();

  // 2. The ID is fixed, but the phone number is one digit short.
  await idField.fill(person.id);
  await phoneField.fill(phone.slice(0, 10));
  await page.getByRole("button", { name: /登\s*记/ }).click();
  await expect(phoneField).toHaveAccessibleDescription(/手机号应为 11 位数字/);
  await expect(idField).not.toHaveAccessibleDescription(/校验位不正确/);
  await expect(nameField).toHaveValue(name);
  await expect(idField).toHaveValue(person.id);

  // 3. Both right: saved, and the profile opens.
  await phoneField.fill(phone);
  await page.getByRole("button", { name: /登\s*记/ }).click();
  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Gender and birth date come from the ID number.
  const { year, month, day } = person.birth;
  const born = `${year}/${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}`;
  await expect(page.getByText(`女 · `)).toContainText(`出生于 ${born}`);
  await expect(page.getByTestId("national-id")).toHaveText(`${person.id.slice(0, 6)}********${person.id.slice(-4)}`);
  await expect(page.getByRole("row", { name: `手机号 ${phone}` })).toBeVisible();
  await expect(page.getByText("贵州省 / 铜仁市 / 印江土家族苗族自治县").first()).toBeVisible();
  await expect(page.getByTestId("skills")).toContainText("焊工（电焊、气保焊）");
  // Household figures are counted from the members: the labourer, the spouse and the child.
  await expect(page.getByTestId("household-size")).toContainText("3");
  await expect(page.getByTestId("household-labourers")).toContainText("2");
  await expect(page.getByTestId("household-dependants")).toContainText("1");
  await expect(page.getByTestId("poverty-status")).toHaveText("脱贫不稳定户");
  const members = page.getByRole("table", { name: "家庭成员" });
  await expect(members.getByRole("row", { name: new RegExp(`${name}孩子.*子女.*2015.*否`) })).toBeVisible();
  await expect(members.getByRole("row", { name: new RegExp(`${name}配偶.*配偶.*1985.*是`) })).toBeVisible();
  // The history names places, relations and skill levels in words, not codes.
  const history = page.getByTestId("history");
  await expect(history.getByText("户籍地: 贵州省 / 铜仁市 / 印江土家族苗族自治县", { exact: true })).toBeVisible();
  await expect(history.getByText(/^家庭成员: /)).toContainText(`${name}孩子（子女）`);
  await expect(history.getByText(/^技能: /)).toContainText("焊工（电焊、气保焊）（");
});

test("registering an ID number that is already registered shows the error with a link to the existing profile", async ({ page }) => {
  await signInAs(page, "wuxi_caseworker", "/persons/new");
  const first = await registerPerson(page);

  const { name: otherName } = uniqueName();
  await page.goto("/persons/new");
  await page.getByLabel("姓名", { exact: true }).fill(otherName);
  await page.getByRole("textbox", { name: "身份证号" }).fill(first.id);
  await chooseRegion(page, page.getByLabel("户籍地", { exact: true }), YINJIANG);
  await page.getByRole("checkbox", { name: /本人已同意/ }).check();
  await page.getByRole("button", { name: /登\s*记/ }).click();

  const alert = page.getByTestId("form-alert");
  await expect(alert).toContainText("该身份证号已登记，不能重复登记。");
  await expect(page.getByRole("textbox", { name: "身份证号" })).toHaveAccessibleDescription(/该身份证号已登记/);
  await expect(page.getByLabel("姓名", { exact: true })).toHaveValue(otherName);
  await alert.getByRole("link", { name: `打开已有档案：${first.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/persons/${first.personId}$`));
  await expect(page.getByRole("heading", { level: 1, name: first.name })).toBeVisible();
});
