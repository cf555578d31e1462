import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { systemTrust } from './system-store';

/** The OS trust store and Node's roots, and `extraCaPem` beside them (never instead of them). */
export const trustedCertificates = (extraCaPem?: string): string[] =>
  extraCaPem ? [...systemTrust(), extraCaPem] : [...systemTrust()];

/**
 * An agent that trusts the system roots plus `extraCaPem`. Passing only the extra CA would
 * replace the roots (node's `ca` option), so both are listed. Verification stays on. The trust
 * store is parsed once into a secure context: given as `ca`, Node parses the ~150 roots again for
 * every new connection (about 25 ms each on this project's 2-core machines, BENCHMARKS.md).
 */
export function createTrustedAgent(extraCaPem?: string): https.Agent {
  return new https.Agent({
    keepAlive: true,
    secureContext: trustContext(trustedCertificates(extraCaPem)),
  });
}

/** `ca` parsed once, for every connection that trusts it. */
export const trustContext = (ca: string[]): tls.SecureContext => tls.createSecureContext({ ca });

/**
 * TLS for a mail protocol's socket: TLS 1.2 or later, verified against `ca` (never off), and the
 * certificate checked for `servername`, the name the form gives, even when the socket goes to
 * another address (the demo's loopback). SNI takes a host name only, so an IP is not sent.
 */
export const verifiedTlsOptions = (servername: string, ca: string[]): tls.ConnectionOptions => ({
  ca,
  minVersion: 'TLSv1.2',
  rejectUnauthorized: true,
  ...(net.isIP(servername) ? {} : { servername }),
  checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(servername, certificate),
});

/**
 * TLS for imapflow, which opens its socket from these options: TLS 1.2 or later, the OS store
 * and Node's roots, and an extra CA (a test server's) beside them. imapflow checks the name.
 */
export const imapTlsOptions = (extraCaPem?: string): tls.ConnectionOptions => ({
  minVersion: 'TLSv1.2',
  ca: trustedCertificates(extraCaPem),
});
