import https from 'node:https';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCertificates } from '../../demo-tenant/certs';
import { createTrustedTransport } from './trusted-transport';
import { trustedCertificates } from './trust';

const certificates = createDemoCertificates();
let server: https.Server;
let url = '';

beforeAll(async () => {
  server = https.createServer(
    { cert: certificates.certPem, key: certificates.keyPem },
    (req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 1_000);
      res.writeHead(200, { 'content-type': 'application/json', 'x-demo': 'yes' });
      res.end(JSON.stringify({ method: req.method }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('trusted transport', () => {
  it('trusts the extra CA next to the system roots', async () => {
    const ca = trustedCertificates(certificates.caPem);
    expect(ca).toContain(certificates.caPem);
    expect(ca).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    const transport = createTrustedTransport({ extraCaPem: certificates.caPem });
    const res = await transport.msalNetworkClient.sendPostRequestAsync<{ method: string }>(
      `${url}/token`,
      { body: 'a=b' },
    );
    expect(res).toMatchObject({
      status: 200,
      body: { method: 'POST' },
      headers: { 'x-demo': 'yes' },
    });
  });

  it('refuses the server without its CA: verification stays on', async () => {
    const transport = createTrustedTransport();
    await expect(transport.msalNetworkClient.sendGetRequestAsync(`${url}/x`)).rejects.toMatchObject(
      {
        name: 'TransportError',
        code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      },
    );
  });

  it('bounds a request by its timeout', async () => {
    const transport = createTrustedTransport({ extraCaPem: certificates.caPem, timeoutMs: 200 });
    await expect(
      transport.msalNetworkClient.sendGetRequestAsync(`${url}/slow`),
    ).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    const xhr = transport.ewsXhrApi();
    await expect(xhr.xhr({ url: `${url}/slow`, type: 'POST', data: '' })).rejects.toMatchObject({
      code: 'ECONNABORTED',
    });
  });
});
