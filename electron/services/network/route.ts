import type { Environment } from '../../../shared/contract/environment';
import type { TrustedTransport } from './trusted-transport';

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
  transport: TrustedTransport;
}

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
}

export interface SmtpTarget {
  serverAddress: string;
  useSsl: boolean;
}

export interface RouteTarget {
  tenantId: string;
  serverAddress: string;
  port: number;
  /** Exchange Online (the default, OAuth) or an on-premises Exchange (Basic over HTTPS). */
  ews?: 'online' | 'on-premises';
}
