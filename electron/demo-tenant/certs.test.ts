import { X509Certificate } from 'node:crypto';
import { expect, it } from 'vitest';
import { createDemoCertificates } from './certs';

it('makes a sha256 CA and a leaf for 127.0.0.1, localhost and Microsoft 365\u2019s names that chains to it', () => {
  const { caPem, certPem } = createDemoCertificates();
  const ca = new X509Certificate(caPem);
  const leaf = new X509Certificate(certPem);
  expect(ca.ca).toBe(true);
  expect(leaf.ca).toBe(false);
  expect(leaf.checkIssued(ca)).toBe(true);
  expect(leaf.verify(ca.publicKey)).toBe(true);
  expect(leaf.subjectAltName).toBe(
    'IP Address:127.0.0.1, DNS:localhost, DNS:login.microsoftonline.com, DNS:outlook.office365.com, DNS:graph.microsoft.com, DNS:smtp.office365.com',
  );
  expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(leaf.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  // node-forge writes the signature algorithm into the DER; sha256WithRSAEncryption's OID is 1.2.840.113549.1.1.11.
  expect(leaf.raw.includes(Buffer.from('2a864886f70d01010b', 'hex'))).toBe(true);
});
