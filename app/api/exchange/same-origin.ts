// Uploads and exports are POSTs from our own pages. The session cookie is SameSite=Lax already;
// this also refuses a cross-site form post outright, before any work is done.
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.get("host");
  } catch {
    return false;
  }
}
