import { describe, expect, it } from 'vitest';
import type { TestLogEntry } from '../../../shared/contract/test-log';
import { NOT_USED, formatDuration, partiesOf, resultOf, testedOf } from './format';

const entry = (overrides: Partial<TestLogEntry> = {}): TestLogEntry => ({
  id: '1',
  time: '2026-11-26T10:00:00.000Z',
  environment: 'demo',
  procedure: 'system-settings',
  flow: 'password',
  sender: 'erp@contoso.com',
  recipient: 'dana@contoso.com',
  ok: true,
  outcome: 'ok',
  steps: [],
  durationMs: 120,
  summary: 'OK!',
  ...overrides,
});

describe('Test log formatting', () => {
  it('names the parties of a send and the mailbox of a validation', () => {
    expect(partiesOf(entry())).toEqual(['erp@contoso.com →', 'dana@contoso.com']);
    expect(
      partiesOf(entry({ sender: undefined, recipient: undefined, mailbox: 'orders@x.com' })),
    ).toEqual(['orders@x.com']);
  });

  it('shows the raw code of a failure, and cancelled and invalid runs as such', () => {
    expect(resultOf(entry())).toEqual({ verdict: 'OK' });
    expect(resultOf(entry({ ok: false, outcome: 'failed', code: 'AADSTS50126' }))).toEqual({
      verdict: 'Failed',
      code: 'AADSTS50126',
    });
    expect(resultOf(entry({ ok: false, outcome: 'cancelled' }))).toEqual({ verdict: 'Cancelled' });
    expect(resultOf(entry({ ok: false, outcome: 'unsupported' }))).toEqual({
      verdict: 'Not tested',
    });
    expect(resultOf(entry({ ok: false, outcome: 'invalid' }))).toEqual({
      verdict: 'Failed',
      code: 'invalid settings',
    });
  });

  it('formats durations and flows for people', () => {
    expect(formatDuration(42.4)).toBe('42 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(testedOf(entry({ flow: 'client-secret' })).flow).toBe('Client secret');
    expect(testedOf(entry({ flow: undefined })).flow).toBe('');
    expect(testedOf(entry({ flow: undefined, emailMethod: 'smtp' }))).toEqual({
      method: 'Server based, via SMTP',
      api: NOT_USED,
      flow: NOT_USED,
      server: NOT_USED,
      account: NOT_USED,
    });
  });
});
