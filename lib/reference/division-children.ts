// The region pickers' read of the next level (GET /api/regions/{code}/children, decision 014):
// client-side, kept apart from the component so its failure rules are unit-tested.

export type Division = { code: string; name: string; level: number };

/** The session is gone: the picker says so instead of asking for another click. */
export class SignedOutError extends Error {}

/**
 * The places under `code`. A network error, a timeout or a 5xx is tried once more after
 * `retryAfterMs`; a 4xx is an answer and is not. 401 (or the proxy's redirect to the login
 * page) throws SignedOutError.
 */
export async function fetchDivisionChildren(code: string, options: { timeoutMs?: number; retryAfterMs?: number; fetch?: typeof fetch } = {}): Promise<Division[]> {
  const { timeoutMs = 8_000, retryAfterMs = 500, fetch: get = fetch } = options;
  for (let attempt = 0; ; attempt++) {
    let response: Response | null = null;
    try {
      response = await get(`/api/regions/${encodeURIComponent(code)}/children`, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (attempt > 0) throw error;
    }
    if (response) {
      if (response.status === 401 || response.redirected) throw new SignedOutError();
      if (response.ok) return (await response.json()) as Division[];
      if (response.status < 500 || attempt > 0) throw new Error(`HTTP ${response.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
  }
}
