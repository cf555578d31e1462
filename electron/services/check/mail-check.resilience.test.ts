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

  it('reports a 503 whose Retry-After passes the bound on throttling, without waiting', async () => {
    h.tenant.state.setFault('ews', { status: 503, retryAfterSeconds: 600 });
    const result = await h.newCheck().run(h.input());
    expect(result.diagnosisId).toBe('throttle-wait-bound');
    expect(result.lines).toContain('Retry after: 600 s');
    // fastRetry's bound is 3 s.
    expect(result.lines).toContain(
      'Meaning: Microsoft is throttling this app. Waiting another 600 s on top of the 0 s already waited would pass the 3 s the app waits on throttling in all, so it stopped.',
    );
    expect(waits()).toEqual([]);
  });
});

describe('throttling held the Test', () => {
  it('EWS ErrorServerBusy waits its BackOffMilliseconds; the Result and the Test log say for how long', async () => {
    h.tenant.state.setLimits({ ews: { requests: 1, windowMs: 1_500 } });
    expect((await h.newCheck().run(h.input())).lines[0]).toBe('OK!');
    const result = await h.newCheck().run(h.input());
    expect(result.lines[0]).toBe('OK!');
    const [wait] = waits();
    expect(wait).toMatchObject({ step: 'send', attempt: 2, throttle: { boundSeconds: 3 } });
    expect(wait?.detail).toMatch(
      /^HTTP 500, ErrorServerBusy from outlook\.office365\.com, via .*: trying again in [12] s \(throttling holds this [12] s of at most 3 s\)$/,
    );
    expect(result.lines).toContainEqual(
      expect.stringMatching(/^Microsoft's throttling: throttling held [12] s$/),
    );
    const [entry] = await h.testLog.list('all');
    expect(entry?.throttledMs).toBeGreaterThan(0);
  });

  it('Microsoft Graph 429 with Retry-After as an HTTP date is waited out in a Test through Graph', async () => {
    h.tenant.state.setFault('graph', {
      status: 429,
      retryAfterSeconds: 1,
      retryAfterAsDate: true,
      times: 1,
    });
    h.tenant.state.resetCounters();
    const input = h.input();
    const result = await h
      .newCheck()
      .run({ ...input, dialog: { ...input.dialog, sendThrough: 'graph' } });
    expect(result.lines[0]).toBe('OK!');
    expect(waits()[0]).toMatchObject({ step: 'graph-send', attempt: 2 });
    expect(h.tenant.state.requestCounts().graph).toBe(2);
  });

  it('a wait beyond the bound ends the Test with the diagnosis, after what it already waited', async () => {
    // No BackOffMilliseconds: the app backs off from 100 ms, doubling, until the 3 s bound.
    h.tenant.state.setLimits({ ews: { requests: 1, windowMs: 60_000, backOffHint: false } });
    await h.newCheck().run(h.input());
    const result = await h.newCheck().run(h.input());
    expect(result.diagnosisId).toBe('throttle-wait-bound');
    expect(waits().map((w) => w.attempt)).toEqual(expect.arrayContaining([2, 3, 4, 5]));
    const meaning = result.lines.find((l) => l.startsWith('Meaning: '));
    expect(meaning).toMatch(/another 2 s on top of the 2 s already waited would pass the 3 s/);
    expect((await h.testLog.list('all'))[0]).toMatchObject({ diagnosisId: 'throttle-wait-bound' });
  });
});

/** Runs `work` and notes when it settled. */
async function timed<T>(work: () => Promise<T>) {
  const result = await work();
  return { result, finishedAt: performance.now() };
}
