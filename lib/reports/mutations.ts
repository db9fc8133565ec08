import "server-only";
import { db } from "@/lib/db";
import { assertCan } from "@/lib/auth/policy";
import { recordAudit } from "@/lib/audit/mutations";
import type { Scope } from "@/lib/auth/scope";

// The dashboard writes one thing: the record that someone exported a view (report.exported), in
// its own transaction, before the file leaves the server.

export async function recordReportExport(scope: Scope, input: { format: "xlsx" | "pdf"; from: string; to: string; region: string | null; fileName: string }) {
  assertCan(scope, "report.export");
  await db().$transaction(async (tx) => {
    await recordAudit(tx, scope, {
      action: "report.exported",
      entityType: "report",
      entityId: "dashboard",
      changes: { format: input.format, from: input.from, to: input.to, region: input.region, fileName: input.fileName },
    });
  });
}
