import { expect, it } from 'vitest';
import {
  useValidationHarness,
  type ValidationHarness,
} from '../../../test-support/services/validation-harness';
import { defaultRetryPolicy } from '../runs/retry-policy';

/* Validate all through EWS while Exchange Online answers ErrorServerBusy (FLOWS.md §12). */

let h: ValidationHarness;
useValidationHarness((harness) => (h = harness));

const ACCOUNTS = 12;

it('ErrorServerBusy with BackOffMilliseconds: each row waits it out and ends validated, once', async () => {
  // One EWS request per mailbox per 1.5 s: GetFolder passes, FindItem is busy until the window ends.
  h.tenant.state.setLimits({ ews: { requests: 1, windowMs: 1_500 } });
  const { result, counts, waits, log, form } = await h.validateAll(
    h.tenant.state.addMailboxes(ACCOUNTS),
    { through: 'ews' },
  );
  expect(result.outcome).toBe('done');
  expect(result.results.every((r) => r.ok)).toBe(true);
  // GetFolder, FindItem busy, FindItem again: GetFolder is never sent twice.
  expect(counts.ews).toBe(3 * ACCOUNTS);
  expect(counts.token).toBe(1);
  expect(new Set(waits.map((w) => w.accountId))).toEqual(new Set(form.accounts.map((a) => a.id)));
  expect(waits.every((w) => w.step === 'folder' && w.attempt === 2)).toBe(true);
  expect(waits[0]?.detail).toMatch(/^HTTP 500, ErrorServerBusy from outlook\.office365\.com/);
  expect(log).toHaveLength(ACCOUNTS);
  expect(log.every((e) => e.ok && (e.throttledMs ?? 0) >= 1_000)).toBe(true);
});

it('ErrorServerBusy without BackOffMilliseconds: the app backs off exponentially of its own', async () => {
  h.tenant.state.setLimits({ ews: { requests: 1, windowMs: 1_000, backOffHint: false } });
  const retry = { ...defaultRetryPolicy, throttleDelayMs: 400, tickMs: 100 };
  const { result, counts, waits } = await h.validateAll(h.tenant.state.addMailboxes(4), {
    through: 'ews',
    retry,
  });
  expect(result.results.every((r) => r.ok)).toBe(true);
  // 400 ms, still busy; 800 ms more, past the 1 s window: two waits, each doubling the last.
  const first = waits.filter((w) => w.attempt === 2);
  const second = waits.filter((w) => w.attempt === 3);
  expect(new Set(second.map((w) => w.accountId)).size).toBe(4);
  expect(first[0]?.detail).toMatch(/trying again in 1 s/);
  expect(waits.some((w) => w.attempt === 4)).toBe(false);
  expect(counts.ews).toBe(4 * 4);
});

it('a wait beyond the bound ends the row with the diagnosis; the other rows are not dropped', async () => {
  h.tenant.state.setLimits({ ews: { requests: 1, windowMs: 60_000, backOffHint: false } });
  const retry = { ...defaultRetryPolicy, throttleDelayMs: 250, maxThrottleWaitMs: 1_000 };
  const started = performance.now();
  const { result, log } = await h.validateAll(h.tenant.state.addMailboxes(3), {
    through: 'ews',
    retry,
  });
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(result.results).toHaveLength(3);
  for (const row of result.results) {
    expect(row.ok).toBe(false);
    expect(row.diagnosisId).toBe('throttle-wait-bound');
    // 250 + 500 ms waited; 1 s more would pass the 1 s bound.
    expect(row.lines).toContain(
      'Meaning: Microsoft is throttling this app. Waiting another 1 s on top of the 1 s already waited would pass the 1 s the app waits on throttling in all, so it stopped.',
    );
  }
  expect(log.every((e) => e.diagnosisId === 'throttle-wait-bound' && e.throttledMs === 750)).toBe(
    true,
  );
});
