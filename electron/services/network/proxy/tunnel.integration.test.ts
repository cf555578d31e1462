import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, LOOPBACK } from '../../../../test-support/servers/local-process';
import {
  startSilentListener,
  type SilentListener,
} from '../../../../test-support/servers/silent-listener';
import { startSquid, type Squid } from '../../../../test-support/servers/squid';
import { openPath } from '../connect-path';
import type { ProxyServer } from './proxy-choice';
import { ProxyError } from './proxy-error';
import { createProxyResolver } from './proxy-resolver';
import { openTunnel } from './tunnel';

const NAME = 'mail.test';
const USER = 'erp-proxy';
const PASSWORD = 'Sekr3t-Proxy-pw!';

let banner: net.Server;
let port = 0;
let closedPort = 0;
let plain: Squid;
let authenticated: Squid;
let silent: SilentListener;

beforeAll(async () => {
  // A mail server's greeting: what a caller reads once the tunnel is open.
  banner = net.createServer((socket) => socket.end('220 mail.test ready\r\n'));
  await new Promise<void>((resolve) => banner.listen(0, LOOPBACK, resolve));
  port = (banner.address() as net.AddressInfo).port;
  closedPort = await freePort();
  const hosts = { [NAME]: LOOPBACK };
  const connectPorts = [port, closedPort];
  [plain, authenticated, silent] = await Promise.all([
    startSquid({ hosts, connectPorts }),
    startSquid({ hosts, connectPorts, basicAuth: { user: USER, password: PASSWORD } }),
    startSilentListener(),
  ]);
});

afterAll(async () => {
  await Promise.all([plain?.stop(), authenticated?.stop(), silent?.close()]);
  await new Promise((resolve) => banner?.close(resolve));
});

const proxyAt = (url: string, user?: string, password?: string): ProxyServer => ({
  url: new URL(url),
  user,
  password: password === undefined ? undefined : async () => password,
});

const tunnel = (proxy: ProxyServer, targetPort = port, timeoutMs = 5_000) =>
  openTunnel({ proxy, source: { kind: 'app' }, host: NAME, port: targetPort, timeoutMs }).connected;

const firstLine = (socket: net.Socket): Promise<string> =>
  new Promise((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => {
      resolve(chunk.toString('utf8').trim());
      socket.destroy();
    });
    socket.once('error', reject);
  });

async function proxyErrorOf(promise: Promise<unknown>): Promise<ProxyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return error as ProxyError;
}

describe('the CONNECT tunnel through squid', () => {
  it('opens to an allowed port and carries the server’s bytes', async () => {
    const socket = await tunnel(proxyAt(plain.url));
    expect(await firstLine(socket)).toBe('220 mail.test ready');
    expect(await plain.accessLog()).toContain(`CONNECT ${NAME}:${port}`);
  });

  it('is a refused fault with the proxy, its source and the target for a 403', async () => {
    const error = await proxyErrorOf(tunnel(proxyAt(plain.url), 587));
    expect(error.fault).toEqual({
      kind: 'refused',
      status: 403,
      proxy: `127.0.0.1:${plain.port}`,
      source: "the app's setting",
      target: `${NAME}:587`,
      credentialsSent: false,
    });
    expect(error.message).toContain(`The proxy 127.0.0.1:${plain.port} refused to connect`);
  });

  it('is an unreachable fault when the proxy cannot reach the target (503)', async () => {
    const error = await proxyErrorOf(tunnel(proxyAt(plain.url), closedPort));
    expect(error.fault).toMatchObject({ kind: 'unreachable', target: `${NAME}:${closedPort}` });
    expect([502, 503, 504]).toContain(error.fault.status);
  });

  it('is an auth fault with the Basic scheme when no credentials were sent', async () => {
    const error = await proxyErrorOf(tunnel(proxyAt(authenticated.url)));
    expect(error.fault).toMatchObject({
      kind: 'auth',
      status: 407,
      schemes: ['Basic'],
      credentialsSent: false,
      proxy: `127.0.0.1:${authenticated.port}`,
      target: `${NAME}:${port}`,
    });
  });

  it('says the credentials were sent when the password is wrong', async () => {
    const error = await proxyErrorOf(tunnel(proxyAt(authenticated.url, USER, 'wrong')));
    expect(error.fault).toMatchObject({
      kind: 'auth',
      status: 407,
      schemes: ['Basic'],
      credentialsSent: true,
    });
  });

  it('opens with the right credentials, the password read once, when the tunnel opens', async () => {
    let reads = 0;
    const resolve = createProxyResolver({
      appSetting: async () => ({
        proxy: 'manual',
        proxyAddress: authenticated.url,
        proxyUser: USER,
        noProxyFor: '',
        password: async () => {
          reads += 1;
          return PASSWORD;
        },
      }),
      fetchScript: async () => '',
    });
    const choice = await resolve(NAME, port);
    expect(choice.kind).toBe('proxy');
    expect(reads).toBe(0);
    const path = openPath(resolve, NAME, port, 5_000);
    expect(await firstLine(await path.connected)).toBe('220 mail.test ready');
    expect(reads).toBe(1);
  });

  it('is a timeout fault within timeoutMs when the proxy accepts and never answers', async () => {
    const started = Date.now();
    const error = await proxyErrorOf(
      tunnel(proxyAt(`http://${LOOPBACK}:${silent.port}`), port, 300),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);
    expect(error.fault).toMatchObject({
      kind: 'timeout',
      proxy: `127.0.0.1:${silent.port}`,
      target: `${NAME}:${port}`,
    });
  });

  it('is a down fault when nothing listens at the proxy’s address', async () => {
    const error = await proxyErrorOf(tunnel(proxyAt(`http://${LOOPBACK}:${closedPort}`)));
    expect(error.fault).toMatchObject({ kind: 'down', proxy: `127.0.0.1:${closedPort}` });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('is a down fault, not a crash, when the proxy refuses while the password is read', async () => {
    const proxy: ProxyServer = {
      url: new URL(`http://${LOOPBACK}:${closedPort}`),
      user: USER,
      password: () => new Promise((resolve) => setTimeout(() => resolve(PASSWORD), 200)),
    };
    const error = await proxyErrorOf(tunnel(proxy));
    expect(error.fault).toMatchObject({ kind: 'down', credentialsSent: true });
  });
});
