import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../../shared/contract/check';
import { resultText } from './result-text';

const result = (overrides: Partial<CheckResult>): CheckResult => ({
  runId: 'r',
  ok: false,
  outcome: 'failed',
  lines: [],
  steps: [],
  logEntryId: 'l',
  ...overrides,
});

describe('resultText', () => {
  it('shows nothing until a run has finished', () => {
    expect(resultText({ phase: 'running' })).toEqual({ lines: [], tone: 'none' });
  });

  it("shows main's lines with the run's tone", () => {
    expect(
      resultText({
        phase: 'finished',
        result: result({ ok: true, outcome: 'ok', lines: ['OK!', 'Token: 3 ms'] }),
      }),
    ).toEqual({
      lines: ['OK!', 'Token: 3 ms'],
      tone: 'ok',
    });
    expect(
      resultText({ phase: 'finished', result: result({ lines: ['Failed: Acquire token'] }) }).tone,
    ).toBe('failed');
    expect(resultText({ phase: 'finished', result: result({ outcome: 'cancelled' }) })).toEqual({
      lines: ['Cancelled'],
      tone: 'neutral',
    });
  });

  it('adds the delivery lines under OK!, and a bounce turns the first line into its diagnosis', () => {
    const ok = result({ runId: 'r', ok: true, outcome: 'ok', lines: ['OK!', 'Token: 3 ms'] });
    const delivery = {
      runId: 'r',
      kind: 'delivery' as const,
      following: true,
      lines: ['Saved in Sent Items: 2026-12-05T17:00:01Z'],
    };
    expect(resultText({ phase: 'finished', result: ok, delivery }).lines).toEqual([
      'OK!',
      'Token: 3 ms',
      'Saved in Sent Items: 2026-12-05T17:00:01Z',
    ]);
    const bounce = { lines: ['Failed: Delivery (5.1.10 for a@b)', 'Code: DSN 5.1.10 (failed)'] };
    const bounced = resultText({
      phase: 'finished',
      result: ok,
      delivery: { ...delivery, following: false, bounce },
    });
    expect(bounced.tone).toBe('failed');
    expect(bounced.lines.slice(0, 2)).toEqual(bounce.lines);
    expect(bounced.lines).toContain('Token: 3 ms');
    expect(bounced.lines).not.toContain('OK!');
    // Another run's delivery never reaches this Result.
    const other = resultText({
      phase: 'finished',
      result: ok,
      delivery: { ...delivery, runId: 'x' },
    });
    expect(other.lines).toEqual(['OK!', 'Token: 3 ms']);
  });

  it("lists the form's errors of an invalid run, leaving the dialog's to its fields", () => {
    const invalid = result({
      outcome: 'invalid',
      errors: [
        { field: 'clientId', message: 'Application (client) ID is missing' },
        { field: 'dialog.recipient', message: 'E-mail address is not valid' },
      ],
    });
    expect(resultText({ phase: 'finished', result: invalid }).lines).toEqual([
      expect.stringContaining('Application (client) ID is missing'),
    ]);
  });

  it('shows why the call itself failed', () => {
    expect(resultText({ phase: 'finished', error: 'The app cannot be reached.' })).toEqual({
      lines: ['The app cannot be reached.'],
      tone: 'failed',
    });
  });
});
