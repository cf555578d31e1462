import { diagnose } from '../../../shared/diagnosis/diagnose';
import type { FailureFacts, ThrottleWait } from '../../../shared/diagnosis/failure';

/** When a step waits and tries again instead of reporting at once. */
export interface RetryPolicy {
  /** Waits before each retry of a 403 the diagnosis calls retryable (propagation after setup). */
  forbiddenDelaysMs: number[];
  /**
   * A 429/503 or EWS ErrorServerBusy is tried again after the server's Retry-After or
   * BackOffMilliseconds; without one, after this, doubled at each further wait.
   */
  throttleDelayMs: number;
  /**
   * The most throttling may hold one Test, or one account of a validation, in all: a wait that
   * would pass it is not started, and the failure says so (the 'throttle-wait-bound' diagnosis).
   */
  maxThrottleWaitMs: number;
  /** How often the countdown is pushed. */
  tickMs: number;
}

/** The guide says tenant changes take a while: three tries over 35 s, within about a minute. */
export const defaultRetryPolicy: RetryPolicy = {
  forbiddenDelaysMs: [5_000, 10_000, 20_000],
  throttleDelayMs: 5_000,
  maxThrottleWaitMs: 60_000,
  tickMs: 1_000,
};

/** What one request may still spend on retries of a 403 right after setup. */
export type ForbiddenBudget = number[];

export const freshForbiddenBudget = (policy: RetryPolicy): ForbiddenBudget => [
  ...policy.forbiddenDelaysMs,
];

/** Throttling so far in one Test, or one account of a validation: shared by all its requests. */
export interface ThrottleBudget {
  /** Milliseconds waited on throttling in all. */
  waitedMs: number;
  /** Waits without the server's hint so far, for the exponential back-off. */
  guesses: number;
}

export const freshThrottleBudget = (): ThrottleBudget => ({ waitedMs: 0, guesses: 0 });

export const isThrottled = (facts: FailureFacts): boolean =>
  facts.httpStatus === 429 || facts.httpStatus === 503 || facts.ewsCode === 'ErrorServerBusy';

/** What to do about a failed request: wait and try again, or report it (throttled too long). */
export type RetryDecision =
  { retry: true; delayMs: number; throttled: boolean } | { retry: false; bound?: ThrottleWait };

/** The throttled request's wait: the server's, or the back-off's next (1 s at the least). */
function throttleDelay(facts: FailureFacts, budget: ThrottleBudget, policy: RetryPolicy): number {
  // Without the server's Retry-After (or EWS's BackOffMilliseconds, not always sent), back off
  // exponentially from throttleDelayMs.
  const wanted =
    facts.retryAfterSeconds !== undefined
      ? facts.retryAfterSeconds * 1000
      : policy.throttleDelayMs * 2 ** budget.guesses;
  // A Retry-After of 0 would try again at once, for ever: the bound needs time to pass.
  return Math.max(wanted, Math.min(1_000, policy.throttleDelayMs));
}

/**
 * How long to wait before trying a failed request again, or why not: a 403 the diagnosis calls
 * retryable uses the request's next back-off delay; a throttled request its Retry-After (seconds
 * or an HTTP date) or BackOffMilliseconds while the total wait stays within the bound.
 */
export function retryDecision(
  facts: FailureFacts,
  budgets: { forbidden: ForbiddenBudget; throttle: ThrottleBudget },
  policy: RetryPolicy,
): RetryDecision {
  if (diagnose(facts)?.retryable) {
    const delayMs = budgets.forbidden.shift();
    return delayMs === undefined ? { retry: false } : { retry: true, delayMs, throttled: false };
  }
  if (!isThrottled(facts)) return { retry: false };
  const { throttle } = budgets;
  const delayMs = throttleDelay(facts, throttle, policy);
  if (throttle.waitedMs + delayMs > policy.maxThrottleWaitMs)
    return {
      retry: false,
      bound: {
        waitedSeconds: Math.round(throttle.waitedMs / 1000),
        askedSeconds: Math.ceil(delayMs / 1000),
        boundSeconds: Math.round(policy.maxThrottleWaitMs / 1000),
      },
    };
  if (facts.retryAfterSeconds === undefined) throttle.guesses += 1;
  throttle.waitedMs += delayMs;
  return { retry: true, delayMs, throttled: true };
}
