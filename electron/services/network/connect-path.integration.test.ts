import type net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCertificates } from '../../demo-tenant/certs';
import { LOOPBACK } from '../../../test-support/servers/local-process';
import { CertificateError } from './certificate-facts';
import { directPath, openTls } from './connect-path';
import { trustContext, trustedCertificates } from './trust';

const CA_NAME = 'ERP Mail Settings demo tenant CA (throw-away) (ERP Mail Settings demo)';
const certificates = createDemoCertificates(Date.now(), ['localhost']);
let server: tls.Server;
let port = 0;
/** TCP connections the server accepted, and every byte of application data it was sent. */
let connections = 0;
let received = '';

beforeAll(async () => {
  server = tls.createServer({ cert: certificates.certPem, key: certificates.keyPem }, (socket) => {
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    socket.on('error', () => {});
  });
  server.on('connection', () => (connections += 1));
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const open = (ca: string[]) =>
  openTls({
    path: () => directPath(LOOPBACK, port),
    servername: 'localhost',
    secureContext: trustContext(ca),
  });

describe('TLS over a path', () => {
  it('refuses a chain from a CA the trust list lacks, naming the CA as a private root', async () => {
    const error = await open(trustedCertificates()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CertificateError);
    const refused = error as CertificateError;
    expect(refused.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(refused.certificate).toEqual({
      issuer: CA_NAME,
      subject: 'localhost',
      trusted: false,
      privateRoot: true,
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect(refused.message).toContain(`issued by ${CA_NAME}`);
  });

  it('names the chain from the one refused handshake, and sends nothing on it', async () => {
    connections = 0;
    received = '';
    await open(trustedCertificates()).catch(() => undefined);
    expect(connections).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toBe('');
  });

  it('connects when the CA is in the trust list: trusted, and still a private root', async () => {
    const { socket, certificate } = await open(trustedCertificates(certificates.caPem));
    socket.destroy();
    expect(certificate).toEqual({
      issuer: CA_NAME,
      subject: 'localhost',
      trusted: true,
      privateRoot: true,
    });
  });
});
