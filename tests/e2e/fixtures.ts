import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import pg from "pg";

export const DEMO_PASSWORD = "jobbridge-demo-2026";

/** Signs in through the login form; `next` is where the login page sends the user afterwards. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  // Verifying the password is memory-hard by design; the first sign-ins of a run also wait for the
  // server's warm-up (the matching index): allow for a loaded machine.
  await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
}

/** Signs out from the user's own menu in the header (the button shows their display name). */
export async function signOut(page: Page, displayName: string, label = "退出登录") {
  await page.getByRole("banner").getByRole("button", { name: new RegExp(displayName) }).click();
  await page.getByRole("menuitem", { name: label }).click();
}

type Cookies = Awaited<ReturnType<BrowserContext["cookies"]>>;
const demoSessions = new Map<string, Cookies>();

/**
 * Signs a demo user in and opens `landing` (the caseload by default). The first time in a worker
 * it goes through the login form; later calls reuse that session's cookie, which saves the server
 * a password hash per test. No test ends a demo user's sessions (sign out everywhere, deactivation
 * and lockout are tried on users made for the test), so the cookie stays good.
 */
export async function signInAs(page: Page, username: string, landing = "/persons") {
  const cookies = demoSessions.get(username);
  if (cookies) {
    await page.context().addCookies(cookies);
    await page.goto(landing);
    if (!new URL(page.url()).pathname.startsWith("/login")) return;
  }
  await loginAs(page, username, DEMO_PASSWORD, landing);
  await expect(page).toHaveURL(new RegExp(`${landing.replace(/[?]/g, "\\?")}$`));
  demoSessions.set(username, await page.context().cookies());
}

/** A new browser context (its own cookies: a second device) signed in as `username`. */
export async function signedIn(browser: Browser, username: string, password?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (password) await loginAs(page, username, password);
  else await signInAs(page, username);
  return { context, page };
}

/** Serious and critical axe violations on the page as it is now. */
export async function seriousA11yViolations(page: Page) {
  // A button left hovered by the last click is drawn in its hover colours, which fail contrast.
  await page.mouse.move(1, 1);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

// ---------------------------------------------------------------------------------------------
// The test database the app runs on, for what a test sets up or ages directly (a due date, a
// retention period): DATABASE_URL, set by npm run test:e2e.

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through npm run test:e2e)");
  return url;
}

export async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Test data: every test makes its own, uniquely named.

const rand = (n: number) => Math.floor(Math.random() * n);

/** GB 11643 check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return "10X98765432"[sum % 11]!;
}

export type TestNationalId = { id: string; region: string; birth: { year: number; month: number; day: number }; gender: "MALE" | "FEMALE" };

/**
 * A valid, random national ID number (GB 11643): a real county of the article's origin regions,
 * a random birth date (ages 18-60) and a random sequence, whose odd/even last digit is the gender.
 */
export function nationalId(options: { region?: "520625" | "630225" | "610729"; gender?: "MALE" | "FEMALE" } = {}): TestNationalId {
  const regions = ["520625", "630225", "610729"] as const;
  const region = options.region ?? regions[rand(regions.length)]!;
  const year = new Date().getFullYear() - 18 - rand(42);
  const month = 1 + rand(12);
  const day = 1 + rand(28);
  const gender = options.gender ?? (rand(2) ? "MALE" : "FEMALE");
  let sequence = rand(1000);
  if ((sequence % 2 === 1) !== (gender === "MALE")) sequence = (sequence + 1) % 1000;
  const first17 = `${region}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(sequence).padStart(3, "0")}`;
  return { id: first17 + checkCharacter(first17), region, birth: { year, month, day }, gender };
}

/** The same number with a check character that does not fit. */
export function withWrongCheckDigit(id: string): string {
  const right = id[17]!;
  const wrong = "0123456789X".split("").filter((c) => c !== right)[rand(10)]!;
  return id.slice(0, 17) + wrong;
}

