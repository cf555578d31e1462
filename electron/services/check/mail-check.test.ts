import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckRunInput } from '../../../shared/contract/check';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../../demo-tenant/seed';
import type { CheckHarness } from '../../../test-support/services/check-harness';
import { useCheckHarness } from '../../../test-support/testing/use-check-harness';

let h: CheckHarness;
useCheckHarness((harness) => (h = harness));

/** The Client secret flow on the seeded confidential app, secret typed but not saved. */
const clientSecretInput = (patch: Partial<CheckRunInput> = {}): CheckRunInput => {
  const base = h.input();
  return {
    ...base,
    form: { ...base.form, clientId: CLIENT_SECRET_APP_ID, authFlow: 'client-secret' },
    secrets: { clientSecret: { action: 'set', value: DEMO_SECRET_VALUE } },
    ...patch,
  };
};

const inbox = (address: string) => h.tenant.state.readMailbox(address).folders.inbox;

describe('check e-mail settings against the demo tenant', () => {
  it('sends with the first-run Demo prefill (User name/Password) and answers OK!', async () => {
    const result = await h.newCheck().run(h.input());
    expect(result.lines[0]).toBe('OK!');
    expect(result).toMatchObject({ ok: true, outcome: 'ok' });
    expect(result.steps.map((s) => s.step)).toEqual(['validate', 'token', 'send']);
    expect(result.lines).toContain('Token audience: https://outlook.office365.com');
    expect(result.lines).toContain('Token scopes: EWS.AccessAsUser.All SMTP.Send');
    expect(result.lines.some((l) => /^Token expires: \d{4}-\d\d-\d\dT/.test(l))).toBe(true);
    expect(result.lines.some((l) => /^EWS server version: 15\./.test(l))).toBe(true);
    expect(result.lines.at(-1)).toMatch(
      /^EWS in Exchange Online ends on 2027-04-01 \(\d+ days? left\)\.$/,
    );

    const received = inbox(DEMO_USERS.recipient);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: DEMO_USERS.erpService });
    expect(received[0]!.subject).toMatch(/^ERP Mail Settings: test message, /);
    expect(received[0]!.body).toContain(`Application (client) ID: ${ROPC_APP_ID}`);
    expect(received[0]!.body).not.toContain(DEMO_PASSWORD);

    const progress = h.progress.map((p) => `${p.step}:${p.state}`);
    expect(progress).toEqual([
      'validate:running',
      'validate:done',
      'token:running',
      'token:done',
      'send:running',
      'send:done',
    ]);
  });

  it('counts the days EWS has left on the run clock, and from 2027-04-01 on sends nothing', async () => {
    const on = (iso: string) => ({ now: () => performance.now(), date: () => new Date(iso) });
    const before = await h.newCheck({ clock: on('2027-03-30T10:00:00Z') }).run(h.input());
    expect(before.lines.at(-1)).toBe('EWS in Exchange Online ends on 2027-04-01 (2 days left).');

    h.tenant.state.resetCounters();
    const after = await h.newCheck({ clock: on('2027-04-01T08:00:00Z') }).run(h.input());
    expect(after).toMatchObject({ ok: false, outcome: 'failed', diagnosisId: 'ews-retired' });
    expect(after.lines).toContain(
      'Meaning: Microsoft switched EWS off in Exchange Online for good on 2027-04-01; no setting brings it back, so the test sent nothing.',
    );
    expect(after.lines.at(-1)).toBe(
      'EWS in Exchange Online ended on 2027-04-01: use Microsoft Graph (Send through: Microsoft Graph).',
    );
    expect(h.tenant.state.requestCounts()).toMatchObject({ token: 0, ews: 0 });
  });

  it('reuses the token within its lifetime: a second Test makes no token request', async () => {
    const check = h.newCheck();
    expect((await check.run(h.input())).lines[0]).toBe('OK!');
    h.tenant.state.resetCounters();
    const second = await check.run(h.input());
    expect(second.lines[0]).toBe('OK!');
    expect(second.lines).toContainEqual(expect.stringMatching(/cached token/));
    expect(h.tenant.state.requestCounts()).toMatchObject({ token: 0, ews: 1 });
    expect(inbox(DEMO_USERS.recipient)).toHaveLength(2);
  });

  it('asks again when the password, the user or the client changes', async () => {
    const check = h.newCheck();
    await check.run(h.input());
    h.tenant.state.resetCounters();
    const wrong = await check.run(
      h.input({ secrets: { exchangePassword: { action: 'set', value: 'not-it' } } }),
    );
    expect(wrong.facts?.aadsts).toBe(50126);
    expect(h.tenant.state.requestCounts().token).toBe(1);
  });

  describe('reads the keychain at most once per run', () => {
    // Saved secrets sit under versioned entries (crash-safe saves): system.exchangePassword~v….
    const password = [expect.stringMatching(/^system\.exchangePassword(~v[\w.]+)?$/)];
    afterEach(() => vi.restoreAllMocks());
    const spy = () => ({ read: vi.spyOn(h.vault, 'read'), isSet: vi.spyOn(h.vault, 'isSet') });

    it('the stored password, for both validation and the token', async () => {
      const keychain = spy();
      expect((await h.newCheck().run(h.input())).lines[0]).toBe('OK!');
      expect(keychain.read.mock.calls).toEqual([password]);
      // Only the app's start asks, to put back a missing demo password; the run never does.
      expect(keychain.isSet.mock.calls).toEqual([password]);
    });

    it('not at all when the run brings its own secret, typed or cleared', async () => {
      const keychain = spy();
      expect((await h.newCheck().run(clientSecretInput())).lines[0]).toBe('OK!');
      const cleared = h.input({
        dialog: { ...h.input().dialog, password: { action: 'clear' } },
      });
      const result = await h.newCheck().run(cleared);
      expect(result.outcome).toBe('invalid');
      expect(result.lines).toContain(
        'Password (Exchange): Password (Exchange) is missing: enter that account’s password',
      );
      expect(keychain.read).not.toHaveBeenCalled();
      expect(keychain.isSet.mock.calls).toEqual([password, password]);
    });
  });

  it('sends with the Client secret flow, impersonating the sender', async () => {
    const result = await h.newCheck().run(clientSecretInput());
    expect(result.lines[0]).toBe('OK!');
    expect(result.lines).toContain('Token roles: full_access_as_app SMTP.SendAsApp');
    expect(inbox(DEMO_USERS.recipient)).toHaveLength(1);
  });

  it('warns before row 24’s secret expires, with the days left and the fix', async () => {
    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const base = clientSecretInput();
    const result = await h
      .newCheck()
      .run({ ...base, form: { ...base.form, clientSecretExpires: inTenDays } });
    expect(result.lines[0]).toBe('OK!');
    // Right under OK!, where it is seen without scrolling the Result.
    expect(result.lines[1]).toBe(
      `The client secret expires on ${inTenDays} (10 days left): create a new secret in Certificates & secrets (Azure Portal step 21), put its Value in Client secret (row 24) and save before then.`,
    );
  });

  it('validates first and sends nothing while the form or dialog has errors', async () => {
    const base = h.input();
    const result = await h.newCheck().run({
      ...base,
      form: { ...base.form, clientId: '' },
      dialog: { ...base.dialog, recipient: 'not-an-address' },
    });
    expect(result.outcome).toBe('invalid');
    expect(result.lines).toContain(
      'Application (client) ID: Application (client) ID is missing: copy it from the app registration’s Overview in Entra ID',
    );
    expect(result.lines).toContain(
      'Recipient: E-mail address is not valid: enter it as name@domain, e.g. erp@contoso.com',
    );
    expect(result.errors?.map((e) => e.field)).toEqual(['clientId', 'dialog.recipient']);
    expect(h.tenant.state.requestCounts()).toMatchObject({ token: 0, ews: 0 });
  });

  it('composes a Client based test message as a mailto: link and sends nothing', async () => {
    const base = h.input();
    const result = await h
      .newCheck()
      .run({ ...base, dialog: { ...base.dialog, emailMethod: 'client' } });
    expect(result.outcome).toBe('composed');
    expect(result.lines[0]).toBe('Composed');
    expect(result.lines).toContain(
      'Nothing else can be checked from here: whether it arrives depends on the mail client and its account.',
    );
    const mailto = new URL(result.mailto ?? '');
    expect(mailto.protocol).toBe('mailto:');
    expect(mailto.pathname).toBe(DEMO_USERS.recipient);
    expect(mailto.searchParams.get('subject')).toMatch(/^ERP Mail Settings: test message, /);
    expect(mailto.searchParams.get('body')).toContain(`Sender: ${DEMO_USERS.erpService}`);
    expect(h.tenant.state.requestCounts()).toMatchObject({ token: 0, ews: 0 });
  });
});
