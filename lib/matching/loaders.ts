import "server-only";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { personVisibleTo, type Scope } from "@/lib/auth/scope";
import { getPerson, listPersonSummaries, listReferralsForPerson } from "@/lib/persons/data";
import { listOpenVacancyOptions, listVacancySummaries, occupationTitles } from "@/lib/vacancies/data";
import { getMatchPerson, getMatchVacancy, listActiveDismissals, listSeenVacancyIds } from "@/lib/matching/data";
import { getMatchIndex, recordExposure } from "@/lib/matching/index-store";
import { logShownSuggestions } from "@/lib/matching/mutations";
import { exclusion, scoreMatch, type Explanation } from "@/lib/matching/rules";
import { MATCHING_CONFIG } from "@/lib/matching/config";
import { regionPath } from "@/lib/reference/regions";
import { listSkillCatalogue } from "@/lib/persons/data";
import { ageOn } from "@/lib/persons/national-id";

export const SUGGESTION_LIMIT = 20;

async function skillNames() {
  const skills = await listSkillCatalogue();
  return Object.fromEntries(skills.map((s) => [s.id, { zh: s.nameZh, en: s.nameEn }]));
}

/**
 * The best `limit` open vacancies for a person in the scope, explained, and logged as shown: the
 * suggestions page, and the next job when a placement is reassigned (`exclude`: the job they are
 * leaving). Null when the person is not in the scope.
 */
export async function explainedSuggestions(scope: Scope, personId: number, options: { limit: number; exclude?: readonly number[] }) {
  // Every read at once (each round trip costs more than the scan); the scope check (getPerson)
  // still decides before anything is logged.
  const [person, matchPerson, index, dismissals, seen, referrals] = await Promise.all([
    getPerson(scope, personId),
    getMatchPerson(personId),
    getMatchIndex(),
    listActiveDismissals({ personId }),
    listSeenVacancyIds(personId),
    listReferralsForPerson(scope, personId),
  ]);
  if (!person || !matchPerson) return null;
  const now = new Date();
  const dismissed = new Set([...dismissals.map((d) => d.vacancyId), ...(options.exclude ?? [])]);
  const hits = index.topVacancies(matchPerson, { limit: options.limit, now, dismissed, seen });
  const [summaries, titles, names] = await Promise.all([
    listVacancySummaries(hits.map((h) => h.item.id)),
    occupationTitles(hits.map((h) => h.item.occupationCode).filter((c): c is string => Boolean(c))),
    skillNames(),
    logShownSuggestions(scope, "VACANCIES_FOR_PERSON", hits.map((h) => ({ personId, vacancyId: h.item.id, score: h.score }))),
  ]);
  recordExposure(hits.map((h) => h.item.id), seen);
  const referralBy = new Map(referrals.map((r) => [r.vacancyId, r.status]));
  return {
    person,
    referrals,
    skillNames: names,
    suggestions: hits.map((h, rank) => {
      const v = summaries.get(h.item.id)!;
      return {
        rank: rank + 1,
        vacancy: { ...v, place: regionPath(v.countyCode).join(" "), occupationTitle: v.occupationCode ? (titles.get(v.occupationCode) ?? null) : null },
        explanation: scoreMatch(matchPerson, h.item) as Explanation,
        referral: referralBy.get(h.item.id) ?? null,
      };
    }),
  };
}

export type ExplainedSuggestion = NonNullable<Awaited<ReturnType<typeof explainedSuggestions>>>["suggestions"][number];

/** The best vacancies for a person, explained, and logged as shown. */
export async function loadPersonSuggestions(personId: number) {
  const { scope, user } = await requireActor("match.view");
  const [explained, vacancyOptions] = await Promise.all([explainedSuggestions(scope, personId, { limit: SUGGESTION_LIMIT }), listOpenVacancyOptions()]);
  if (!explained) notFound();
  const { person } = explained;
  return {
    person: { id: person.id, name: person.name, track: person.track, trackReason: person.trackReason },
    algorithmVersion: MATCHING_CONFIG.version,
    canAct: can(user.role, "match.act"),
    // "Place" next to a suggestion or a referral opens the placement form with it chosen.
    canPlace: can(user.role, "placement.manage"),
    skillNames: explained.skillNames,
    suggestions: explained.suggestions,
    referrals: explained.referrals,
    vacancyOptions: vacancyOptions.map((v) => ({ value: v.id, label: `${v.title} · ${v.employer.name} · ${regionPath(v.countyCode).slice(-1)[0] ?? ""}` })),
  };
}

export type PersonSuggestionsData = Awaited<ReturnType<typeof loadPersonSuggestions>>;

/** "Why not this job?": the filter that excluded it, or its score and where it ranks. */
export async function loadWhyNot(personId: number, vacancyId: number) {
  const { scope } = await requireActor("match.view");
  const person = await getPerson(scope, personId);
  if (!person) return null;
  const [matchPerson, vacancy, dismissals, index] = await Promise.all([getMatchPerson(personId), getMatchVacancy(vacancyId), listActiveDismissals({ personId, vacancyId }), getMatchIndex()]);
  if (!matchPerson || !vacancy) return null;
  const excluded = exclusion(matchPerson, vacancy, { now: new Date(), dismissed: dismissals.length > 0, congested: index.isCongested(vacancy) });
  const explanation = scoreMatch(matchPerson, vacancy);
  const top = index.topVacancies(matchPerson, { limit: SUGGESTION_LIMIT, now: new Date(), dismissed: new Set(dismissals.map((d) => d.vacancyId)), seen: new Set([vacancyId]) });
  return {
    excluded,
    dismissal: dismissals[0] ?? null,
    explanation,
    lowestShown: top.length ? top[top.length - 1]!.score : null,
    inTop: top.some((h) => h.item.id === vacancyId),
  };
}

/** The best candidates for a vacancy among the people the user may see. */
export async function loadVacancyCandidates(vacancyId: number) {
  const { scope, user } = await requireActor("match.view");
  const [vacancy, index, dismissals] = await Promise.all([getMatchVacancy(vacancyId), getMatchIndex(), listActiveDismissals({ vacancyId })]);
  if (!vacancy) notFound();
  const hits = index.topCandidates(vacancy, { limit: SUGGESTION_LIMIT, now: new Date(), visible: personVisibleTo(scope), dismissed: new Set(dismissals.map((d) => d.personId)) });
  const [people, names] = await Promise.all([
    listPersonSummaries(scope, hits.map((h) => h.item.id)),
    skillNames(),
    logShownSuggestions(scope, "CANDIDATES_FOR_VACANCY", hits.map((h) => ({ personId: h.item.id, vacancyId, score: h.score }))),
  ]);
  const now = new Date();
  return {
    canAct: can(user.role, "match.act"),
    algorithmVersion: MATCHING_CONFIG.version,
    skillNames: names,
    candidates: hits
      .filter((h) => people.has(h.item.id))
      .map((h, rank) => {
        const p = people.get(h.item.id)!;
        return {
          rank: rank + 1,
          person: { id: p.id, name: p.name, gender: p.gender, age: ageOn(p.birthDate, now), origin: regionPath(p.originDivisionCode).join(" "), track: p.track },
          explanation: scoreMatch(h.item, vacancy),
        };
      }),
  };
}

export type VacancyCandidatesData = Awaited<ReturnType<typeof loadVacancyCandidates>>;
