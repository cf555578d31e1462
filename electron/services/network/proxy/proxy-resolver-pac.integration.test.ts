import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, LOOPBACK } from '../../../../test-support/servers/local-process';
import {
  startSilentListener,
  type SilentListener,
} from '../../../../test-support/servers/silent-listener';
import type { AppProxySettingSource } from '../proxy-setting';
import { routeText } from './proxy-choice';
import { ProxyError } from './proxy-error';
import { createProxyResolver } from './proxy-resolver';
import { fetchScript } from './script-fetch';

const PAC = `
function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".corp.example")) return "DIRECT";
  if (shExpMatch(url, "https://smtp.*:587/*")) return "SOCKS s:1080; PROXY smtp-proxy:3128";
  return "PROXY pac-proxy:8080; DIRECT";
}`;
const BROKEN = 'function FindProxyForURL(url, host) { throw new Error("no rule for " + host); }';

let server: http.Server;
let base = '';
const fetched: string[] = [];
let silent: SilentListener;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    fetched.push(req.url ?? '');
    if (req.url === '/proxy.pac' || req.url === '/other.pac') {
      res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
      return void res.end(PAC);
    }
    if (req.url === '/broken.pac') return void res.end(BROKEN);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  base = `http://${LOOPBACK}:${(server.address() as net.AddressInfo).port}`;
  silent = await startSilentListener();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await silent.close();
});

const manual =
  (proxyAddress: string, noProxyFor = ''): AppProxySettingSource =>
  async () => ({
    proxy: 'manual',
    proxyAddress,
    proxyUser: '',
    noProxyFor,
    password: async () => undefined,
  });

const resolverFor = (address: string, noProxyFor = '') =>
  createProxyResolver({
    appSetting: manual(address, noProxyFor),
    system: async () => 'PROXY system-proxy:8080',
    fetchScript: (url) => fetchScript(url, 300),
  });

/** The ProxyError a promise rejects with (fails the test when it resolves or throws another). */
async function proxyErrorOf(promise: Promise<unknown>): Promise<ProxyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return error as ProxyError;
}

describe('an automatic configuration script as the Manual address', () => {
  it("follows the script's answer and names the script as the source", async () => {
    const script = `${base}/proxy.pac`;
    const resolve = resolverFor(script);
    const choice = await resolve('login.microsoftonline.com', 443);
    expect(choice).toMatchObject({ kind: 'proxy', source: { kind: 'pac', script } });
    if (choice.kind === 'proxy') expect(choice.proxy.url.href).toBe('http://pac-proxy:8080/');
    expect(routeText(choice)).toBe(
      `via pac-proxy:8080, from the automatic configuration script ${script}`,
    );
    const smtp = await resolve('smtp.office365.com', 587);
    expect(routeText(smtp)).toBe(
      `via smtp-proxy:3128, from the automatic configuration script ${script}`,
    );
    expect(await resolve('mail.corp.example', 443)).toEqual({
      kind: 'direct',
      source: { kind: 'pac', script },
    });
  });

  it('fetches the script once for many connections', async () => {
    const script = `${base}/other.pac`;
    const resolve = resolverFor(script);
    await resolve('login.microsoftonline.com', 443);
    await resolve('outlook.office365.com', 443);
    expect(fetched.filter((url) => url === '/other.pac')).toHaveLength(1);
  });

  it("applies the app's bypass list before asking the script", async () => {
    const resolve = resolverFor(`${base}/proxy.pac`, 'login.microsoftonline.com');
    expect(await resolve('login.microsoftonline.com', 443)).toEqual({
      kind: 'direct',
      source: { kind: 'app' },
    });
  });

  it('is a pac fault naming the script when it does not answer, within the timeout', async () => {
    const script = `http://${LOOPBACK}:${silent.port}/proxy.pac`;
    const started = Date.now();
    const error = await proxyErrorOf(resolverFor(script)('login.microsoftonline.com', 443));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error.fault).toMatchObject({
      kind: 'pac',
      proxy: script,
      target: 'login.microsoftonline.com:443',
    });
    expect(error.message).toContain(script);
    expect(error.message).toMatch(/no answer within 0\.3 s/);
  });

  it('is a pac fault naming the script when its server refuses the connection', async () => {
    const script = `http://${LOOPBACK}:${await freePort()}/wpad.dat`;
    const error = await proxyErrorOf(resolverFor(script)('outlook.office365.com', 443));
    expect(error.fault).toMatchObject({ kind: 'pac', proxy: script });
    expect(error.message).toContain(script);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('is a pac fault when the script is missing (404) or fails as it runs', async () => {
    const missing = await proxyErrorOf(resolverFor(`${base}/gone.pac`)('a.example', 443));
    expect(missing.fault).toMatchObject({ kind: 'pac', proxy: `${base}/gone.pac` });
    expect(missing.message).toContain('HTTP 404');
    const broken = await proxyErrorOf(resolverFor(`${base}/broken.pac`)('a.example', 443));
    expect(broken.fault).toMatchObject({ kind: 'pac', proxy: `${base}/broken.pac` });
    expect(broken.message).toMatch(/the script failed: .*no rule for a\.example/);
  });
});