/** Unambiguous characters (one reading each) with their pinyin initial, for names and initials search. */
const NAME_CHARS: [string, string][] = [
  ["岚", "l"], ["沐", "m"], ["璟", "j"], ["骁", "x"], ["翊", "y"], ["歆", "x"], ["霁", "j"], ["琛", "c"], ["瑭", "t"], ["珂", "k"],
  ["旻", "m"], ["昀", "y"], ["彧", "y"], ["湛", "z"], ["淼", "m"], ["烨", "y"], ["焱", "y"], ["炜", "w"], ["璞", "p"], ["瑄", "x"],
  ["荀", "x"], ["蔺", "l"], ["芮", "r"], ["苒", "r"], ["菁", "j"], ["萱", "x"], ["蕙", "h"], ["楠", "n"], ["桦", "h"], ["梓", "z"],
  ["霖", "l"], ["霏", "f"], ["雯", "w"], ["钊", "z"], ["铎", "d"], ["锴", "k"], ["鑫", "x"], ["骞", "q"], ["骏", "j"], ["馨", "x"],
];

/** A 4-character name unlikely to exist anywhere else, with its pinyin initials. */
export function uniqueName(): { name: string; initials: string } {
  const picked = Array.from({ length: 4 }, () => NAME_CHARS[rand(NAME_CHARS.length)]!);
  return { name: picked.map((p) => p[0]).join(""), initials: picked.map((p) => p[1]).join("") };
}

export function uniqueUsername(prefix = "e2e"): string {
  return `${prefix}_${Date.now().toString(36)}${rand(1e6).toString(36)}`;
}

export const phoneNumber = () => `139${String(rand(1e8)).padStart(8, "0")}`;

// ---------------------------------------------------------------------------------------------
// Ant Design widgets, driven the way a user drives them.

/** Opens a Select (found by its label) and picks the option the user sees; types first to search. */
export async function chooseOption(page: Page, select: Locator, option: string, options: { search?: string } = {}) {
  await select.click();
  if (options.search) await select.fill(options.search);
  const dropdown = page.locator(".ant-select-dropdown:visible").last();
  await dropdown.getByTitle(option, { exact: true }).click();
  try {
    await expect(dropdown).toBeHidden();
  } catch {
    // A click that lands while the dropdown is still sliding in is sometimes lost (seen once on
    // a loaded machine): still open ten seconds later, pick once more, as a user would.
    await dropdown.getByTitle(option, { exact: true }).click();
    await expect(dropdown).toBeHidden();
  }
}

/** Picks a place province → city → county in a region cascader, then closes it. */
export async function chooseRegion(page: Page, cascader: Locator, path: string[]) {
  await cascader.click();
  // Items are named "<place> right" (the expand arrow's icon label), hence the pattern.
  const item = (name: string) => page.getByRole("menuitemcheckbox", { name: new RegExp(`^${name}(\\s|$)`) });
  for (let i = 0; i < path.length; i++) {
    await item(path[i]!).click();
    const next = path[i + 1];
    if (!next) continue;
    try {
      await expect(item(next)).toBeVisible({ timeout: 10_000 });
    } catch {
      // As with a select: a click that lands while the menu is still sliding in can be lost (CI
      // once waited six minutes for 苏州市 after a click on 江苏省 that fetched nothing). Click
      // the place again, as a user would; a load still running is not harmed by it.
      await item(path[i]!).click();
    }
  }
  await page.keyboard.press("Escape");
  await expect(item(path[0]!)).toBeHidden();
}

export const YINJIANG = ["贵州省", "铜仁市", "印江土家族苗族自治县"];

/**
 * Registers a labourer through the form with only what is required (name, ID, origin, consent)
 * plus `fill` for anything else, and returns the new profile's id.
 */
