import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadPersonPage } from "@/lib/persons/loaders";
import { overrideTrackAction, revealNationalIdAction } from "@/lib/persons/actions";
import { changePovertyStatusAction, saveHouseholdAction } from "@/lib/households/actions";
import { PersonProfile } from "@/components/persons/person-profile";
import { loadPersonPlacements } from "@/lib/placements/loaders";
import { endPlacementAction, reopenPlacementAction, updatePlacementAction } from "@/lib/placements/actions";
import { PersonPlacements } from "@/components/placements/person-placements";
import { loadPersonFollowUps } from "@/lib/follow-ups/loaders";
import { scheduleFollowUpAction, setAtRiskAction } from "@/lib/follow-ups/actions";
import { PersonFollowUps } from "@/components/follow-ups/person-follow-ups";
import { loadPersonTraining } from "@/lib/training/loaders";
import { PersonTraining } from "@/components/training/person-training";

type Props = { params: Promise<{ id: string }> };

function parseId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadPersonPage(parseId((await params).id));
  return { title: data.person.name };
}

export default async function PersonPage({ params }: Props) {
  const id = parseId((await params).id);
  const [data, placements, followUps, training] = await Promise.all([loadPersonPage(id), loadPersonPlacements(id), loadPersonFollowUps(id), loadPersonTraining(id)]);
  const householdId = data.household?.id ?? 0;
  // Placement actions are bound to the one placement each applies to.
  const { activeId, reopenableId } = placements;
  const manageable = activeId && placements.canManage ? activeId : null;
  const placementActions = {
    update: manageable ? updatePlacementAction.bind(null, id, manageable) : undefined,
    end: manageable ? endPlacementAction.bind(null, id, manageable) : undefined,
    reopen: reopenableId && placements.canReopen ? reopenPlacementAction.bind(null, id, reopenableId) : undefined,
  };
  return (
    <PersonProfile
      data={data}
      revealId={revealNationalIdAction.bind(null, id)}
      overrideTrack={overrideTrackAction.bind(null, id)}
      saveHousehold={saveHouseholdAction.bind(null, householdId, id)}
      changePovertyStatus={changePovertyStatusAction.bind(null, householdId, id)}
      sections={
        <>
          <PersonPlacements data={placements} actions={placementActions} />
          <PersonFollowUps data={followUps} schedule={scheduleFollowUpAction.bind(null, id)} setAtRisk={setAtRiskAction.bind(null, id)} />
          <PersonTraining data={training} />
        </>
      }
    />
  );
}
