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

/** Secure contexts by their certificates; a few trust lists at most (the store, the demo's). */
const contexts = new Map<string, tls.SecureContext>();
const MAX_CONTEXTS = 8;

/**
 * `ca` parsed once per process, for every connection and agent that trusts it: parsing the
 * store's ~290 roots takes 30–60 ms on this project's 2-core machines, which a Test would
 * otherwise pay on its first request (BENCHMARKS.md, following the test message).
 */
export function trustContext(ca: string[]): tls.SecureContext {
  const key = ca.join('\n');
  const known = contexts.get(key);
  if (known) return known;
  const context = tls.createSecureContext({ ca });
  const oldest = contexts.keys().next();
  if (contexts.size >= MAX_CONTEXTS && !oldest.done) contexts.delete(oldest.value);
  contexts.set(key, context);
  return context;
}

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
