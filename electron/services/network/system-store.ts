import { X509Certificate } from 'node:crypto';
import tls, { type PeerCertificate } from 'node:tls';
import { systemCertsSync } from 'system-ca';

/** Node 22.15+ and Electron's Node read the OS store themselves; Node 20 has no such call. */
type WithSystemStore = typeof tls & { getCACertificates?: (kind: 'system') => string[] };

/**
 * The OS trust store: Node's own `tls.getCACertificates('system')` where the runtime has it, else
 * system-ca (MongoDB's), which reads the same places (Windows' Trusted Root stores, the macOS
 * keychains, and on Linux the OpenSSL bundle and directory, honouring SSL_CERT_FILE/SSL_CERT_DIR).
 */
function readSystemStore(): string[] {
  const own = (tls as WithSystemStore).getCACertificates;
  if (own) return own('system');
  try {
    return systemCertsSync();
  } catch {
    // No readable store (a minimal container): Node's list still stands beside it.
    return [];
  }
}

let cached: { key: string; pems: string[] } | undefined;

/** The OS store and Node's bundled roots, read again only when SSL_CERT_FILE/DIR change. */
export function systemTrust(): string[] {
  const key = `${process.env.SSL_CERT_FILE ?? ''}\n${process.env.SSL_CERT_DIR ?? ''}`;
  if (cached?.key !== key) {
    const pems = new Set([...readSystemStore(), ...tls.rootCertificates].map((p) => p.trim()));
    cached = { key, pems: [...pems] };
  }
  return cached.pems;
}

let bundledSubjects: Set<string> | undefined;

/** A certificate name as one key, from the object form TLS sockets give (getPeerCertificate). */
const nameKey = (name: PeerCertificate['subject']): string =>
  JSON.stringify(Object.entries(name).map(([key, value]) => [key, [value].flat()]));

/**
 * Whether a CA (by its subject, as a TLS socket names it) is one of Node's bundled public roots.
 * A chain that ends anywhere else ends in a private root: a company's own CA, as a TLS-inspecting
 * proxy uses. Both sides are read into the same object form: X509Certificate's subject text
 * escapes commas and lists a repeated OU twice, which the socket's object does not.
 */
export function isPublicRoot(subject: PeerCertificate['subject']): boolean {
  bundledSubjects ??= new Set(
    tls.rootCertificates.map((pem) => nameKey(new X509Certificate(pem).toLegacyObject().subject)),
  );
  return bundledSubjects.has(nameKey(subject));
}
