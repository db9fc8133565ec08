// Runs once when the server starts: load the matching index in the background so the first
// caseworker to ask for suggestions does not wait for it (docs/decisions/006-matching-index.md),
// and start the job queue that sweeps follow-ups for escalations, overdue work and monitoring
// (docs/decisions/008-follow-ups-and-jobs.md; JOBBRIDGE_DISABLE_JOBS=1 leaves it to other instances).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.JOBBRIDGE_WARM_MATCHING !== "0") {
    const { warmMatchIndex } = await import("@/lib/matching/index-store");
    warmMatchIndex();
  }
  const { jobsDisabled, startJobQueueInBackground } = await import("@/lib/jobs/queue");
  if (!jobsDisabled()) startJobQueueInBackground({ handleSignals: true });
}
