import dns from 'node:dns/promises';
import fs from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { connectThrough, getOverTunnel, type ProxyCredentials } from './tunnel';

const world = inject('rehearsal');
const LOGIN = 'login.microsoftonline.com';
const discovery = `https://${LOGIN}/${world.tenant.tenantId}/v2.0/.well-known/openid-configuration`;

async function discoveryThrough(proxy: string, caPath: string, credentials?: ProxyCredentials) {
  const tunnel = await connectThrough(proxy, `${LOGIN}:443`, credentials);
  expect(tunnel.status).toBe(200);
  return getOverTunnel(tunnel.socket!, discovery, fs.readFileSync(caPath, 'utf8'));
}

/** The world the rehearsal tests stand in: if this file fails, no other rehearsal result counts. */
describe('the Microsoft 365 rehearsal world', () => {
  it('has no way out: Microsoft’s names do not resolve here', async () => {
    await expect(dns.lookup(LOGIN)).rejects.toMatchObject({
      code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) as unknown,
    });
  });

  it.each([
    ['squid', () => world.proxies.plain],
    ['squid allowing 587', () => world.proxies.plainWith587],
  ])('%s reaches the tenant under its Microsoft name, TLS verified', async (_name, proxy) => {
    const answer = await discoveryThrough(proxy(), world.trust.demoCaPath);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(world.tenant.tenantId);
  });

  it('squid with Basic authentication reaches it with the credentials, and only then', async () => {
    const { url, user, password } = world.proxies.authenticated;
    expect((await connectThrough(url, `${LOGIN}:443`)).status).toBe(407);
    const answer = await discoveryThrough(url, world.trust.demoCaPath, { user, password });
    expect(answer.status).toBe(200);
  });

  it('mitmproxy reaches it through squid, showing a certificate of its own CA', async () => {
    const answer = await discoveryThrough(world.proxies.mitm, world.trust.mitmCaPath);
    expect(answer).toMatchObject({ status: 200, issuer: 'mitmproxy' });
  });

  it('only the squids that allow it tunnel to SMTP on 587', async () => {
    const target = `${world.tenant.smtp.host}:${world.tenant.smtp.starttlsPort}`;
    expect((await connectThrough(world.proxies.plain, target)).status).toBe(403);
    const open = await connectThrough(world.proxies.plainWith587, target);
    expect(open.status).toBe(200);
    const greeting = await new Promise<string>((resolve) =>
      open.socket!.once('data', (data: Buffer) => resolve(data.toString())),
    );
    open.socket!.destroy();
    expect(greeting).toMatch(/^220 /);
  });
});
