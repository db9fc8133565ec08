import "server-only";
import { db } from "@/lib/db";
import { officeScopeWhere, type Scope } from "@/lib/auth/scope";

export async function listDrives(scope: Scope) {
  return db().recruitmentDrive.findMany({
    where: officeScopeWhere(scope),
    orderBy: { id: "desc" },
    take: 100,
    select: { id: true, name: true, status: true, poolSize: true, totalScore: true, upperBound: true, createdAt: true, vacancyIds: true, _count: { select: { lines: true } } },
  });
}

/** A drive of the scope's offices, with its lines limited to people the scope may see. */
export async function getDrive(scope: Scope, id: number) {
  return db().recruitmentDrive.findFirst({
    where: { id, ...officeScopeWhere(scope) },
    include: {
      lines: {
        orderBy: [{ vacancyId: "asc" }, { score: "desc" }],
        include: { person: { select: { id: true, name: true, originDivisionCode: true, track: true, officeId: true } }, vacancy: { select: { id: true, title: true, employer: { select: { name: true } } } } },
      },
    },
  });
}
