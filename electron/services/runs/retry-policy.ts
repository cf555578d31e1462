import { diagnose } from '../../../shared/diagnosis/diagnose';
import type { FailureFacts } from '../../../shared/diagnosis/failure';

/** When a step waits and tries again instead of reporting at once. */
export interface RetryPolicy {
  /** Waits before each retry of a 403 the diagnosis calls retryable (propagation after setup). */
  forbiddenDelaysMs: number[];
  /**
   * Retries of a 429/503 or EWS ErrorServerBusy, each after the server's Retry-After or
   * BackOffMilliseconds (without one, `throttleDelayMs` doubled at each retry).
   */
  throttleRetries: number;
  throttleDelayMs: number;
  /** A Retry-After longer than this is reported instead of waited for. */
  maxRetryAfterMs: number;
  /** How often the countdown is pushed. */
  tickMs: number;
}

/** The guide says tenant changes take a while: three tries over 35 s, within about a minute. */
export const defaultRetryPolicy: RetryPolicy = {
  forbiddenDelaysMs: [5_000, 10_000, 20_000],
  throttleRetries: 2,
  throttleDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
  tickMs: 1_000,
};

/** What one step may still spend on retries. */
export interface RetryBudget {
  forbidden: number[];
  throttles: number;
}

export const freshBudget = (policy: RetryPolicy): RetryBudget => ({
  forbidden: [...policy.forbiddenDelaysMs],
  throttles: 0,
});

/**
 * How long to wait before trying a failed request again, or undefined to report it now: a 403 the
 * diagnosis calls retryable uses the next back-off delay, a 429/503 its Retry-After when bounded.
 */
export function retryDelay(
  facts: FailureFacts,
  budget: RetryBudget,
  policy: RetryPolicy,
): number | undefined {
  if (diagnose(facts)?.retryable) return budget.forbidden.shift();
  const throttled =
    facts.httpStatus === 429 || facts.httpStatus === 503 || facts.ewsCode === 'ErrorServerBusy';
  if (!throttled) return undefined;
  if (budget.throttles >= policy.throttleRetries) return undefined;
  // Without the server's Retry-After (or EWS's BackOffMilliseconds, not always sent), back off
  // exponentially from throttleDelayMs.
  const wanted =
    facts.retryAfterSeconds !== undefined
      ? facts.retryAfterSeconds * 1000
      : policy.throttleDelayMs * 2 ** budget.throttles;
  if (wanted > policy.maxRetryAfterMs) return undefined;
  budget.throttles += 1;
  return wanted;
}
