import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import type { CertificateFacts } from '../../../shared/diagnosis/failure';
import { isPublicRoot } from './system-store';

type Name = PeerCertificate['subject'];

/** "Corp Inspection CA (Contoso Ltd)": a certificate name as an admin recognises it. */
export function nameText(name: Name | undefined): string {
  if (!name) return 'an unnamed certificate';
  const cn = [name.CN ?? []].flat()[0];
  const o = [name.O ?? []].flat()[0];
  if (cn && o && cn !== o) return `${cn} (${o})`;
  return cn ?? o ?? 'an unnamed certificate';
}

/** The last certificate of the chain the server sent (its root when it sent one). */
function topOf(leaf: DetailedPeerCertificate): DetailedPeerCertificate {
  let top = leaf;
  for (let i = 0; i < 10 && top.issuerCertificate && top.issuerCertificate !== top; i++)
    top = top.issuerCertificate;
  return top;
}

/**
 * What a TLS handshake met: the chain's root (or the issuer of its topmost certificate) by name,
 * whether this computer trusts it, and whether it is a private root (one Node's public list does
 * not hold: a company CA, as a TLS-inspecting proxy signs with).
 */
export function certificateFacts(
  leaf: DetailedPeerCertificate,
  trusted: boolean,
  code?: string,
): CertificateFacts {
  const top = topOf(leaf);
  const rootName = top.issuer ?? top.subject;
  return {
    issuer: nameText(rootName),
    subject: nameText(leaf.subject),
    trusted,
    privateRoot: rootName ? !isPublicRoot(rootName) : true,
    ...(code ? { code } : {}),
  };
}

/** A handshake that failed verification, with the certificate it met (named, never trusted). */
export class CertificateError extends Error {
  constructor(
    readonly code: string,
    readonly certificate: CertificateFacts | undefined,
    target: string,
  ) {
    super(
      `The certificate ${target} presented could not be verified (${code})` +
        (certificate ? `: issued by ${certificate.issuer}` : '') +
        '. Nothing was sent.',
    );
    this.name = 'CertificateError';
  }
}
