import { describe, expect, it } from 'vitest';
import { describeFailure, diagnose, formatSetupStep } from './diagnose';
import type { FailureFacts } from './failure';

const token = (aadsts: number): FailureFacts => ({
  step: 'token',
  aadsts,
  message: `AADSTS${aadsts}: …`,
});
const ewsStep = (facts: Partial<FailureFacts>): FailureFacts => ({
  step: 'send',
  message: '',
  ...facts,
});

describe('diagnose', () => {
  it.each([
    [7000218, 'public-client-flows-off'],
    [700025, 'public-client-with-secret'],
    [50076, 'mfa-required'],
    [50079, 'mfa-required'],
    [65001, 'consent-missing'],
    [700016, 'app-not-found'],
    [7000215, 'secret-invalid'],
    [7000222, 'secret-expired'],
    [50126, 'wrong-password'],
    [50034, 'user-not-found'],
    [50053, 'account-locked'],
    [50057, 'account-disabled'],
    [50055, 'password-expired'],
    [90002, 'tenant-not-found'],
    [900023, 'tenant-not-found'],
    [53003, 'conditional-access'],
    [70011, 'invalid-scope'],
    [500011, 'invalid-scope'],
  ])('explains AADSTS%i as %s', (code, id) => {
    expect(diagnose(token(code))?.id).toBe(id);
  });

  it('tells a token without EWS permission from other 401s', () => {
    expect(diagnose(ewsStep({ httpStatus: 401, msDiagnostics: '2000008;reason="…"' }))?.id).toBe(
      'token-lacks-ews-permission',
    );
    expect(diagnose(ewsStep({ httpStatus: 401 }))).toBeUndefined();
  });

  it('tells EWS being blocked from a propagation 403, and only the latter is retried', () => {
    const blocked = diagnose(
      ewsStep({ httpStatus: 403, message: 'EWS is disabled for this organization' }),
    );
    expect(blocked?.id).toBe('ews-blocked');
    expect(blocked?.retryable).toBeFalsy();
    const early = diagnose(ewsStep({ httpStatus: 403, message: 'Forbidden' }));
    expect(early?.id).toBe('propagation-delay');
    expect(early?.retryable).toBe(true);
  });

  it('recognises mailbox errors, the impersonation bug, throttling and network faults', () => {
    expect(diagnose(ewsStep({ ewsCode: 'ErrorNonExistentMailbox' }))?.id).toBe('mailbox-access');
    expect(diagnose(ewsStep({ ewsCode: 'ErrorSendAsDenied' }))?.id).toBe('mailbox-access');
    expect(
      diagnose(
        ewsStep({
          httpStatus: 500,
          message:
            'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
        }),
      )?.id,
    ).toBe('impersonation-missing');
    expect(diagnose(ewsStep({ httpStatus: 429 }))?.id).toBe('throttled');
    expect(diagnose({ step: 'token', network: 'dns', message: 'ENOTFOUND' })?.id).toBe('dns');
    expect(diagnose({ step: 'token', network: 'timeout', message: 'timed out' })?.id).toBe(
      'timeout',
    );
  });
});

describe('IMAP login failures', () => {
  const imap = (message: string, facts: Partial<FailureFacts> = {}): FailureFacts => ({
    step: 'imap',
    host: 'imap.contoso.com',
    message,
    ...facts,
  });

  it.each([
    '[AUTHENTICATIONFAILED] Authentication failed.',
    'AUTHENTICATE failed.',
    'LOGIN failed.',
  ])('explains "%s" as a refused login', (message) => {
    expect(diagnose(imap(message))?.id).toBe('imap-login-failed');
  });

  it('tells the admin to check the account and that IMAP is enabled', () => {
    const lines = describeFailure(imap('[AUTHENTICATIONFAILED] Authentication failed.'));
    expect(lines.join('\n')).not.toContain('not in the list of known setup problems');
    expect(lines).toContain(
      'Meaning: The user name or the password is wrong, or IMAP is disabled for the mailbox.',
    );
    expect(lines.join('\n')).toContain(
      'Check the account’s User name and Password, and that IMAP is enabled for the mailbox.',
    );
  });

  it('leaves network faults and other steps to their own entries', () => {
    expect(diagnose(imap('Authentication failed.', { network: 'timeout' }))?.id).toBe('timeout');
    expect(diagnose({ ...imap('LOGIN failed.'), step: 'send' })?.id).toBeUndefined();
  });
});

describe('describeFailure', () => {
  it('names the step, the code, the meaning, the fixing step and the correlation id', () => {
    const lines = describeFailure(
      { ...token(7000218), correlationId: 'abc-123', host: 'login.microsoftonline.com' },
      'password',
    );
    expect(lines[0]).toBe('Failed: Acquire token (login.microsoftonline.com)');
    expect(lines).toContain('Code: AADSTS7000218');
    expect(lines.join('\n')).toContain(
      'Setup step: Azure Portal setup (User name & password), steps 17–18: Allow public client flows = Yes',
    );
    expect(lines).toContain('Correlation id: abc-123');
  });

  it('shows only the steps of the flow in use when an error has one per flow', () => {
    const text = describeFailure(token(65001), 'client-secret').join('\n');
    expect(text).toContain('Azure Portal setup (Client secret), steps 15–16');
    expect(text).not.toContain('User name & password');
  });

  it('says plainly when an error is not known', () => {
    expect(describeFailure(token(12345)).join('\n')).toContain(
      'not in the list of known setup problems',
    );
  });

  it('formats a single app row', () => {
    expect(formatSetupStep({ part: 'app', steps: [15], title: 'Server address' })).toBe(
      'System settings, row 15: Server address',
    );
  });
});
