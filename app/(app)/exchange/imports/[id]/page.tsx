import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { loadImportBatch } from "@/lib/data-exchange/loaders";
import { commitImportAction, decideConflictsAction, discardImportAction, recheckImportAction, resumeImportAction } from "@/lib/data-exchange/actions";
import { ImportBatchView } from "@/components/exchange/import-batch";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("import.title") };
}

export default async function ImportBatchPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const data = await loadImportBatch(id, await searchParams);
  // The batch id is bound here, never posted by the page.
  return (
    <ImportBatchView
      key={`${data.batch.status}-${data.batch.updatedAt.getTime()}`}
      data={data}
      actions={{
        decide: decideConflictsAction.bind(null, id),
        commit: commitImportAction.bind(null, id),
        discard: discardImportAction.bind(null, id),
        recheck: recheckImportAction.bind(null, id),
        resume: resumeImportAction.bind(null, id),
      }}
    />
  );
}
