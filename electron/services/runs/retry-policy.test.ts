import { expect, it } from 'vitest';
import type { FailureFacts } from '../../../shared/diagnosis/failure';
import { defaultRetryPolicy, freshBudget, retryDelay } from './retry-policy';

const policy = { ...defaultRetryPolicy, throttleRetries: 3, throttleDelayMs: 1_000 };
const facts = (more: Partial<FailureFacts>): FailureFacts => ({
  step: 'send',
  message: 'throttled',
  ...more,
});

it('EWS ErrorServerBusy waits its BackOffMilliseconds, and backs off exponentially without it', () => {
  const withHint = facts({ httpStatus: 500, ewsCode: 'ErrorServerBusy', retryAfterSeconds: 3 });
  expect(retryDelay(withHint, freshBudget(policy), policy)).toBe(3_000);
  const bare = facts({ httpStatus: 500, ewsCode: 'ErrorServerBusy' });
  const budget = freshBudget(policy);
  expect([1, 2, 3, 4].map(() => retryDelay(bare, budget, policy))).toEqual([
    1_000,
    2_000,
    4_000,
    undefined,
  ]);
});

it('Graph 429 waits its Retry-After; one beyond the bound is reported instead', () => {
  expect(
    retryDelay(facts({ httpStatus: 429, retryAfterSeconds: 2 }), freshBudget(policy), policy),
  ).toBe(2_000);
  expect(
    retryDelay(facts({ httpStatus: 429, retryAfterSeconds: 31 }), freshBudget(policy), policy),
  ).toBeUndefined();
  expect(
    retryDelay(
      facts({ httpStatus: 500, ewsCode: 'ErrorInternalServerError' }),
      freshBudget(policy),
      policy,
    ),
  ).toBeUndefined();
});
