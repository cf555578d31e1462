import { trustedCertificates } from './trust';
import { createTrustedTransport, type TrustedTransport } from './trusted-transport';

/**
 * What every route connects with, decided here: Microsoft 365 trusts the system roots; a demo
 * route trusts the demo tenant's CA beside them, and no other route ever does. One transport per
 * trust, kept so its connections are pooled.
 */
export interface Network {
  /** HTTPS (tokens, EWS, Microsoft Graph) for a public route, or a demo one with its CA. */
  https(demoCaPem?: string): TrustedTransport;
  /** The CAs a mail protocol's TLS (SMTP) trusts on such a route. */
  tlsTrust(demoCaPem?: string): string[];
  /** Drops every pooled connection. */
  close(): void;
}

export function createNetwork(timeoutMs: number): Network {
  const transports = new Map<string, TrustedTransport>();
  return {
    https: (demoCaPem) => {
      const key = demoCaPem ?? '';
      const known = transports.get(key);
      if (known) return known;
      const transport = createTrustedTransport({ extraCaPem: demoCaPem, timeoutMs });
      transports.set(key, transport);
      return transport;
    },
    tlsTrust: (demoCaPem) => trustedCertificates(demoCaPem),
    close: () => {
      for (const transport of transports.values()) transport.agent.destroy();
      transports.clear();
    },
  };
}