export async function registerPerson(page: Page, options: { name?: string; id?: string; phone?: string; fill?: (page: Page) => Promise<void> } = {}) {
  const name = options.name ?? uniqueName().name;
  const id = options.id ?? nationalId().id;
  if (new URL(page.url()).pathname !== "/persons/new") await page.goto("/persons/new");
  await page.getByLabel("姓名", { exact: true }).fill(name);
  await page.getByRole("textbox", { name: "身份证号" }).fill(id);
  if (options.phone) await page.getByLabel("手机号").fill(options.phone);
  await chooseRegion(page, page.getByLabel("户籍地", { exact: true }), YINJIANG);
  await options.fill?.(page);
  await page.getByRole("checkbox", { name: /本人已同意/ }).check();
  await page.getByRole("button", { name: /登\s*记/ }).click();
  // Registering writes the person, household, skills and audit rows and re-reads the profile:
  // on a loaded two-core machine that has taken over ten seconds.
  await expect(page).toHaveURL(/\/persons\/\d+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
  return { personId: Number(new URL(page.url()).pathname.split("/").pop()), name, id };
}

/** The office choices in 用户管理 are "<office> · <kind>". */
export const OFFICES = {
  wuxi: "无锡市人力资源和社会保障局 · 输入地人社部门",
  suzhou: "苏州市人力资源和社会保障局 · 输入地人社部门",
  yinjiang: "铜仁市印江县人力资源和社会保障局 · 输出地人社部门",
};

/** Creates a user through 用户管理 → 新建用户 (the page must be signed in as admin). */
export async function createUserViaAdmin(page: Page, options: { role?: string; office?: string; password?: string } = {}) {
  const username = uniqueUsername();
  const displayName = `测试${uniqueName().name}`;
  const password = options.password ?? "e2e-password-2026";
  const office = options.office ?? OFFICES.wuxi;
  if (new URL(page.url()).pathname !== "/admin/users") await page.goto("/admin/users");
  await page.getByRole("button", { name: "新建用户" }).click();
  const dialog = page.getByRole("dialog", { name: "新建用户" });
  await dialog.getByLabel("用户名").fill(username);
  await dialog.getByLabel("姓名").fill(displayName);
  if (options.role) await chooseOption(page, dialog.getByLabel("角色"), options.role);
  await chooseOption(page, dialog.getByLabel("单位"), office, { search: office.slice(0, 4) });
  await dialog.getByLabel("初始密码").fill(password);
  await dialog.getByRole("button", { name: /创\s*建/ }).click();
  // Hashing the password (argon2id) and re-reading the user table: allow for a loaded machine.
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();
  return { username, displayName, password };
}

export const test = base;
export { expect };

// ---------------------------------------------------------------------------------------------
// Employers, vacancies and job seekers for the matching, drive and employer specs.

const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 check character for the first 17 characters of a unified social credit code. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** A valid, random unified social credit code: "91" (company), a region, 9 random characters. */
export function creditCode(region = "320206"): string {
  const body = Array.from({ length: 9 }, () => USCC_ALPHABET[rand(USCC_ALPHABET.length)]).join("");
  const first17 = `91${region}${body}`;
  return first17 + usccCheckCharacter(first17);
}

/** The same code with a check character that does not fit. */
export function withWrongUsccCheck(code: string): string {
  const others = USCC_ALPHABET.split("").filter((c) => c !== code[17]);
  return code.slice(0, 17) + others[rand(others.length)]!;
}

export const WUXI_HUISHAN = ["江苏省", "无锡市", "惠山区"];

/** Registers an employer through 用人单位 → 登记用人单位 and returns the new page's id. */
export async function registerEmployer(page: Page, options: { name?: string; uscc?: string; place?: string[] } = {}) {
  const name = options.name ?? `${uniqueName().name}智能装备有限公司`;
  const uscc = options.uscc ?? creditCode();
  if (new URL(page.url()).pathname !== "/employers/new") await page.goto("/employers/new");
  await page.getByLabel("单位名称").fill(name);
  await page.getByLabel("统一社会信用代码").fill(uscc);
  await chooseRegion(page, page.getByLabel("所在地"), options.place ?? WUXI_HUISHAN);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/employers\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return { employerId: Number(new URL(page.url()).pathname.split("/").pop()), name, uscc };
}

/**
 * The field, scrolled to the middle of the screen: near the bottom edge antd flips a dropdown
 * upwards, and on a loaded machine a click on an option during that flip can be lost.
 */
export async function centred(field: Locator) {
  await field.evaluate((e) => e.scrollIntoView({ block: "center" }));
  return field;
}

export type VacancyInput = {
  title: string;
  /** The occupation as the tree shows it, "<code> <title>"; found by typing the code. */
  occupation: string;
  /** The required skill as the vacancy form lists it (Chinese name). */
  skill: string;
  wage: [number, number];
  roomAndBoard?: boolean;
  gender?: "限男性" | "限女性";
  openings?: number;
  place?: string[];
};

/** Posts an open vacancy for an employer through 发布岗位 and returns its id. */
export async function postVacancy(page: Page, employerId: number, v: VacancyInput) {
  await page.goto(`/vacancies/new?employer=${employerId}`);
  await expect(page.getByRole("heading", { level: 1, name: "发布岗位" })).toBeVisible();
  await page.getByLabel("岗位名称").fill(v.title);
  await chooseOption(page, await centred(page.getByLabel("职业（2022 职业分类大典）")), v.occupation, { search: v.occupation.split(" ")[0] });
  if (v.openings) await page.getByLabel("招聘人数").fill(String(v.openings));
  await page.getByLabel("月薪下限").fill(String(v.wage[0]));
  await page.getByLabel("月薪上限").fill(String(v.wage[1]));
  await chooseRegion(page, page.getByLabel("工作地点"), v.place ?? WUXI_HUISHAN);
  if (v.roomAndBoard) await page.getByRole("checkbox", { name: "包吃住" }).check();
  if (v.gender) {
    await chooseOption(page, await centred(page.getByLabel("性别要求")), v.gender);
    await expect(page.getByRole("alert").filter({ hasText: "《就业促进法》禁止就业性别歧视" })).toBeVisible();
  }
  await page.getByRole("button", { name: "添加技能要求" }).click();
  await chooseOption(page, await centred(page.getByLabel("技能 1", { exact: true })), v.skill, { search: v.skill.slice(0, 4) });
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/vacancies\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: v.title })).toBeVisible();
  return { vacancyId: Number(new URL(page.url()).pathname.split("/").pop()), title: v.title };
}

