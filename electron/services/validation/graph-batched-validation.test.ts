import { expect, it } from 'vitest';
import {
  useValidationHarness,
  type ValidationHarness,
} from '../../../test-support/services/validation-harness';

/* Validate all through Microsoft Graph with Client secret: `$batch` requests on one token. */

let h: ValidationHarness;
useValidationHarness((harness) => (h = harness));

it('300 accounts: ≤ 2 × 300 / 20 Graph requests and exactly one token request', async () => {
  const { result, counts } = await h.validateAll(h.tenant.state.addMailboxes(300));
  expect(result.outcome).toBe('done');
  expect(result.results.every((r) => r.ok)).toBe(true);
  expect(counts.graph).toBe(30);
  expect(counts.token).toBe(1);
});

it('with the limits lowered, 429s inside the batches are waited out, each row counting down', async () => {
  h.tenant.state.setLimits({ graph: { requests: 1, windowMs: 1_500 } });
  const addresses = h.tenant.state.addMailboxes(20);
  const { result, counts, waits, log, form } = await h.validateAll(addresses);
  expect(result.results.every((r) => r.ok)).toBe(true);
  // Two batches, then each account's second read retried on its own once its window passed, in
  // batches with the reads due at the same moment: at most one request per retried read.
  expect(counts.graph).toBeGreaterThanOrEqual(2 + 1);
  expect(counts.graph).toBeLessThanOrEqual(2 + 10);
  expect(counts.token).toBe(1);
  // Each row's countdown: its account, Graph's Retry-After, the bound on the total wait.
  expect(new Set(waits.map((w) => w.accountId))).toEqual(new Set(form.accounts.map((a) => a.id)));
  expect(waits[0]).toMatchObject({
    step: 'graph-folder',
    attempt: 2,
    throttle: { boundSeconds: 60 },
  });
  expect(waits[0]?.detail).toMatch(/^HTTP 429, ApplicationThrottled from graph\.microsoft\.com/);
  expect(log.every((e) => (e.throttledMs ?? 0) >= 1_000)).toBe(true);
});

it('the whole batch throttled with Retry-After as an HTTP date: each read goes again after it', async () => {
  h.tenant.state.setFault('graph', {
    status: 429,
    retryAfterSeconds: 1,
    retryAfterAsDate: true,
    times: 1,
  });
  const addresses = h.tenant.state.addMailboxes(5);
  const started = performance.now();
  const { result, counts, waits } = await h.validateAll(addresses);
  expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
  expect(result.results.every((r) => r.ok)).toBe(true);
  // The batch, then each account's two reads on their own (the second without waiting again),
  // batched with the other accounts' reads due then.
  expect(counts.graph).toBeGreaterThanOrEqual(1 + 2);
  expect(counts.graph).toBeLessThanOrEqual(1 + 2 * 5);
  // One wait per account (its countdown ticks each second), never a second one.
  expect(new Set(waits.map((w) => w.accountId)).size).toBe(5);
  expect(waits.every((w) => w.attempt === 2)).toBe(true);
  expect(waits.every((w) => (w.retryInSeconds ?? 0) <= 2)).toBe(true);
});

it('a Retry-After beyond the bound is reported with the diagnosis, not waited for', async () => {
  h.tenant.state.setLimits({ graph: { requests: 1, windowMs: 120_000 } });
  const [address] = h.tenant.state.addMailboxes(1);
  const started = performance.now();
  const { result, waits } = await h.validateAll([address ?? '']);
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(waits).toEqual([]);
  const [row] = result.results;
  expect(row?.ok).toBe(false);
  expect(row && !row.ok ? row.facts : undefined).toMatchObject({
    httpStatus: 429,
    graphCode: 'ApplicationThrottled',
    throttleWait: { waitedSeconds: 0, askedSeconds: 120, boundSeconds: 60 },
  });
  expect(row?.diagnosisId).toBe('throttle-wait-bound');
});
