import type { ConnectionService } from '../../../shared/contract/network';
import type { MailApiChoice } from '../../../shared/contract/mail-apis';
import type { IncomingSettings } from '../../../shared/settings/incoming-settings';
import type { SystemSettings } from '../../../shared/settings/system-settings';
import { defaultSmtpPort, GRAPH_HOST, MICROSOFT_LOGIN_HOST } from '../network/route';

/** One host the saved settings use, and how to greet it without sending mail. */
export interface ConnectionTarget {
  service: ConnectionService;
  host: string;
  port: number;
  /** HTTPS and IMAP are TLS from the first byte; SMTP on 587 upgrades with STARTTLS. */
  protocol: 'tls' | 'smtp-starttls';
}

const https = (service: ConnectionService, host: string, port = 0): ConnectionTarget => ({
  service,
  host: host.trim(),
  port: port > 0 ? port : 443,
  protocol: 'tls',
});

function systemTargets(s: SystemSettings, apis: MailApiChoice): ConnectionTarget[] {
  switch (s.emailMethod) {
    case 'exchange-online':
      return [
        https('sign-in', MICROSOFT_LOGIN_HOST),
        apis.send === 'graph' ? https('graph', GRAPH_HOST) : https('ews', s.serverAddress, s.port),
      ];
    case 'exchange':
      return [https('ews-on-premises', s.serverAddress, s.port)];
    case 'smtp': {
      const port = defaultSmtpPort(s.port, s.useSsl);
      const protocol = s.useSsl ? 'tls' : 'smtp-starttls';
      return [{ service: 'smtp', host: s.serverAddress.trim(), port, protocol }];
    }
    case 'client':
      return [];
  }
}

function incomingTargets(s: IncomingSettings | undefined, apis: MailApiChoice): ConnectionTarget[] {
  if (!s) return [];
  switch (s.service) {
    case 'exchange-online':
      return [
        https('sign-in', MICROSOFT_LOGIN_HOST),
        apis.validate === 'graph' ? https('graph', GRAPH_HOST) : https('ews', s.serverName, s.port),
      ];
    case 'exchange':
      return [https('ews-on-premises', s.serverName, s.port)];
    case 'imap':
      return [
        {
          service: 'imap',
          host: s.serverName.trim(),
          port: s.port > 0 ? s.port : 993,
          protocol: 'tls',
        },
      ];
  }
}

/**
 * Each host the saved settings use (System settings, then Settings for incoming e-mail), once,
 * in the table's order: sign-in, EWS or Graph, SMTP, IMAP, on-premises Exchange.
 */
export function connectionTargets(
  system: SystemSettings,
  incoming: IncomingSettings | undefined,
  apis: MailApiChoice,
): ConnectionTarget[] {
  const all = [...systemTargets(system, apis), ...incomingTargets(incoming, apis)].filter(
    (t) => t.host,
  );
  const order: ConnectionService[] = ['sign-in', 'ews', 'graph', 'smtp', 'imap', 'ews-on-premises'];
  const seen = new Set<string>();
  return all
    .filter((t) => {
      const key = `${t.service} ${t.host.toLowerCase()}:${t.port}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => order.indexOf(a.service) - order.indexOf(b.service));
}
