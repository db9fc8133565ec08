import { NextResponse } from "next/server";
import { loadImportProgress } from "@/lib/data-exchange/loaders";

// What the import page polls while a file is checked or written.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  const progress = Number.isSafeInteger(id) && id > 0 ? await loadImportProgress(id) : null;
  if (!progress) return NextResponse.json({ status: "NOT_FOUND" }, { status: 404 });
  return NextResponse.json(progress, { headers: { "Cache-Control": "no-store" } });
}
