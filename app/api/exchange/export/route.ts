import { NextResponse } from "next/server";
import { runFormAction } from "@/lib/action-result";
import { exportForRequest } from "@/lib/data-exchange/export";
import { sameOrigin } from "../same-origin";

// An export for a partner office: the file itself, after its log and audit rows are written.
export async function POST(request: Request) {
  if (!sameOrigin(request)) return NextResponse.json({ status: "error", message: "cross-site request refused" }, { status: 403 });
  const form = await request.formData().catch(() => null);
  const result = await runFormAction(() => exportForRequest(form ? Object.fromEntries(form) : {}));
  if (result.status !== "ok") return NextResponse.json(result, { status: result.status === "invalid" ? 400 : 403 });
  const file = result.data;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
      "X-Export-Rows": String(file.rows),
    },
  });
}
