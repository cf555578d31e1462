import { describe, expect, it } from 'vitest';
import type { CheckRunInput } from '../../../shared/contract/check';
import { stepNames, type CheckStep } from '../../../shared/diagnosis/failure';
import type { DemoEndpoint } from '../../../shared/demo/switches';
import { DEMO_PASSWORD, DEMO_USERS } from '../../demo-tenant/seed';
import type { CheckHarness } from '../../../test-support/services/check-harness';
import { useCheckHarness } from '../../../test-support/testing/use-check-harness';

let h: CheckHarness;
useCheckHarness((harness) => (h = harness));

type Method = 'ews' | 'graph' | 'smtp' | 'exchange';

/** Each E-mail method as the dialog runs it against the demo tenant. */
function inputFor(method: Method): CheckRunInput {
  const base = h.input();
  switch (method) {
    case 'ews':
      return base;
    case 'graph':
      return { ...base, dialog: { ...base.dialog, sendThrough: 'graph' } };
    case 'smtp':
      return {
        ...base,
        form: { ...base.form, emailMethod: 'smtp', serverAddress: 'smtp.office365.com' },
        secrets: { smtpPassword: { action: 'set', value: DEMO_PASSWORD } },
        dialog: { ...base.dialog, emailMethod: 'smtp' },
      };
    case 'exchange':
      return {
        ...base,
        form: { ...base.form, emailMethod: 'exchange', serverAddress: 'exchange.contoso.local' },
        secrets: { exchangePassword: { action: 'set', value: DEMO_PASSWORD } },
        dialog: { ...base.dialog, emailMethod: 'exchange' },
      };
  }
}

/** Every network step of every method, and the endpoint made slow so the step is in flight. */
const cases: { method: Method; step: CheckStep; slow: DemoEndpoint; sends: boolean }[] = [
  { method: 'ews', step: 'token', slow: 'token', sends: false },
  { method: 'ews', step: 'send', slow: 'ews', sends: true },
  { method: 'graph', step: 'token', slow: 'token', sends: false },
  { method: 'graph', step: 'graph-send', slow: 'graph', sends: true },
  { method: 'smtp', step: 'smtp-connect', slow: 'smtp', sends: false },
  { method: 'smtp', step: 'smtp-tls', slow: 'smtp', sends: false },
  { method: 'smtp', step: 'smtp-auth', slow: 'smtp', sends: false },
  { method: 'smtp', step: 'smtp-send', slow: 'smtp', sends: true },
  { method: 'exchange', step: 'send', slow: 'ews', sends: true },
];

describe('Cancel in each step of each method', () => {
  it.each(cases)('$method, $step: stops within a second', async ({ method, step, slow, sends }) => {
    const check = h.newCheck();
    const input = inputFor(method);
    let cancelledAt = 0;
    h.onProgress = (event) => {
      if (event.kind !== 'step' || event.state !== 'running') return;
      // Slow from this step on, so the cancel lands while its request is in flight.
      if (event.step === step) {
        h.tenant.state.setFault(slow, { latencyMs: 5_000 });
        cancelledAt = performance.now();
        void check.cancel(input.runId);
      }
    };
    const result = await check.run(input);
    const finishedAt = performance.now();
    expect(result.outcome).toBe('cancelled');
    expect(result.lines[0]).toBe('Cancelled');
    expect(result.lines[1]).toContain(`during ${stepNames[step]}`);
    expect(finishedAt - cancelledAt).toBeLessThan(1_000);
    // A cancel before the send step sends nothing; during it, Result says it may be on its way.
    if (!sends) {
      expect(result.lines[1]).toMatch(/nothing was sent/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(h.tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox).toHaveLength(0);
    }
  });
});
