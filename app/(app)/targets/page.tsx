import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadTargets } from "@/lib/targets/loaders";
import { createTargetAction, deleteTargetAction, reportFigureAction, updateTargetAction } from "@/lib/targets/actions";
import { TargetList } from "@/components/targets/target-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("targets"))("title") };
}

export default async function TargetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const data = await loadTargets(await searchParams);
  // Each target's edit and delete have its id bound here: the form never posts which target it changes.
  const editable = data.canManage ? collect(data.tree) : [];
  return (
    <TargetList
      data={data}
      actions={{
        create: data.canManage ? createTargetAction : undefined,
        report: data.canManage ? reportFigureAction : undefined,
        update: Object.fromEntries(editable.map((id) => [id, updateTargetAction.bind(null, id)])),
        remove: Object.fromEntries(editable.map((id) => [id, deleteTargetAction.bind(null, id)])),
      }}
    />
  );
}

function collect(nodes: Awaited<ReturnType<typeof loadTargets>>["tree"]): number[] {
  return nodes.flatMap((n) => [...(n.canEdit ? [n.id] : []), ...collect(n.children)]);
}
