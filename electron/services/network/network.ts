import { openPath, type TcpPath } from './connect-path';
import { ProxiedAgent } from './proxied-agent';
import { proxyLabel, routeText, sourceText, type ProxyChoice } from './proxy/proxy-choice';
import type { ImapRoute } from './route';
import { directResolver, type ProxyResolver } from './proxy/proxy-resolver';
import { trustedCertificates } from './trust';
import { createTrustedTransport, type TrustedTransport } from './trusted-transport';

/**
 * What every route connects with, decided here: Microsoft 365 goes the way the proxy resolver
 * says and trusts the OS store with Node's roots; a demo route goes straight to the loopback
 * tenant and trusts its CA beside them, which no other route ever does. Transports are kept so
 * their connections are pooled.
 */
export interface Network {
  /** HTTPS (tokens, EWS, Microsoft Graph) for a public route, or a demo one with its CA. */
  https(demoCaPem?: string): TrustedTransport;
  /** The CAs a mail protocol's TLS (SMTP, IMAP) trusts on such a route. */
  tlsTrust(demoCaPem?: string): string[];
  /** A mail protocol's TCP path to a Microsoft 365 host: direct or through the proxy's tunnel. */
  mailPath(host: string, port: number): TcpPath;
  /** How a connection to `host:port` goes, as every Result says it. */
  route(host: string, port: number): Promise<string>;
  /** How an IMAP connection goes (imapflow opens its own tunnel from a proxy URL). */
  imapRoute(host: string, port: number): Promise<ImapRoute>;
  /** Drops every pooled connection. */
  close(): void;
}

export interface NetworkOptions {
  timeoutMs: number;
  /** Where each Microsoft 365 connection goes; direct when absent. */
  proxy?: ProxyResolver;
}

async function imapRouteOf(choice: ProxyChoice): Promise<ImapRoute> {
  if (choice.kind === 'direct') return { network: routeText(choice) };
  const url = new URL(choice.proxy.url.href);
  if (choice.proxy.user) {
    url.username = encodeURIComponent(choice.proxy.user);
    url.password = encodeURIComponent((await choice.proxy.password?.()) ?? '');
  }
  return {
    network: routeText(choice),
    proxyUrl: url.href,
    proxy: { label: proxyLabel(choice.proxy), source: sourceText(choice.source) },
  };
}

export function createNetwork({ timeoutMs, proxy = directResolver }: NetworkOptions): Network {
  const transports = new Map<string, TrustedTransport>();
  const transportFor = (demoCaPem: string | undefined) =>
    demoCaPem
      ? createTrustedTransport({ extraCaPem: demoCaPem, timeoutMs })
      : createTrustedTransport({
          agent: new ProxiedAgent(proxy, trustedCertificates(), timeoutMs),
          timeoutMs,
        });
  return {
    https: (demoCaPem) => {
      const key = demoCaPem ?? '';
      const known = transports.get(key);
      if (known) return known;
      const transport = transportFor(demoCaPem);
      transports.set(key, transport);
      return transport;
    },
    tlsTrust: (demoCaPem) => trustedCertificates(demoCaPem),
    mailPath: (host, port) => openPath(proxy, host, port, timeoutMs),
    route: async (host, port) => {
      try {
        return routeText(await proxy(host, port));
      } catch (error) {
        return `not decided: ${error instanceof Error ? error.message : String(error)}`;
      }
    },
    imapRoute: async (host, port) => imapRouteOf(await proxy(host, port)),
    close: () => {
      for (const transport of transports.values()) transport.agent.destroy();
      transports.clear();
    },
  };
}
