import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { listAuditForEntity } from "@/lib/audit/data";
import { placeCodesIn, skillRefsIn } from "@/lib/audit/rules";
import { regionPath } from "@/lib/reference/regions";
import { loadDivisionLabels, loadDivisionOptions } from "@/lib/reference/loaders";
import { ageOn } from "@/lib/persons/national-id";
import { personListQuerySchema, type PersonListQuery } from "@/lib/persons/schema";
import { householdFigures } from "@/lib/persons/rules";
import { countPersons, findSkillNames, getHouseholdForPerson, getPerson, listCaseworkers, listPersons, listSkillCatalogue } from "@/lib/persons/data";

/** Query-string filters; a malformed one is dropped rather than failing the page. */
export function parseListQuery(params: Record<string, string | string[] | undefined>): PersonListQuery {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v) flat[key] = v;
  }
  const parsed = personListQuerySchema.safeParse(flat);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return personListQuerySchema.parse(Object.fromEntries(Object.entries(flat).filter(([k]) => !bad.has(k))));
}

export async function loadPersonList(params: Record<string, string | string[] | undefined>) {
  const { scope, user } = await requireActor("person.view");
  const query = parseListQuery(params);
  const [page, total, caseworkers, originOptions] = await Promise.all([
    listPersons(scope, query),
    countPersons(scope, query),
    listCaseworkers(scope),
    // The origin filter stops at county level (3).
    loadDivisionOptions([query.origin], 3),
  ]);
  const today = new Date();
  return {
    query,
    total,
    nextAfter: page.nextAfter,
    caseworkers,
    originOptions,
    canCreate: can(user.role, "person.create"),
    rows: page.rows.map((r) => ({
      id: r.id,
      name: r.name,
      gender: r.gender,
      age: ageOn(r.birthDate, today),
      maskedId: r.maskedId,
      phone: r.phone,
      origin: regionPath(r.originDivisionCode).join(" "),
      track: r.track,
      employmentStatus: r.employmentStatus,
      povertyStatus: r.povertyStatus,
      caseworkerName: r.caseworkerName,
    })),
  };
}

export type PersonListData = Awaited<ReturnType<typeof loadPersonList>>;

// Cached per request: generateMetadata and the page both ask for it.
export const loadPersonPage = cache(async (personId: number) => {
  const { scope, user } = await requireActor("person.view");
  const person = await getPerson(scope, personId);
  if (!person) notFound();
  const household = person.householdId ? await getHouseholdForPerson(scope, person.householdId) : null;
  // The history (with before/after values) leaves the server only for roles that may read it.
  const viewHistory = can(user.role, "audit.view");
  const [personHistory, householdHistory, labels] = await Promise.all([
    viewHistory ? listAuditForEntity("person", [String(person.id)]) : Promise.resolve([]),
    viewHistory && household ? listAuditForEntity("household", [String(household.id)]) : Promise.resolve([]),
    loadDivisionLabels([person.originDivisionCode, person.currentDivisionCode, household?.divisionCode, ...person.preferredRegions]),
  ]);
  const history = [...personHistory, ...householdHistory].sort((a, b) => b.at.getTime() - a.at.getTime());
  // The history names places, not codes: the codes it mentions that the profile did not.
  const historyCodes = placeCodesIn(history);
  const missing = historyCodes.filter((c) => !labels.has(c));
  const skillRefs = skillRefsIn(history);
  const [more, skills] = await Promise.all([
    missing.length ? loadDivisionLabels(missing) : Promise.resolve(new Map<string, string>()),
    findSkillNames(skillRefs.ids, skillRefs.names),
  ]);
  // The history logs a catalogue skill by its id (older rows by its Chinese name); the timeline
  // names it in the reader's language.
  const historySkills = Object.fromEntries(skills.flatMap((s) => [[`#${s.id}`, { zh: s.nameZh, en: s.nameEn }], [s.nameZh, { zh: s.nameZh, en: s.nameEn }]]));
  return {
    person: {
      ...person,
      age: ageOn(person.birthDate),
      originLabel: labels.get(person.originDivisionCode) ?? person.originDivisionCode,
      currentLabel: person.currentDivisionCode ? (labels.get(person.currentDivisionCode) ?? person.currentDivisionCode) : null,
      preferredRegionLabels: person.preferredRegions.map((c) => labels.get(c) ?? c),
    },
    household: household
      ? {
          ...household,
          figures: householdFigures(household.members),
          divisionLabel: household.divisionCode ? (labels.get(household.divisionCode) ?? household.divisionCode) : null,
        }
      : null,
    history,
    historyPlaces: Object.fromEntries(historyCodes.map((c) => [c, labels.get(c) ?? more.get(c) ?? c])),
    historySkills,
    permissions: {
      update: can(user.role, "person.update"),
      revealId: can(user.role, "person.reveal_id"),
      updateHousehold: can(user.role, "household.update"),
      viewHistory,
      createPerson: can(user.role, "person.create"),
    },
  };
});

export type PersonPageData = Awaited<ReturnType<typeof loadPersonPage>>;

export async function loadPersonFormOptions(selectedCodes: (string | null | undefined)[] = []) {
  const { scope } = await requireActor("person.create");
  const [skills, caseworkers, divisions] = await Promise.all([
    listSkillCatalogue(),
    listCaseworkers(scope),
    loadDivisionOptions(selectedCodes),
  ]);
  return { skills, caseworkers, divisions };
}

export type PersonFormOptions = Awaited<ReturnType<typeof loadPersonFormOptions>>;

export async function loadPersonEdit(personId: number) {
  const { scope } = await requireActor("person.update");
  const person = await getPerson(scope, personId);
  if (!person) notFound();
  const options = await loadPersonFormOptions([person.originDivisionCode, person.currentDivisionCode]);
  return { person, options };
}

export async function loadNewPerson(joinHouseholdId: number | null) {
  const { scope } = await requireActor("person.create");
  const options = await loadPersonFormOptions();
  const household = joinHouseholdId ? await getHouseholdForPerson(scope, joinHouseholdId) : null;
  return {
    options,
    joinHousehold: household
      ? { id: household.id, members: household.members.map((m) => m.name), originDivisionCode: household.divisionCode }
      : null,
  };
}
