import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { personVisibleTo } from "@/lib/auth/scope";
import { getDrive, listDrives } from "@/lib/drives/data";
import { listOpenVacancyOptions } from "@/lib/vacancies/data";
import { loadDivisionOptions } from "@/lib/reference/loaders";
import { regionPath } from "@/lib/reference/regions";

export async function loadDriveList() {
  const { scope } = await requireActor("drive.run");
  return { drives: await listDrives(scope) };
}

export async function loadNewDrive() {
  await requireActor("drive.run");
  const [vacancies, origins] = await Promise.all([listOpenVacancyOptions(), loadDivisionOptions([], 3)]);
  return {
    vacancies: vacancies.map((v) => ({ value: v.id, label: `${v.title} · ${v.employer.name} · ${regionPath(v.countyCode).slice(-1)[0] ?? ""} (${v.openings - v.filled})` })),
    origins,
  };
}

export async function loadDrivePage(id: number) {
  const { scope } = await requireActor("drive.run");
  const drive = await getDrive(scope, id);
  if (!drive) notFound();
  const visible = personVisibleTo(scope);
  return {
    drive: {
      ...drive,
      lines: drive.lines
        // A drive belongs to an office; its lines still show only the people this user may see.
        .filter((l) => visible({ officeId: l.person.officeId, originCode: l.person.originDivisionCode }))
        .map((l) => ({ ...l, origin: regionPath(l.person.originDivisionCode).join(" ") })),
    },
  };
}
