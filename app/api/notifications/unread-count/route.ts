import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/notifications/data";

// The header bell's count while a page stays open: a read, so a GET beside the page and never a
// server action queued with the user's own saves (decision 014).
export async function GET() {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  return NextResponse.json({ count: await countUnreadNotifications(actor.scope) }, { headers: { "Cache-Control": "no-store" } });
}
