import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import { MICROSOFT_HOSTS } from './hosts';

export interface DemoCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** node:crypto makes the RSA keys (native, fast); forge only signs, which it does quickly. */
function rsaKeyPair(): {
  publicKey: forge.pki.rsa.PublicKey;
  privateKey: forge.pki.rsa.PrivateKey;
  privatePem: string;
} {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    publicKey: forge.pki.publicKeyFromPem(
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ),
    privateKey: forge.pki.privateKeyFromPem(privatePem),
    privatePem,
  };
}

function newCertificate(publicKey: forge.pki.rsa.PublicKey, now: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: the top bit cleared keeps DER from reading it as negative.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(now - DAY_MS);
  cert.validity.notAfter = new Date(now + 30 * DAY_MS);
  return cert;
}

/** The leaf's names: loopback, and Microsoft 365's own names for tests of the real path (hosts.ts). */
export const DEMO_CERTIFICATE_HOSTS: readonly string[] = [
  '127.0.0.1',
  'localhost',
  ...MICROSOFT_HOSTS,
];

/**
 * A throw-away CA and a leaf for `DEMO_CERTIFICATE_HOSTS`, made fresh at every start so no key
 * outlives the process. Clients trust the CA next to the system roots, never instead of them.
 * `hosts` names the leaf otherwise (tests use a leaf for another name to prove TLS refuses it).
 */
export function createDemoCertificates(
  now = Date.now(),
  hosts: readonly string[] = DEMO_CERTIFICATE_HOSTS,
): DemoCertificates {
  const ca = rsaKeyPair();
  const caCert = newCertificate(ca.publicKey, now);
  const caName = [
    { name: 'commonName', value: 'ERP Mail Settings demo tenant CA (throw-away)' },
    { name: 'organizationName', value: 'ERP Mail Settings demo' },
  ];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const leaf = rsaKeyPair();
  const leafCert = newCertificate(leaf.publicKey, now);
  leafCert.setSubject([{ name: 'commonName', value: hosts[0] ?? 'localhost' }]);
  leafCert.setIssuer(caName);
  leafCert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hosts.map((host) =>
        isIP(host) ? { type: 7, ip: host } : { type: 2, value: host },
      ),
    },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  leafCert.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(leafCert),
    keyPem: leaf.privatePem,
  };
}

export interface SigningCertificate {
  privateKeyPem: string;
  /** The self-signed certificate's DER, for a JWK's x5c and x5t. */
  certDer: Buffer;
}

/** Entra publishes its token signing keys as self-signed certificates (x5c) named by thumbprint (x5t). */
export function createSigningCertificate(now = Date.now()): SigningCertificate {
  const key = rsaKeyPair();
  const cert = newCertificate(key.publicKey, now);
  const name = [{ name: 'commonName', value: 'accounts.accesscontrol.windows.net' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(key.privateKey, forge.md.sha256.create());
  return {
    privateKeyPem: key.privatePem,
    certDer: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'),
  };
}
