import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../shared/contract/check';
import { diagnosisTable } from '../../../shared/diagnosis/table';
import { checkVerdict } from './check-verdict';

const result = (overrides: Partial<CheckResult>): CheckResult => ({
  runId: 'r',
  ok: false,
  outcome: 'failed',
  lines: ['Failed: Acquire token', 'Code: AADSTS7000218'],
  steps: [],
  logEntryId: 'l',
  ...overrides,
});
const entry = (id: string) => diagnosisTable.find((e) => e.id === id)!;

describe('checkVerdict', () => {
  it('says nothing before a run, and the call’s error when it could not run', () => {
    expect(checkVerdict('token', undefined, undefined, 'password')).toBeUndefined();
    expect(checkVerdict('token', undefined, 'The test could not be run.', 'password')).toEqual({
      tone: 'failed',
      headline: 'The test could not be run.',
      lines: [],
      fixes: [],
    });
  });

  it('explains a failed token with the diagnosis and the steps that fix it', () => {
    const verdict = checkVerdict(
      'token',
      result({
        diagnosisId: 'public-client-flows-off',
        steps: [
          { step: 'validate', ms: 1, ok: true },
          { step: 'token', ms: 9, ok: false },
        ],
      }),
      undefined,
      'password',
    );
    expect(verdict?.tone).toBe('failed');
    expect(verdict?.headline).toBe(`Failed: ${entry('public-client-flows-off').meaning}`);
    expect(verdict?.lines[1]).toBe('Code: AADSTS7000218');
    expect(verdict?.fixes).toEqual([
      { part: 'password', steps: [17, 18], title: 'Allow public client flows = Yes' },
    ]);
  });

  it('keeps only the tested flow’s steps of a diagnosis that names both', () => {
    const verdict = checkVerdict(
      'token',
      result({ diagnosisId: 'consent-missing' }),
      undefined,
      'client-secret',
    );
    expect(verdict?.fixes.map((f) => f.part)).toEqual(['client-secret']);
  });

  it('passes a token step whose token came, while showing the send that failed after it', () => {
    const verdict = checkVerdict(
      'token',
      result({
        diagnosisId: 'mailbox-access',
        lines: ['Failed: Send test message (EWS)'],
        steps: [
          { step: 'validate', ms: 1, ok: true },
          { step: 'token', ms: 9, ok: true },
          { step: 'send', ms: 9, ok: false },
        ],
      }),
      undefined,
      'password',
    );
    expect(verdict).toMatchObject({
      tone: 'ok',
      headline: 'Token issued. The test message that followed failed:',
    });
    expect(
      checkVerdict(
        'ews',
        result({ diagnosisId: 'mailbox-access', steps: [{ step: 'token', ms: 1, ok: true }] }),
        undefined,
        'password',
      )?.tone,
    ).toBe('failed');
  });

  it('reports success, settings errors and runs that did not test', () => {
    expect(
      checkVerdict(
        'ews',
        result({ ok: true, outcome: 'ok', lines: ['OK!'] }),
        undefined,
        'password',
      ),
    ).toMatchObject({
      tone: 'ok',
      headline: 'OK! Token issued and test message sent.',
    });
    expect(
      checkVerdict(
        'token',
        result({
          outcome: 'invalid',
          lines: [
            'Failed: Validate settings',
            'The settings have 1 error; nothing was sent.',
            'Recipient: Recipient is missing',
          ],
        }),
        undefined,
        'password',
      ),
    ).toMatchObject({
      tone: 'failed',
      lines: ['The settings have 1 error; nothing was sent.', 'Recipient: Recipient is missing'],
    });
    expect(
      checkVerdict(
        'ews',
        result({ outcome: 'cancelled', lines: ['Cancelled', 'nothing was sent.'] }),
        undefined,
        'password',
      ),
    ).toMatchObject({
      tone: 'neutral',
      headline: 'Cancelled',
    });
  });
});
