import "server-only";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/auth/scope";
import { assertCan } from "@/lib/auth/policy";

export async function listUsers(scope: Scope) {
  assertCan(scope, "user.manage");
  return db().user.findMany({
    orderBy: [{ officeId: "asc" }, { username: "asc" }],
    select: { id: true, username: true, displayName: true, role: true, active: true, lastLoginAt: true, version: true, officeId: true, office: { select: { name: true, nameEn: true } } },
  });
}

export async function listOffices() {
  return db().office.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, name: true, nameEn: true, kind: true, regionCode: true } });
}
