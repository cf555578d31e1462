import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * Microsoft 365's own names. A client that resolves them to the demo tenant (a proxy's hosts file,
 * a test's network module) tests the real Microsoft 365 path: the certificate names them and every
 * URL the tenant hands out keeps the name it was reached by.
 */
export const MICROSOFT_HOSTS = [
  'login.microsoftonline.com',
  'outlook.office365.com',
  'graph.microsoft.com',
  'smtp.office365.com',
] as const;

const isMicrosoftHost = (name: string): boolean =>
  (MICROSOFT_HOSTS as readonly string[]).includes(name.toLowerCase());

/** What one of Microsoft's hosts answers on a port: SMTP, HTTPS, or nothing at all. */
export type MicrosoftService = 'smtp' | 'https' | 'none';

/**
 * Microsoft's hosts as they are: smtp.office365.com speaks SMTP on 587 and nothing else; the
 * others speak HTTPS on 443 and nothing else. Undefined for any other host (a server of one's own).
 */
export function microsoftServiceAt(host: string, port: number): MicrosoftService | undefined {
  const name = host.trim().toLowerCase();
  if (!isMicrosoftHost(name)) return undefined;
  const [service, servedPort]: [MicrosoftService, number] =
    name === 'smtp.office365.com' ? ['smtp', 587] : ['https', 443];
  return port === servedPort ? service : 'none';
}

/** Where a client connects to reach a server listening on `host`: loopback for the wildcards. */
export function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '::1';
  return host;
}

/** A host as it stands in a URL: IPv6 literals in brackets. */
export const urlHost = (host: string): string => (isIPv6(host) ? `[${host}]` : host);

/** `name[:port]` from a Host header, lower-cased; IPv6 literals are never Microsoft's names. */
function parseHostHeader(value: string): { name: string; port?: string } | undefined {
  const m = /^([a-z0-9.-]+)(?::(\d+))?$/i.exec(value.trim());
  if (!m?.[1]) return undefined;
  return { name: m[1].toLowerCase(), ...(m[2] ? { port: m[2] } : {}) };
}

/**
 * The origin the tenant's documents and URLs are built from for this request: Microsoft's name
 * when the Host header (or, lacking one, the TLS SNI) is one of them, without the port when it
 * is HTTPS's default; else the loopback origin, so Demo mode's knownAuthorities still match.
 */
export function requestOrigin(req: IncomingMessage, loopbackOrigin: string): string {
  const hostHeader = req.headers.host;
  const sni = (req.socket as Partial<TLSSocket>).servername;
  const reached = hostHeader
    ? parseHostHeader(hostHeader)
    : typeof sni === 'string'
      ? { name: sni.toLowerCase() }
      : undefined;
  if (!reached || !isMicrosoftHost(reached.name)) return loopbackOrigin;
  const port = reached.port && reached.port !== '443' ? `:${reached.port}` : '';
  return `https://${reached.name}${port}`;
}
