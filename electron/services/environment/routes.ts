import { microsoftServiceAt, type DemoTenant } from '../../demo-tenant/index';
import {
  defaultSmtpPort,
  GRAPH_HOST,
  MICROSOFT_LOGIN_HOST,
  type ImapRoute,
  type Route,
  type RouteTarget,
  type SmtpRoute,
  type SmtpTarget,
} from '../network/route';
import { createNetwork, type Network } from '../network/network';
import type { ProxyResolver } from '../network/proxy/proxy-resolver';
import type { TrustedTransport } from '../network/trusted-transport';

export interface Router {
  route(target: RouteTarget): Promise<Route>;
  smtpRoute(target: SmtpTarget): Promise<SmtpRoute>;
  /** IMAP goes to the server as given in both environments, the way the proxy setting says. */
  imapRoute(host: string, port: number): Promise<ImapRoute>;
  /** Drops the network seam's pooled connections. */
  close(): void;
}

const hostWithPort = (server: string, port: number) => (port > 0 ? `${server}:${port}` : server);

/**
 * The demo tenant's port that answers as Microsoft's `host:port` does (SMTP, HTTPS, or a port that
 * serves nothing); undefined for a host of one's own, which the demo serves as asked.
 */
function standInPort(demo: DemoTenant, host: string, port: number): number | undefined {
  switch (microsoftServiceAt(host, port)) {
    case 'smtp':
      return demo.smtp.starttlsPort;
    case 'https':
      return demo.httpsPort;
    case 'none':
      return demo.unservedPort;
    case undefined:
      return undefined;
  }
}

/**
 * EWS in Demo: the tenant's EWS, unless the server address is one of Microsoft's hosts on a port
 * that speaks no HTTPS (smtp.office365.com:587, any port but 443), which fails as there.
 */
function demoEwsUrl(demo: DemoTenant, target: RouteTarget): string {
  const url = new URL((target.ews ?? 'online') === 'online' ? demo.ewsUrl : demo.onPremEwsUrl);
  const standIn = standInPort(demo, target.serverAddress, target.port > 0 ? target.port : 443);
  if (standIn !== undefined) url.port = String(standIn);
  return url.href;
}

function demoRoute(demo: DemoTenant, target: RouteTarget, transport: TrustedTransport): Route {
  return {
    environment: 'demo',
    authority: demo.authorityFor(target.tenantId),
    knownAuthorities: [demo.knownAuthority],
    ewsUrl: demoEwsUrl(demo, target),
    graphUrl: demo.graphUrl,
    authorityHost: MICROSOFT_LOGIN_HOST,
    ewsHost: hostWithPort(target.serverAddress, target.port),
    via: `demo tenant at ${demo.knownAuthority}`,
    transport,
  };
}

/** One route text when every host goes the same way, else each host's own. */
async function routesOf(network: Network, hosts: [string, number][]): Promise<string> {
  const texts = await Promise.all(hosts.map(([host, port]) => network.route(host, port)));
  if (texts.every((text) => text === texts[0])) return texts[0] ?? 'direct';
  return hosts.map(([host], i) => `${host} ${texts[i]}`).join('; ');
}

async function publicRoute(target: RouteTarget, network: Network): Promise<Route> {
  const ewsHost = hostWithPort(target.serverAddress, target.port);
  const ewsPort = target.port > 0 ? target.port : 443;
  const hosts: [string, number][] = [
    [MICROSOFT_LOGIN_HOST, 443],
    [target.serverAddress, ewsPort],
    [GRAPH_HOST, 443],
  ];
  return {
    environment: 'microsoft365',
    authority: `https://${MICROSOFT_LOGIN_HOST}/${target.tenantId}`,
    knownAuthorities: [],
    ewsUrl: `https://${ewsHost}/EWS/Exchange.asmx`,
    graphUrl: `https://${GRAPH_HOST}`,
    authorityHost: MICROSOFT_LOGIN_HOST,
    ewsHost,
    network: await routesOf(network, hosts),
    transport: network.https(),
  };
}

function demoSmtpRoute(
  demo: DemoTenant,
  target: SmtpTarget,
  ca: string[],
  timeoutMs: number,
): SmtpRoute {
  const port = defaultSmtpPort(target.port, target.useSsl);
  const standIn = standInPort(demo, target.serverAddress, port);
  const ownServer = target.useSsl ? demo.smtp.implicitTlsPort : demo.smtp.starttlsPort;
  return {
    environment: 'demo',
    via: `demo tenant at ${demo.smtp.host}`,
    connectHost: demo.smtp.host,
    connectPort: standIn ?? ownServer,
    // The demo's certificate names loopback and Microsoft's hosts; the demo CA is trusted for
    // this connection only.
    servername: standIn === undefined ? 'localhost' : target.serverAddress.trim().toLowerCase(),
    ca,
    timeoutMs,
  };
}

async function publicSmtpRoute(target: SmtpTarget, network: Network, timeoutMs: number) {
  const port = defaultSmtpPort(target.port, target.useSsl);
  return {
    environment: 'microsoft365' as const,
    servername: target.serverAddress,
    ca: network.tlsTrust(),
    timeoutMs,
    network: await network.route(target.serverAddress, port),
    open: network.mailPath,
  };
}

/**
 * Where each request really goes. In Demo the authority, EWS, Graph and SMTP are routed to the
 * embedded tenant while the form keeps the real names, over the network seam's demo transport
 * (its CA trusted there only). Microsoft 365 uses the real hosts with the system roots only.
 */
export function createRouter(
  isDemo: () => boolean,
  demoTenant: () => Promise<DemoTenant>,
  timeoutMs: number,
  proxy?: ProxyResolver,
): Router {
  const network = createNetwork({ timeoutMs, proxy });
  return {
    route: async (target) => {
      if (!isDemo()) return publicRoute(target, network);
      const demo = await demoTenant();
      return demoRoute(demo, target, network.https(demo.caPem));
    },
    smtpRoute: async (target) => {
      if (!isDemo()) return publicSmtpRoute(target, network, timeoutMs);
      const demo = await demoTenant();
      return demoSmtpRoute(demo, target, network.tlsTrust(demo.caPem), timeoutMs);
    },
    imapRoute: (host, port) => network.imapRoute(host, port),
    close: () => network.close(),
  };
}
