// Runs once when the server starts: load the matching index in the background so the first
// caseworker to ask for suggestions does not wait for it (docs/decisions/006-matching-index.md).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.JOBBRIDGE_WARM_MATCHING === "0") return;
  const { warmMatchIndex } = await import("@/lib/matching/index-store");
  warmMatchIndex();
}
