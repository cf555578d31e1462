import { expect, it } from 'vitest';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import {
  defaultRetryPolicy,
  freshForbiddenBudget,
  freshThrottleBudget,
  retryDecision,
  type RetryPolicy,
} from './retry-policy';

const policy: RetryPolicy = {
  ...defaultRetryPolicy,
  throttleDelayMs: 1_000,
  maxThrottleWaitMs: 10_000,
};
const facts = (more: Partial<FailureFacts>): FailureFacts => ({
  step: 'send',
  message: 'throttled',
  ...more,
});
const fresh = () => ({ forbidden: freshForbiddenBudget(policy), throttle: freshThrottleBudget() });
const delays = (failure: FailureFacts, times: number, budgets = fresh()) =>
  Array.from({ length: times }, () => {
    const decision = retryDecision(failure, budgets, policy);
    return decision.retry ? decision.delayMs : decision;
  });

it('EWS ErrorServerBusy waits its BackOffMilliseconds, and backs off exponentially without it', () => {
  const withHint = facts({ httpStatus: 500, ewsCode: 'ErrorServerBusy', retryAfterSeconds: 3 });
  expect(delays(withHint, 1)).toEqual([3_000]);
  const bare = facts({ httpStatus: 500, ewsCode: 'ErrorServerBusy' });
  // 1 + 2 + 4 = 7 s waited; 8 s more would pass the 10 s bound.
  expect(delays(bare, 4)).toEqual([
    1_000,
    2_000,
    4_000,
    { retry: false, bound: { waitedSeconds: 7, askedSeconds: 8, boundSeconds: 10 } },
  ]);
});

it('the bound is on the total wait: every throttled request of the run draws on it', () => {
  const budgets = fresh();
  const graph = facts({ httpStatus: 429, retryAfterSeconds: 4 });
  const ews = facts({ httpStatus: 500, ewsCode: 'ErrorServerBusy', retryAfterSeconds: 4 });
  expect(delays(graph, 2, budgets)).toEqual([4_000, 4_000]);
  expect(delays(ews, 1, budgets)).toEqual([
    { retry: false, bound: { waitedSeconds: 8, askedSeconds: 4, boundSeconds: 10 } },
  ]);
  expect(budgets.throttle.waitedMs).toBe(8_000);
});

it('Graph 429 waits its Retry-After; one beyond the bound is reported instead, at once', () => {
  expect(delays(facts({ httpStatus: 429, retryAfterSeconds: 2 }), 1)).toEqual([2_000]);
  expect(delays(facts({ httpStatus: 503, retryAfterSeconds: 31 }), 1)).toEqual([
    { retry: false, bound: { waitedSeconds: 0, askedSeconds: 31, boundSeconds: 10 } },
  ]);
  expect(delays(facts({ httpStatus: 500, ewsCode: 'ErrorInternalServerError' }), 1)).toEqual([
    { retry: false },
  ]);
});

it('a Retry-After of 0 still waits a second, so the bound is reached in time', () => {
  expect(delays(facts({ httpStatus: 429, retryAfterSeconds: 0 }), 11).at(-1)).toEqual({
    retry: false,
    bound: { waitedSeconds: 10, askedSeconds: 1, boundSeconds: 10 },
  });
});

it('a 403 right after setup uses its own delays, not the throttling bound', () => {
  const forbidden = facts({ httpStatus: 403 });
  expect(delays(forbidden, 4)).toEqual([5_000, 10_000, 20_000, { retry: false }]);
});
