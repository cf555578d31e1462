import { describe, expect, it } from 'vitest';
import { describeFailure, diagnose, rawCode } from './diagnose';
import type { CheckStep, FailureFacts } from './failure';

/** A reply as Exchange Online or postfix writes it, in the step it came in. */
const reply = (text: string, step: CheckStep = 'smtp-auth'): FailureFacts => {
  const [, code, status] = /^(\d{3})[ -](?:(\d\.\d+\.\d+) )?/.exec(text) ?? [];
  return {
    step,
    host: 'smtp.office365.com:587',
    message: text,
    smtpCode: Number(code),
    ...(status ? { smtpStatus: status } : {}),
  };
};

describe('SMTP replies', () => {
  it.each([
    [
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
      'smtp-auth-disabled',
    ],
    [
      '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.',
      'smtp-auth-disabled',
    ],
    [
      '535 5.7.139 Authentication unsuccessful, basic authentication is disabled.',
      'smtp-basic-auth-disabled',
    ],
    [
      '535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.',
      'smtp-credentials-incorrect',
    ],
    [
      '550 5.7.30 Basic authentication is not supported for Client Submission.',
      'smtp-basic-auth-not-supported',
    ],
    ['535 5.7.8 Error: authentication failed: authentication failure', 'smtp-wrong-password'],
    ['535 Authentication credentials invalid', 'smtp-wrong-password'],
  ])('explains "%s" (AUTH)', (text, id) => {
    expect(diagnose(reply(text))?.id).toBe(id);
  });

  it.each([
    [
      '530 5.7.57 Client not authenticated to send mail. [AM0PR01CA0001.eurprd01.prod.exchangelabs.com]',
      'smtp-not-authenticated',
    ],
    [
      '554 5.2.252 SendAsDenied; erp.mail@contoso.com not allowed to send as orders@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied',
      'smtp-send-as-denied',
    ],
    [
      '550 5.7.60 SMTP; Client does not have permissions to send as this sender',
      'smtp-send-as-denied',
    ],
  ])('explains "%s" (sending)', (text, id) => {
    expect(diagnose(reply(text, 'smtp-send'))?.id).toBe(id);
  });

  it('tells a refused OAuth token from a wrong password', () => {
    expect(diagnose(reply('535 5.7.3 Authentication unsuccessful', 'smtp-oauth'))?.id).toBe(
      'smtp-oauth-refused',
    );
    expect(diagnose(reply('535 5.7.3 Authentication unsuccessful'))?.id).toBe(
      'smtp-wrong-password',
    );
  });

  it('points Basic auth failures at OAuth and Microsoft Graph, with the end-of-2026 date', () => {
    const text = describeFailure(
      reply('550 5.7.30 Basic authentication is not supported for Client Submission.'),
    ).join('\n');
    expect(text).toContain('Code: SMTP 550 5.7.30');
    expect(text).toContain('end of December 2026');
    expect(text).toContain('XOAUTH2');
    expect(text).toContain('Microsoft Graph');
    expect(text).toContain('System settings, rows 21–24');
  });

  it('sends the Basic-auth-off fix to the rows of row 23’s flow only', () => {
    const refused = reply(
      '550 5.7.30 Basic authentication is not supported for Client Submission.',
    );
    const steps = (flow: 'password' | 'client-secret') =>
      describeFailure(refused, flow).filter((line) => line.startsWith('Setup step:'));
    expect(steps('password')).toEqual([
      'Setup step: System settings, rows 21–23: Application (client) ID, Directory (tenant) ID, Authentication flow = User name/Password',
    ]);
    expect(steps('client-secret')).toEqual([
      'Setup step: System settings, rows 21–24: Application (client) ID, Directory (tenant) ID, Authentication flow, Client secret',
    ]);
  });

  it('quotes the code as support would: SMTP 535 5.7.139', () => {
    expect(
      rawCode(
        reply('535 5.7.139 Authentication unsuccessful, the user credentials were incorrect.'),
      ),
    ).toBe('SMTP 535 5.7.139');
    expect(rawCode(reply('535 Authentication failed'))).toBe('SMTP 535');
  });
});

describe('SMTP network faults', () => {
  const fault = (network: FailureFacts['network'], step: CheckStep): FailureFacts => ({
    step,
    network,
    host: 'mail.contoso.com:587',
    message: '…',
  });

  it.each<[FailureFacts['network'], CheckStep, string]>([
    ['refused', 'smtp-connect', 'smtp-connection-refused'],
    ['reset', 'smtp-send', 'smtp-connection-refused'],
    ['tls', 'smtp-tls', 'smtp-tls'],
    ['timeout', 'smtp-connect', 'smtp-timeout'],
    ['dns', 'smtp-connect', 'dns-smtp'],
  ])('explains %s in %s as %s', (network, step, id) => {
    expect(diagnose(fault(network, step))?.id).toBe(id);
  });

  it('names the SMTP ports in the fix, not the Exchange Online one', () => {
    const text = describeFailure(fault('refused', 'smtp-connect')).join('\n');
    expect(text).toContain('Failed: Connect (SMTP) (mail.contoso.com:587)');
    expect(text).toContain('0 uses 587, or 465 with Use SSL = Yes');
    expect(text).toContain('System settings, row 19: Use SSL');
  });

  it('explains a server without STARTTLS and one without the needed AUTH', () => {
    expect(
      diagnose({
        step: 'smtp-tls',
        message:
          'mail.contoso.com:25 does not offer STARTTLS, so the password would travel unencrypted. Nothing was sent.',
      })?.id,
    ).toBe('smtp-no-starttls');
    expect(
      diagnose({
        step: 'smtp-oauth',
        message: 'mail.contoso.com:587 does not offer AUTH XOAUTH2 (offered: PLAIN LOGIN).',
      })?.id,
    ).toBe('smtp-no-auth-mechanism');
  });
});
