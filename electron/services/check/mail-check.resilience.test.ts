import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS, ROPC_APP_ID } from '../../demo-tenant/seed';
import type { CheckHarness } from '../../../test-support/services/check-harness';
import { useCheckHarness } from '../../../test-support/testing/use-check-harness';

/** The demo tenant's clock, which the propagation tests move forward. */
const clock = { offsetMs: 0 };
const PROPAGATION_MS = 60_000;
const REQUEST_TIMEOUT_MS = 1_500;

let h: CheckHarness;
useCheckHarness(
  (harness) => (h = harness),
  { now: () => Date.now() + clock.offsetMs, propagationDelayMs: PROPAGATION_MS },
  REQUEST_TIMEOUT_MS,
);
beforeEach(() => {
  clock.offsetMs = 0;
});

/** Consent granted again just now: EWS answers 403 until the change has propagated. */
const justConsented = () => {
  h.tenant.state.updateApp(ROPC_APP_ID, { adminConsentGranted: false });
  h.tenant.state.updateApp(ROPC_APP_ID, { adminConsentGranted: true });
};

const waits = () => h.progress.filter((p) => p.state === 'waiting');

describe('a 403 right after setup (propagation delay)', () => {
  it('is retried with a countdown and ends in OK! once the change has propagated', async () => {
    justConsented();
    h.onProgress = (event) => {
      // The tenant's clock passes the delay while the check waits for its second retry.
      if (event.state === 'waiting' && event.attempt === 3) clock.offsetMs = PROPAGATION_MS;
    };
    const result = await h.newCheck().run(h.input());
    expect(result.lines[0]).toBe('OK!');
    expect(waits().map((w) => w.attempt)).toContain(2);
    expect(waits().every((w) => w.step === 'send' && (w.retryInSeconds ?? -1) >= 0)).toBe(true);
    expect(waits()[0]!.detail).toMatch(/HTTP 403 from outlook\.office365\.com.*trying again in/);
    expect(h.tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox).toHaveLength(1);
  });

  it('ends in a clear failure when it has not propagated after the last retry', async () => {
    justConsented();
    const result = await h.newCheck().run(h.input());
    expect(result.outcome).toBe('failed');
    expect(result.diagnosisId).toBe('propagation-delay');
    expect(result.lines).toContain('Code: HTTP 403');
    expect(result.lines.find((l) => l.startsWith('Message: '))).toMatch(/Tried 4 times over/);
    expect(result.lines).toContainEqual(expect.stringMatching(/^Meaning: .*propagate/));
    expect(new Set(waits().map((w) => w.attempt))).toEqual(new Set([2, 3, 4]));
  });
});

describe('network and service state', () => {
  it('stops within a second when cancelled during a slow token request', async () => {
    h.tenant.state.setFault('token', { latencyMs: 8_000 });
    const check = h.newCheck();
    const input = h.input();
    let cancelledAt = 0;
    let cancelled: Promise<boolean> | undefined;
    h.onProgress = (event) => {
      if (event.step === 'token' && event.state === 'running') {
        cancelledAt = performance.now();
        cancelled = check.cancel(input.runId);
      }
    };
    const run = await timed(() => check.run(input));
    expect(run.result.outcome).toBe('cancelled');
    expect(run.result.lines[0]).toBe('Cancelled');
    expect(run.result.lines[1]).toMatch(/during Acquire token; nothing was sent/);
    expect(run.finishedAt - cancelledAt).toBeLessThan(1_000);
    expect(await cancelled).toBe(true);
    expect(await check.cancel(input.runId)).toBe(false);
    expect((await h.testLog.list('all'))[0]).toMatchObject({ outcome: 'cancelled', ok: false });
  });

  it('ends a hung EWS endpoint with a timeout naming the host', async () => {
    h.tenant.state.setFault('ews', { latencyMs: 10_000 });
    const result = await h.newCheck().run(h.input());
    expect(result.diagnosisId).toBe('timeout-ews');
    expect(result.lines[0]).toMatch(
      /^Failed: Send test message \(EWS\) \(outlook\.office365\.com, via the demo tenant at 127\.0\.0\.1:\d+\)$/,
    );
    expect(result.lines).toContain('Code: network: timeout');
    expect(result.lines).toContain('Meaning: Exchange Web Services (EWS) did not answer in time.');
  });

  it('ends a hung token endpoint with a timeout naming the host', async () => {
    h.tenant.state.setFault('token', { latencyMs: 10_000 });
    const result = await h.newCheck().run(h.input());
    expect(result.diagnosisId).toBe('timeout-sign-in');
    expect(result.lines[0]).toMatch(/^Failed: Acquire token \(login\.microsoftonline\.com, via/);
    expect(result.lines.find((l) => l.startsWith('Message: '))).toMatch(/127\.0\.0\.1:\d+/);
  });

  it.each(['ews', 'token'] as const)(
    'honours Retry-After of a 429 from %s, then succeeds',
    async (endpoint) => {
      h.tenant.state.setFault(endpoint, { status: 429, retryAfterSeconds: 1, times: 1 });
      const started = performance.now();
      const result = await h.newCheck().run(h.input());
      expect(result.lines[0]).toBe('OK!');
      expect(performance.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(waits()[0]).toMatchObject({ retryInSeconds: 1, attempt: 2 });
    },
  );

  it('reports a 503 whose Retry-After is beyond the limit instead of waiting', async () => {
    h.tenant.state.setFault('ews', { status: 503, retryAfterSeconds: 600 });
    const result = await h.newCheck().run(h.input());
    expect(result.diagnosisId).toBe('throttled');
    expect(result.lines).toContain('Retry after: 600 s');
    expect(waits()).toEqual([]);
  });
});

/** Runs `work` and notes when it settled. */
async function timed<T>(work: () => Promise<T>) {
  const result = await work();
  return { result, finishedAt: performance.now() };
}
