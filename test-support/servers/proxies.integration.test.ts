import fs from 'node:fs';
import https from 'node:https';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCertificates } from '../../electron/demo-tenant/certs';
import { connectThrough, getOverTunnel } from '../rehearsal/tunnel';
import { LOOPBACK } from './local-process';
import { startMitmproxy, type Mitmproxy } from './mitmproxy';
import { startSquid, SQUID_REALM, type Squid } from './squid';

const NAME = 'login.microsoftonline.com';
const CREDENTIALS = { user: 'erp-proxy', password: 'p@ss:w0rd/!' };

/**
 * The rehearsal's proxies on loopback alone: an HTTPS server under a Microsoft name on a free
 * port (squid tunnels to the port the CONNECT names, so that port is allowed instead of 443).
 */
describe('squid and mitmproxy for the Microsoft 365 rehearsal', () => {
  const certificates = createDemoCertificates(Date.now(), [NAME]);
  let dir = '';
  let server: https.Server;
  let target = '';
  let plain: Squid;
  let authenticated: Squid;
  let mitm: Mitmproxy;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proxies-test-'));
    const caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, certificates.caPem);
    server = https.createServer(
      { cert: certificates.certPem, key: certificates.keyPem },
      (_req, res) => res.end('hello from the tenant'),
    );
    await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
    const port = (server.address() as net.AddressInfo).port;
    target = `${NAME}:${port}`;
    const hosts = { [NAME]: LOOPBACK };
    [plain, authenticated] = await Promise.all([
      startSquid({ hosts, connectPorts: [port] }),
      startSquid({ hosts, connectPorts: [port], basicAuth: CREDENTIALS }),
    ]);
    mitm = await startMitmproxy({ upstream: plain.url, upstreamTrustPem: caFile });
  });

  afterAll(async () => {
    await Promise.all([plain?.stop(), authenticated?.stop(), mitm?.stop()]);
    await new Promise((resolve) => server?.close(resolve));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tunnels a CONNECT to the mapped name, and TLS verifies for that name', async () => {
    const tunnel = await connectThrough(plain.url, target);
    expect(tunnel.status).toBe(200);
    const answer = await getOverTunnel(tunnel.socket!, `https://${target}/`, certificates.caPem);
    expect(answer).toMatchObject({ status: 200, body: 'hello from the tenant' });
    expect(await plain.accessLog()).toMatch(new RegExp(`CONNECT ${target.replace(/\./g, '\\.')}`));
  });

  it('refuses CONNECT to a port it does not allow with 403, as a stock squid refuses 587', async () => {
    expect((await connectThrough(plain.url, `${NAME}:587`)).status).toBe(403);
  });

  it('asks for Basic credentials with 407 when they are missing or wrong', async () => {
    for (const credentials of [undefined, { ...CREDENTIALS, password: 'wrong' }]) {
      const tunnel = await connectThrough(authenticated.url, target, credentials);
      expect(tunnel.status).toBe(407);
      expect(tunnel.headers['proxy-authenticate']).toBe(`Basic realm="${SQUID_REALM}"`);
    }
  });

  it('opens the tunnel for the right credentials, special characters and all', async () => {
    const tunnel = await connectThrough(authenticated.url, target, CREDENTIALS);
    expect(tunnel.status).toBe(200);
    const answer = await getOverTunnel(tunnel.socket!, `https://${target}/`, certificates.caPem);
    expect(answer.body).toBe('hello from the tenant');
  });

  it('through mitmproxy chained to squid, shows a certificate of its own CA', async () => {
    const mitmCa = fs.readFileSync(mitm.caPemPath, 'utf8');
    const tunnel = await connectThrough(mitm.url, target);
    expect(tunnel.status).toBe(200);
    const answer = await getOverTunnel(tunnel.socket!, `https://${target}/`, mitmCa);
    expect(answer).toMatchObject({
      status: 200,
      body: 'hello from the tenant',
      issuer: 'mitmproxy',
    });
    // The tenant's own CA no longer verifies what the client sees: the inspection is real.
    const again = await connectThrough(mitm.url, target);
    await expect(
      getOverTunnel(again.socket!, `https://${target}/`, certificates.caPem),
    ).rejects.toThrow(/certificate/i);
  });
});
