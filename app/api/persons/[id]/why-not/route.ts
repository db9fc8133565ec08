import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { runFormAction } from "@/lib/action-result";
import { loadWhyNot } from "@/lib/matching/loaders";

// "Why is this vacancy not among the suggestions?" on a person's suggestions page: a read, so a
// GET beside the page and not a server action queued with the user's saves (decision 014). The
// answer is the same FormResult the page's forms get; null data when the person or vacancy is not
// there for this user. Scoped in loadWhyNot, like the page.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await getActor())) return NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  const personId = Number((await params).id);
  const vacancyId = Number(new URL(request.url).searchParams.get("vacancy"));
  const valid = (n: number) => Number.isSafeInteger(n) && n > 0;
  const result = valid(personId) && valid(vacancyId) ? await runFormAction(() => loadWhyNot(personId, vacancyId)) : { status: "ok" as const, data: null };
  return NextResponse.json(result, { headers: { "Cache-Control": "no-store" } });
}
