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

  it('reads X-EWS-Policy-Reason: its two values, and a 403 without it is the retried propagation row', () => {
    const disabled = diagnose(
      ewsStep({ httpStatus: 403, ewsPolicyReason: 'EWS is disabled for this user or tenant' }),
    );
    expect(disabled?.id).toBe('ews-disabled');
    expect(disabled?.retryable).toBeFalsy();
    const blocked = diagnose(
      ewsStep({
        httpStatus: 403,
        ewsPolicyReason: 'EWS is blocked by policy for this user or tenant',
      }),
    );
    expect(blocked?.id).toBe('ews-blocked');
    expect(blocked?.retryable).toBeFalsy();
    // A body that talks about EWS is no evidence: only the header is.
    const early = diagnose(
      ewsStep({ httpStatus: 403, message: 'EWS is disabled for this organization' }),
    );
    expect(early?.id).toBe('propagation-delay');
    expect(early?.retryable).toBe(true);
  });

  it('gives the allow-list commands read-then-write, with the app’s ID and no Add syntax', () => {
    const appId = 'c4f1a2b3-5d6e-4f70-8a91-b2c3d4e5f601';
    const text = describeFailure(
      ewsStep({
        httpStatus: 403,
        ewsPolicyReason: 'EWS is blocked by policy for this user or tenant',
      }),
      'password',
      appId,
    ).join('\n');
    expect(text).toContain('Code: HTTP 403, X-EWS-Policy-Reason: EWS is blocked by policy');
    expect(text).toContain(
      'Get-OrganizationConfig -RetrieveEwsOperationAccessPolicy | Format-List EwsAllowedAppIDs',
    );
    expect(text).toContain(`Set-OrganizationConfig -EwsAllowedAppIDs "<existing ids>,${appId}"`);
    expect(text).not.toMatch(/@\{\s*Add/i);
    const disabled = describeFailure(
      ewsStep({ httpStatus: 403, ewsPolicyReason: 'EWS is disabled for this user or tenant' }),
    ).join('\n');
    expect(disabled).toContain('Get-CASMailbox -Identity <mailbox> | Format-List EwsEnabled');
    expect(disabled).toContain('Set-OrganizationConfig -EwsEnabled:$true');
  });

  it.each([
    [
      {
        graphCode: 'ErrorAccessDenied',
        message: 'Access is denied. Check credentials and try again.',
      },
      'graph-access-denied',
    ],
    [
      { graphCode: 'ErrorAccessDenied', message: 'Access to OData is disabled.' },
      'graph-mailbox-scoped-out',
    ],
    [
      {
        graphCode: 'InvalidAuthenticationToken',
        message: 'Access token validation failure. Invalid audience.',
      },
      'graph-token-rejected',
    ],
    [
      {
        graphCode: 'NoPermissionsInAccessToken',
        message: 'The token contains no permissions, or permissions can not be understood.',
      },
      'graph-token-rejected',
    ],
    [
      {
        graphCode: 'MailboxNotEnabledForRESTAPI',
        message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      },
      'graph-no-mailbox',
    ],
    [
      {
        graphCode: 'ErrorSendAsDenied',
        message:
          'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account., Cannot submit message.',
      },
      'graph-send-as-denied',
    ],
    [
      { graphCode: 'ErrorInvalidUser', message: "The requested user 'x' is invalid." },
      'mailbox-access',
    ],
  ])('explains Graph’s %o as %s', (facts, id) => {
    expect(diagnose({ step: 'graph-send', httpStatus: 403, ...facts })?.id).toBe(id);
  });

  it('shows Graph’s code and request-id for a support ticket', () => {
    const lines = describeFailure({
      step: 'graph-folder',
      httpStatus: 403,
      graphCode: 'ErrorAccessDenied',
      message: 'Access to OData is disabled.',
      requestId: 'req-1',
    });
    expect(lines).toContain('Code: HTTP 403, ErrorAccessDenied');
    expect(lines).toContain("Microsoft's request ID: req-1");
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
    expect(diagnose({ step: 'token', network: 'dns', message: 'ENOTFOUND' })?.id).toBe(
      'dns-sign-in',
    );
    expect(diagnose({ step: 'send', network: 'timeout', message: 'timed out' })?.id).toBe(
      'timeout-ews',
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
    expect(diagnose(imap('Authentication failed.', { network: 'timeout' }))?.id).toBe(
      'timeout-imap',
    );
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
    expect(lines).toContain("Microsoft's correlation ID: abc-123");
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
