import "server-only";
import { after } from "next/server";
import type { Scope } from "@/lib/auth/scope";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { runExchangeWork } from "@/lib/data-exchange/background";
import { commitImportBatch, createImportBatch, validateImportBatch } from "@/lib/data-exchange/mutations";
import { uploadSchema } from "@/lib/data-exchange/schema";

// The two pieces of heavy work, scheduled after the response (Next's after()) on this process's
// exchange queue. Not server actions: they take a Scope, which only the session gate makes.

export function scheduleImportCheck(scope: Scope, batchId: number) {
  after(() => runExchangeWork(`check import ${batchId}`, () => validateImportBatch(scope, batchId)));
}

export function scheduleImportCommit(scope: Scope, batchId: number) {
  after(() =>
    runExchangeWork(`commit import ${batchId}`, async () => {
      await commitImportBatch(scope, batchId);
    }),
  );
}

/** The upload: the file and the partner it came from; the check starts after the response. */
export async function startImport(form: FormData | null): Promise<{ id: number }> {
  const { scope, user } = await requireActor("exchange.import", "throw");
  const file = form?.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("VALIDATION", "validation", { fieldErrors: { file: "exchange.import.noFile" } });
  // A partner office's file is always its own; others name the partner it came from.
  const { partnerOfficeId } = user.role === "PARTNER" ? { partnerOfficeId: scope.officeId } : uploadSchema.parse({ partnerOfficeId: form?.get("partnerOfficeId") });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const batch = await createImportBatch(scope, { partnerOfficeId, fileName: file.name, bytes });
  scheduleImportCheck(scope, batch.id);
  return batch;
}
