import { describe, expect, it } from 'vitest';
import { defaultIncomingSettings, toIncomingSettingsForm } from './incoming-settings';
import { basisOf, staleReason } from './validation-basis';

const form = toIncomingSettingsForm(
  {
    ...defaultIncomingSettings,
    clientId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    tenantId: 'contoso.onmicrosoft.com',
  },
  'sv-SE',
);
const made = basisOf(form, 'demo', 'v1');

describe('staleReason', () => {
  it('holds while nothing the validation depended on changed', () => {
    expect(staleReason(made, basisOf(form, 'demo', 'v1'))).toBeUndefined();
  });

  it('reads the values as a check does: spaces and the case of hosts and IDs do not count', () => {
    const typed = {
      ...form,
      serverName: ' Outlook.Office365.com ',
      tenantId: 'Contoso.onmicrosoft.com ',
    };
    expect(staleReason(made, basisOf(typed, 'demo', 'v1'))).toBeUndefined();
  });

  it('reads them as a save stores them: a pasted {GUID} or portal link, a port with a leading 0', () => {
    const pasted = {
      ...form,
      clientId: '{6F1C2A3B-4D5E-4F60-8A7B-9C0D1E2F3A4B}',
      port: ` 0${form.port.trim() || '0'}`,
    };
    expect(staleReason(made, basisOf(pasted, 'demo', 'v1'))).toBeUndefined();
    const link = `https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${form.clientId}/isMSAApp~/false`;
    expect(staleReason(made, basisOf({ ...form, clientId: link }, 'demo', 'v1'))).toBeUndefined();
  });

  it.each([
    ['the environment changed', basisOf(form, 'microsoft365', 'v1')],
    [
      'the server settings changed',
      basisOf({ ...form, serverName: 'mail.contoso.com' }, 'demo', 'v1'),
    ],
    ['the server settings changed', basisOf({ ...form, tenantId: 'fabrikam.com' }, 'demo', 'v1')],
    ['the server settings changed', basisOf({ ...form, service: 'imap' }, 'demo', 'v1')],
    ['the flow changed', basisOf({ ...form, authFlow: 'client-secret' }, 'demo', 'v1')],
    ['the stored password changed', basisOf(form, 'demo', 'v2')],
  ])('is out of date once %s', (reason, now) => {
    expect(staleReason(made, now)).toBe(reason);
  });

  it('names the Client secret when the flow signs in with it', () => {
    const secretFlow = { ...form, authFlow: 'client-secret' as const };
    const before = basisOf(secretFlow, 'demo', 'v1');
    expect(staleReason(before, basisOf(secretFlow, 'demo', 'v2'))).toBe(
      'the Client secret changed',
    );
  });

  it('ignores the Entra ID fields and Validate through for a service that does not use them', () => {
    const imap = { ...form, service: 'imap' as const, serverName: 'imap.contoso.com', port: '993' };
    const before = basisOf(imap, 'demo', 'v1');
    const after = basisOf(
      { ...imap, tenantId: 'fabrikam.com', authFlow: 'client-secret' },
      'demo',
      'v1',
    );
    expect(staleReason(before, after)).toBeUndefined();
  });

  it('comes back when the settings are put back as they were', () => {
    const changed = basisOf({ ...form, serverName: 'mail.contoso.com' }, 'demo', 'v1');
    expect(staleReason(made, changed)).toBeDefined();
    expect(staleReason(made, basisOf(form, 'demo', 'v1'))).toBeUndefined();
  });

  it('leaves a result saved before bases were recorded as it was', () => {
    expect(staleReason(undefined, made)).toBeUndefined();
  });
});
