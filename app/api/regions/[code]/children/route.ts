import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { listDivisionChildren } from "@/lib/reference/data";

// The next level of the administrative divisions under a code, for the region pickers. A GET
// and not a server action: Next dispatches a client's server actions one at a time, behind
// navigations, so a picker waiting on one could wait on something else entirely (decision 014).
// Reference data for signed-in users only; it changes with a new release of the divisions, so a
// browser may keep an answer for an hour.
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  if (!(await getActor())) return NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  const code = (await params).code;
  if (!/^\d{2,9}$/.test(code)) return NextResponse.json({ error: "NOT_FOUND" }, { status: 404 });
  const rows = await listDivisionChildren(code);
  return NextResponse.json(
    rows.map((d) => ({ code: d.code, name: d.name, level: d.level })),
    { headers: { "Cache-Control": "private, max-age=3600" } },
  );
}
