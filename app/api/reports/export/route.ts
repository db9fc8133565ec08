import { NextResponse } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { runFormAction } from "@/lib/action-result";
import { requireActor } from "@/lib/auth/session";
import { exportDashboard, type Translate } from "@/lib/reports/export";
import { exportSchema } from "@/lib/reports/schema";
import { sameOrigin } from "../../exchange/same-origin";

// The dashboard view as XLSX or PDF: a POST from the dashboard's own export buttons, refused
// cross-site; the audit row is written before the file is made (lib/reports/export.ts).
export async function POST(request: Request) {
  if (!sameOrigin(request)) return NextResponse.json({ status: "error", message: "cross-site request refused" }, { status: 403 });
  const form = await request.formData().catch(() => null);
  const result = await runFormAction(async () => {
    const { scope } = await requireActor("report.export", "throw");
    const input = exportSchema.parse(form ? Object.fromEntries([...form].filter(([, v]) => v !== "")) : {});
    return exportDashboard(scope, input, await getLocale(), (await getTranslations()) as unknown as Translate);
  });
  if (result.status !== "ok") return NextResponse.json(result, { status: result.status === "invalid" ? 400 : 403 });
  const file = result.data;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${encodeURIComponent(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
