import { X509Certificate } from 'node:crypto';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { createDemoCertificates } from '../../demo-tenant/certs';
import { certificateFacts } from './certificate-facts';

/** A certificate as a TLS socket gives it (getPeerCertificate), with no chain above it. */
const asPeer = (pem: string): DetailedPeerCertificate => {
  const legacy = new X509Certificate(pem).toLegacyObject();
  return { ...legacy, issuerCertificate: undefined } as unknown as DetailedPeerCertificate;
};

describe('certificate facts', () => {
  it("never calls one of Node's public roots a private root", () => {
    const called = tls.rootCertificates
      .filter((pem) => certificateFacts(asPeer(pem), true).privateRoot)
      .map((pem) => new X509Certificate(pem).subject.split('\n').join(', '));
    expect(called).toEqual([]);
  });

  it('calls a throw-away CA a private root, by its name', () => {
    const { caPem, certPem } = createDemoCertificates(Date.now(), ['localhost']);
    const facts = certificateFacts(asPeer(certPem), false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(facts).toEqual({
      issuer: 'ERP Mail Settings demo tenant CA (throw-away) (ERP Mail Settings demo)',
      subject: 'localhost',
      trusted: false,
      privateRoot: true,
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(certificateFacts(asPeer(caPem), true).privateRoot).toBe(true);
  });
});
