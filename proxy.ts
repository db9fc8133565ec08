import { NextResponse, type NextRequest } from "next/server";

// Sends signed-out visitors to the login page. Not a security boundary: every page and action
// checks the session itself, and every query carries its scope (lib/auth/session.ts).
const PUBLIC = ["/login", "/api/auth", "/_next", "/favicon.ico"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC.some((p) => pathname.startsWith(p))) return NextResponse.next();
  const hasSession =
    request.cookies.has("next-auth.session-token") || request.cookies.has("__Secure-next-auth.session-token");
  if (hasSession) return NextResponse.next();
  // An API read answers the browser's fetch, not a person: 401, never the login page's HTML.
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "UNAUTHENTICATED" }, { status: 401 });
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// The exchange upload is left out: a proxy sees at most 10 MB of a request body (Next's
// proxyClientMaxBodySize), and partners' files are larger; the route checks the session itself.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/exchange/upload).*)"] };
