import { describe, expect, it } from 'vitest';
import type { CheckRunInput } from '../../../shared/contract/check';
import { DEMO_PASSWORD, DEMO_USERS } from '../../demo-tenant/seed';
import type { CheckHarness } from '../../../test-support/services/check-harness';
import { useCheckHarness } from '../../../test-support/testing/use-check-harness';

let h: CheckHarness;
useCheckHarness((harness) => (h = harness));

const inbox = (address: string) => h.tenant.state.readMailbox(address).folders.inbox;

/** Server based, via SMTP to the given server, the SMTP password typed in the dialog. */
function smtpInput(serverAddress = 'smtp.office365.com', password = DEMO_PASSWORD): CheckRunInput {
  const base = h.input();
  return {
    ...base,
    form: { ...base.form, emailMethod: 'smtp', serverAddress, port: '587', useSsl: false },
    secrets: { smtpPassword: { action: 'set', value: password } },
    dialog: { ...base.dialog, emailMethod: 'smtp' },
  };
}

describe('Server based, via SMTP against the demo tenant', () => {
  it('says OK! with each step, the banner, TLS, AUTH mechanisms and replies; the mail arrives', async () => {
    const result = await h.newCheck().run(smtpInput('mail.contoso-demo.example'));
    expect(result.lines[0]).toBe('OK!');
    expect(result.steps.map((s) => s.step)).toEqual([
      'validate',
      'smtp-connect',
      'smtp-tls',
      'smtp-auth',
      'smtp-send',
    ]);
    const text = result.lines.join('\n');
    expect(text).toMatch(/220 .*Microsoft ESMTP MAIL Service ready/);
    expect(text).toMatch(/TLSv1\.[23]/);
    expect(text).toMatch(/AUTH.*PLAIN.*LOGIN/);
    expect(text).toMatch(/message 250 2\.0\.0/);
    expect(text).not.toMatch(/XOAUTH2 \(OAuth\) attempt/);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(inbox(DEMO_USERS.recipient).map((m) => m.subject)).toEqual([
      expect.stringMatching(/^ERP Mail Settings: test message, /),
    ]);
  });

  it('to smtp.office365.com adds Basic auth’s end and an XOAUTH2 attempt up to AUTH: exactly one message', async () => {
    const result = await h.newCheck().run(smtpInput());
    expect(result.lines[0]).toBe('OK!');
    const text = result.lines.join('\n');
    expect(text).toMatch(/end of December 2026 \(550 5\.7\.30\)/);
    expect(text).toMatch(
      /XOAUTH2 \(OAuth\) attempt: XOAUTH2 accepted up to AUTH as erp\.mail@\S+ \(EHLO, TLS, AUTH XOAUTH2, QUIT\); no second message sent\./,
    );
    expect(text).not.toMatch(/second test message was sent/);
    expect(result.steps.filter((s) => s.step === 'smtp-send')).toHaveLength(1);
    expect(inbox(DEMO_USERS.recipient)).toHaveLength(1);
    expect(h.tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems).toHaveLength(1);
  });

  it('with Basic auth off, fails on 550 5.7.30 with its fix, and proves XOAUTH2 without sending', async () => {
    h.tenant.state.updateOrganization({ smtpBasicAuthEnabled: false });
    const result = await h.newCheck().run(smtpInput());
    expect(result).toMatchObject({
      outcome: 'failed',
      diagnosisId: 'smtp-basic-auth-not-supported',
    });
    const text = result.lines.join('\n');
    expect(text).toMatch(/^Failed: /);
    expect(text).toMatch(/550 5\.7\.30 Basic authentication is not supported/);
    expect(text).toMatch(/XOAUTH2 accepted up to AUTH as \S+ .*; no second message sent\./);
    expect(text).not.toMatch(/OK!/);
    // Row 23 is User name/Password: its rows, not the Client secret ones, fix it.
    expect(result.lines.filter((l) => l.startsWith('Setup step:'))).toEqual([
      'Setup step: System settings, rows 21–23: Application (client) ID, Directory (tenant) ID, Authentication flow = User name/Password',
    ]);
    expect(result.steps.some((s) => s.step === 'smtp-send')).toBe(false);
    expect(inbox(DEMO_USERS.recipient)).toHaveLength(0);
  });

  it('with SMTP AUTH off for the tenant, explains 5.7.139 with the PowerShell that turns it on', async () => {
    h.tenant.state.updateOrganization({ smtpAuthEnabled: false });
    const result = await h.newCheck().run(smtpInput());
    expect(result.diagnosisId).toBe('smtp-auth-disabled');
    expect(result.lines.join('\n')).toMatch(
      /Set-TransportConfig -SmtpClientAuthenticationDisabled \$false/,
    );
  });

  it('a wrong password is diagnosed and never shown', async () => {
    const result = await h.newCheck().run(smtpInput('smtp.office365.com', 'Wrong-Passw0rd!'));
    expect(result.diagnosisId).toBe('smtp-credentials-incorrect');
    expect(result.lines.join('\n')).not.toContain('Wrong-Passw0rd!');
  });
});

describe('Server based, via Microsoft Exchange (on-premises) against the demo tenant', () => {
  const onPremInput = (password = DEMO_PASSWORD): CheckRunInput => {
    const base = h.input();
    return {
      ...base,
      form: { ...base.form, emailMethod: 'exchange', serverAddress: 'exchange.contoso-demo.local' },
      secrets: { exchangePassword: { action: 'set', value: password } },
      dialog: { ...base.dialog, emailMethod: 'exchange' },
    };
  };

  it('sends with Basic over HTTPS, no token step, and says OK!', async () => {
    const result = await h.newCheck().run(onPremInput());
    expect(result.lines[0]).toBe('OK!');
    expect(result.steps.map((s) => s.step)).toEqual(['validate', 'send']);
    expect(result.lines.join('\n')).not.toMatch(/EWS in Exchange Online ends/);
    expect(inbox(DEMO_USERS.recipient)).toHaveLength(1);
  });

  it('a wrong password gets 401, explained as the Exchange account', async () => {
    const result = await h.newCheck().run(onPremInput('wrong'));
    expect(result).toMatchObject({ outcome: 'failed', diagnosisId: 'onprem-credentials' });
    expect(result.lines.join('\n')).toMatch(/Code: HTTP 401/);
    expect(result.lines.join('\n')).not.toContain('wrong');
  });

  it('a server that offers Windows authentication only is said to need a test from the ERP', async () => {
    h.tenant.state.updateOrganization({ onPremBasicAuthEnabled: false });
    const result = await h.newCheck().run(onPremInput());
    expect(result.diagnosisId).toBe('onprem-windows-auth-only');
    expect(result.lines.join('\n')).toMatch(/must be tested from the ERP/);
  });
});
