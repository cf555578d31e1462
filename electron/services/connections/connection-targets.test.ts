import { describe, expect, it } from 'vitest';
import { defaultIncomingSettings } from '../../../shared/settings/incoming-settings';
import {
  defaultSystemSettings,
  type SystemSettings,
} from '../../../shared/settings/system-settings';
import { connectionTargets } from './connection-targets';

const system = (patch: Partial<SystemSettings>): SystemSettings => ({
  ...defaultSystemSettings,
  ...patch,
});
const hosts = (targets: ReturnType<typeof connectionTargets>) =>
  targets.map((t) => `${t.service} ${t.host}:${t.port} ${t.protocol}`);

describe('the hosts Check connections tries', () => {
  it('Exchange Online through EWS: sign-in and the EWS host (443 when the port is 0)', () => {
    const s = system({
      emailMethod: 'exchange-online',
      serverAddress: 'outlook.office365.com',
      port: 0,
    });
    expect(hosts(connectionTargets(s, undefined, { send: 'ews', validate: 'ews' }))).toEqual([
      'sign-in login.microsoftonline.com:443 tls',
      'ews outlook.office365.com:443 tls',
    ]);
  });

  it('Send through Microsoft Graph: Graph instead of EWS', () => {
    const s = system({ emailMethod: 'exchange-online', serverAddress: 'outlook.office365.com' });
    expect(hosts(connectionTargets(s, undefined, { send: 'graph', validate: 'ews' }))).toEqual([
      'sign-in login.microsoftonline.com:443 tls',
      'graph graph.microsoft.com:443 tls',
    ]);
  });

  it('SMTP: STARTTLS on 587, implicit TLS on 465; Client based tries nothing', () => {
    const apis = { send: 'ews', validate: 'ews' } as const;
    const smtp = system({
      emailMethod: 'smtp',
      serverAddress: 'smtp.office365.com',
      port: 0,
      useSsl: false,
    });
    expect(hosts(connectionTargets(smtp, undefined, apis))).toEqual([
      'smtp smtp.office365.com:587 smtp-starttls',
    ]);
    const ssl = { ...smtp, useSsl: true };
    expect(hosts(connectionTargets(ssl, undefined, apis))).toEqual([
      'smtp smtp.office365.com:465 tls',
    ]);
    expect(connectionTargets(system({ emailMethod: 'client' }), undefined, apis)).toEqual([]);
  });

  it('incoming e-mail adds its own hosts, each host once, in the table order', () => {
    const s = system({
      emailMethod: 'exchange-online',
      serverAddress: 'outlook.office365.com',
      port: 0,
    });
    const imap = {
      ...defaultIncomingSettings,
      service: 'imap' as const,
      serverName: 'imap.contoso.example',
      port: 0,
    };
    const online = {
      ...defaultIncomingSettings,
      service: 'exchange-online' as const,
      serverName: 'outlook.office365.com',
      port: 0,
    };
    const onPrem = {
      ...defaultIncomingSettings,
      service: 'exchange' as const,
      serverName: 'mail.contoso.local',
      port: 0,
    };
    const apis = { send: 'ews', validate: 'graph' } as const;
    expect(hosts(connectionTargets(s, imap, apis)).at(-1)).toBe(
      'imap imap.contoso.example:993 tls',
    );
    expect(hosts(connectionTargets(s, online, apis))).toEqual([
      'sign-in login.microsoftonline.com:443 tls',
      'ews outlook.office365.com:443 tls',
      'graph graph.microsoft.com:443 tls',
    ]);
    expect(hosts(connectionTargets(s, onPrem, apis)).at(-1)).toBe(
      'ews-on-premises mail.contoso.local:443 tls',
    );
  });
});
