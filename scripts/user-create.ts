// `npm run user:create -- --username zhang --role ADMIN --office JS-HRSS [--name 张三]
//   [--office-name 江苏省人社厅 --region 32]`: makes the first admin (or any user) from the
// command line. The password is read from JOBBRIDGE_PASSWORD or asked for on the terminal.
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { Writable } from "node:stream";
import { resolveDatabase } from "./lib/database-url";
import { applyMigrations } from "./lib/migrate";
import { demoSecrets } from "./lib/secrets";
import { createUserSchema } from "../lib/users/schema";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    role: { type: "string", default: "ADMIN" },
    office: { type: "string" },
    name: { type: "string" },
    "office-name": { type: "string" },
    region: { type: "string" },
  },
});
if (!values.username || !values.office) {
  console.error("usage: npm run user:create -- --username NAME --office OFFICE_CODE [--role ADMIN|SUPERVISOR|CASEWORKER|PARTNER] [--name 显示名] [--office-name 名称 --region 32]");
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.JOBBRIDGE_PASSWORD) return process.env.JOBBRIDGE_PASSWORD;
  process.stdout.write("password (at least 10 characters; not shown as you type): ");
  // readline echoes what is typed to its output: a sink, so the password never shows on screen.
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: sink, terminal: true });
  const answer = await rl.question("");
  rl.close();
  process.stdout.write("\n");
  return answer;
}

const db = await resolveDatabase();
try {
  Object.assign(process.env, demoSecrets(), { DATABASE_URL: db.url });
  await applyMigrations(db.url, () => {});
  const { db: prisma } = await import("../lib/db");
  const { hashPassword } = await import("../lib/auth/password");
  const { recordAudit } = await import("../lib/audit/mutations");

  let office = await prisma().office.findUnique({ where: { code: values.office } });
  if (!office) {
    if (!values["office-name"] || !values.region) {
      throw new Error(`no office with code ${values.office}; give --office-name and --region to create it`);
    }
    office = await prisma().office.create({ data: { code: values.office, name: values["office-name"], nameEn: values["office-name"], kind: "DESTINATION_BUREAU", regionCode: values.region } });
  }
  const input = createUserSchema.parse({
    username: values.username,
    displayName: values.name ?? values.username,
    role: values.role,
    officeId: office.id,
    password: await askPassword(),
  });
  const passwordHash = await hashPassword(input.password);
  const user = await prisma().$transaction(async (tx) => {
    const created = await tx.user.create({ data: { username: input.username, displayName: input.displayName, role: input.role, officeId: office.id, passwordHash } });
    await recordAudit(tx, { userId: null, officeId: null }, { action: "user.created", entityType: "user", entityId: created.id, changes: { username: input.username, role: input.role, officeId: office.id, via: "command line" } });
    return created;
  });
  console.log(`created ${user.role.toLowerCase()} ${user.username} (id ${user.id}) in ${office.name}`);
  await prisma().$disconnect();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.stop();
}
