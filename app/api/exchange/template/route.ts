import { NextResponse } from "next/server";
import { templateForRequest } from "@/lib/data-exchange/export";

// The empty template: GET /api/exchange/template?format=xlsx|csv&lang=zh|en.
export async function GET(request: Request) {
  const url = new URL(request.url);
  const file = await templateForRequest(url.searchParams.get("format"), url.searchParams.get("lang"));
  if (!file) return NextResponse.json({ status: "NOT_FOUND" }, { status: 404 });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, max-age=3600",
    },
  });
}
