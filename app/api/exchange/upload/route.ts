import { NextResponse } from "next/server";
import { runFormAction } from "@/lib/action-result";
import { startImport } from "@/lib/data-exchange/jobs";
import { sameOrigin } from "../same-origin";

// The upload of a partner's file: a route handler, not a server action, because files run to tens
// of megabytes (server actions stop at 1 MB) and proxy.ts leaves this path (/api/exchange/upload) alone for the same
// reason (a proxy sees at most 10 MB of a body). The check runs after the response; the page
// polls GET /api/exchange/imports/<id>.
export async function POST(request: Request) {
  if (!sameOrigin(request)) return NextResponse.json({ status: "error", message: "cross-site request refused" }, { status: 403 });
  const form = await request.formData().catch(() => null);
  const result = await runFormAction(() => startImport(form));
  return NextResponse.json(result, { status: result.status === "ok" ? 200 : result.status === "invalid" ? 400 : 403 });
}
