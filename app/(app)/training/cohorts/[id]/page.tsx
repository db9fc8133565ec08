import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadCohortPage, loadCohortTitle } from "@/lib/training/loaders";
import {
  completeEnrolmentsAction,
  endEnrolmentAction,
  enrolAction,
  payAllowancesAction,
  recordAttendanceAction,
  setCohortStatusAction,
  updateCohortAction,
} from "@/lib/training/actions";
import { CohortDetail } from "@/components/training/cohort-detail";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function parseId(raw: string) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await loadCohortTitle(parseId((await params).id)) };
}

export default async function CohortPage({ params, searchParams }: Props) {
  const id = parseId((await params).id);
  const data = await loadCohortPage(id, await searchParams);
  // Every action is bound to this cohort (and withdrawing to each enrolment): ids are never posted.
  const manage = data.canManage;
  return (
    <CohortDetail
      data={data}
      actions={{
        update: manage ? updateCohortAction.bind(null, id) : undefined,
        setStatus: manage ? setCohortStatusAction.bind(null, id) : undefined,
        enrol: manage ? enrolAction.bind(null, id) : undefined,
        complete: manage ? completeEnrolmentsAction.bind(null, id) : undefined,
        attendance: manage ? recordAttendanceAction.bind(null, id) : undefined,
        pay: data.canPay ? payAllowancesAction.bind(null, id) : undefined,
        endEnrolment: manage ? Object.fromEntries(data.roster.filter((r) => r.status === "ENROLLED").map((r) => [r.id, endEnrolmentAction.bind(null, id, r.id)])) : {},
      }}
    />
  );
}
