import type { DemoTenant } from '../../demo-tenant/index';
import {
  GRAPH_HOST,
  MICROSOFT_LOGIN_HOST,
  type Route,
  type RouteTarget,
  type SmtpRoute,
  type SmtpTarget,
} from '../network/route';
import { createNetwork } from '../network/network';
import type { TrustedTransport } from '../network/trusted-transport';

export interface Router {
  route(target: RouteTarget): Promise<Route>;
  smtpRoute(target: SmtpTarget): Promise<SmtpRoute>;
  /** Drops the network seam's pooled connections. */
  close(): void;
}

const hostWithPort = (server: string, port: number) => (port > 0 ? `${server}:${port}` : server);

function demoRoute(demo: DemoTenant, target: RouteTarget, transport: TrustedTransport): Route {
  return {
    environment: 'demo',
    authority: demo.authorityFor(target.tenantId),
    knownAuthorities: [demo.knownAuthority],
    ewsUrl: (target.ews ?? 'online') === 'online' ? demo.ewsUrl : demo.onPremEwsUrl,
    graphUrl: demo.graphUrl,
    authorityHost: MICROSOFT_LOGIN_HOST,
    ewsHost: hostWithPort(target.serverAddress, target.port),
    via: `demo tenant at ${demo.knownAuthority}`,
    transport,
  };
}

function publicRoute(target: RouteTarget, transport: TrustedTransport): Route {
  const ewsHost = hostWithPort(target.serverAddress, target.port);
  return {
    environment: 'microsoft365',
    authority: `https://${MICROSOFT_LOGIN_HOST}/${target.tenantId}`,
    knownAuthorities: [],
    ewsUrl: `https://${ewsHost}/EWS/Exchange.asmx`,
    graphUrl: `https://${GRAPH_HOST}`,
    authorityHost: MICROSOFT_LOGIN_HOST,
    ewsHost,
    transport,
  };
}

function demoSmtpRoute(
  demo: DemoTenant,
  target: SmtpTarget,
  ca: string[],
  timeoutMs: number,
): SmtpRoute {
  return {
    environment: 'demo',
    via: `demo tenant at ${demo.smtp.host}`,
    connectHost: demo.smtp.host,
    connectPort: target.useSsl ? demo.smtp.implicitTlsPort : demo.smtp.starttlsPort,
    // The demo's certificate names loopback; the demo CA is trusted for this connection only.
    servername: 'localhost',
    ca,
    timeoutMs,
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
): Router {
  const network = createNetwork(timeoutMs);
  return {
    route: async (target) => {
      if (!isDemo()) return publicRoute(target, network.https());
      const demo = await demoTenant();
      return demoRoute(demo, target, network.https(demo.caPem));
    },
    smtpRoute: async (target) => {
      if (!isDemo()) {
        const ca = network.tlsTrust();
        return { environment: 'microsoft365', servername: target.serverAddress, ca, timeoutMs };
      }
      const demo = await demoTenant();
      return demoSmtpRoute(demo, target, network.tlsTrust(demo.caPem), timeoutMs);
    },
    close: () => network.close(),
  };
}
