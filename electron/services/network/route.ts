import type { Environment } from '../../../shared/contract/environment';
import type { TcpPath } from './connect-path';
import type { TrustedTransport } from './trusted-transport';

/** A TCP path to `host:port` as the network seam opens it. */
export type TcpOpener = (host: string, port: number) => TcpPath;

/** Microsoft's hosts as the admin knows them; in Demo the route reaches the demo tenant instead. */
export const MICROSOFT_LOGIN_HOST = 'login.microsoftonline.com';
export const GRAPH_HOST = 'graph.microsoft.com';

/** Where one check's requests really go, and the names to show the user for them. */
export interface Route {
  environment: Environment;
  /** msal-node's authority: `https://login.microsoftonline.com/{tenant}` or the demo tenant's. */
  authority: string;
  knownAuthorities: string[];
  ewsUrl: string;
  /** Microsoft Graph's root, `https://graph.microsoft.com` (or the demo tenant's); requests add `/v1.0/…`. */
  graphUrl: string;
  /** The token endpoint's host as the admin knows it (the form's world, not the demo's port). */
  authorityHost: string;
  /** The EWS host as the form names it, with the port when one is set. */
  ewsHost: string;
  /** In Demo, how the hosts above are reached, e.g. "demo tenant at 127.0.0.1:40123". */
  via?: string;
  /** In Microsoft 365, how they are reached: "direct", or "via proxy.corp:8080, from HTTPS_PROXY". */
  network?: string;
  transport: TrustedTransport;
}

/** The EWS server as the Result names it: `host:port`, with HTTPS's 443 when the form sets none. */
export const ewsAddress = (route: Pick<Route, 'ewsHost'>): string =>
  /:\d+$/.test(route.ewsHost) ? route.ewsHost : `${route.ewsHost}:443`;

/** Where an SMTP test really connects, and what its TLS must trust (SmtpSender's config). */
export interface SmtpRoute {
  environment: Environment;
  /** In Demo, how the server is reached, e.g. "demo tenant at 127.0.0.1:40123". */
  via?: string;
  connectHost?: string;
  connectPort?: number;
  /** The name the certificate must carry. */
  servername: string;
  ca: string[];
  timeoutMs: number;
  /** In Microsoft 365, how the server is reached: "direct", or "via proxy.corp:8080, from …". */
  network?: string;
  /** Opens the TCP path the network seam chose (a proxy's tunnel); a direct socket when absent. */
  open?: TcpOpener;
}

export interface SmtpTarget {
  serverAddress: string;
  /** Row 16; 0 means the default for Use SSL (465 or 587). */
  port: number;
  useSsl: boolean;
}

export interface RouteTarget {
  tenantId: string;
  serverAddress: string;
  port: number;
  /** Exchange Online (the default, OAuth) or an on-premises Exchange (Basic over HTTPS). */
  ews?: 'online' | 'on-premises';
}

/** Port 0 in the form: 465 for implicit TLS, else the submission port 587. */
export const defaultSmtpPort = (port: number, secure: boolean): number =>
  port > 0 ? port : secure ? 465 : 587;

/** How an IMAP connection goes: imapflow tunnels itself, so it gets the proxy as a URL. */
export interface ImapRoute {
  /** "direct", or "via proxy.corp:8080, from HTTPS_PROXY". */
  network: string;
  /** For imapflow's `proxy` option, credentials included (never logged: imapflow hides them). */
  proxyUrl?: string;
  /** The proxy as the diagnosis names it, when there is one. */
  proxy?: { label: string; source: string };
}