/**
 * Registers a job seeker who will migrate and needs accommodation, with one catalogue skill
 * (as the person form lists it, "<中文> / <English>"), from `origin` (Yinjiang by default).
 */
export async function registerJobSeeker(page: Page, options: { skill: string; origin?: string[]; name?: string }) {
  const name = options.name ?? uniqueName().name;
  const id = nationalId().id;
  if (new URL(page.url()).pathname !== "/persons/new") await page.goto("/persons/new");
  await page.getByLabel("姓名", { exact: true }).fill(name);
  await page.getByRole("textbox", { name: "身份证号" }).fill(id);
  await chooseRegion(page, page.getByLabel("户籍地", { exact: true }), options.origin ?? YINJIANG);
  await chooseOption(page, await centred(page.getByLabel("外出务工意愿")), "愿意外出");
  await page.getByRole("button", { name: "添加技能" }).click();
  await chooseOption(page, await centred(page.getByLabel("技能 1（目录）")), options.skill, { search: options.skill.slice(0, 4) });
  await page.getByRole("checkbox", { name: "住宿（包吃住）" }).check();
  await page.getByRole("checkbox", { name: /本人已同意/ }).check();
  await page.getByRole("button", { name: /登\s*记/ }).click();
  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return { personId: Number(new URL(page.url()).pathname.split("/").pop()), name, id };
}
