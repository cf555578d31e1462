import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, LOOPBACK } from '../../../../test-support/servers/local-process';
import {
  startSilentListener,
  type SilentListener,
} from '../../../../test-support/servers/silent-listener';
import { startSquid, type Squid } from '../../../../test-support/servers/squid';
import { openPath } from '../connect-path';
import { seamFacts } from '../seam-facts';
import { envProxySummary } from './env-proxy';
import { routeText } from './proxy-choice';
import { ProxyError } from './proxy-error';
import { createProxyResolver } from './proxy-resolver';
import { describeProxySetting } from './proxy-summary';

const USER = 'erp-proxy';
const SECRET = 'Sekr3t-Proxy-pw!';
/** The password as it could slip out: plain, URL-encoded, or inside a Basic header. */
const FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  Buffer.from(`${USER}:${SECRET}`).toString('base64'),
];
const NAME = 'mail.test';
const TARGET_PORT = 993;

let squid: Squid;
let silent: SilentListener;
let closedPort = 0;

beforeAll(async () => {
  // squid knows another password: the secret is sent, and refused with 407.
  [squid, silent, closedPort] = await Promise.all([
    startSquid({
      hosts: { [NAME]: LOOPBACK },
      connectPorts: [TARGET_PORT],
      basicAuth: { user: USER, password: 'the-right-one' },
    }),
    startSilentListener(),
    freePort(),
  ]);
});

afterAll(async () => {
  await Promise.all([squid?.stop(), silent?.close()]);
});

afterEach(() => vi.unstubAllEnvs());

const expectNoPassword = (text: string) => {
  for (const form of FORMS) expect(text).not.toContain(form);
};

const manualSetting = (proxyAddress: string) => ({
  proxy: 'manual' as const,
  proxyAddress,
  proxyUser: USER,
  noProxyFor: '',
});

/** The manual proxy with the secret as its password, opened to mail.test:993. */
async function failureThrough(proxyAddress: string, timeoutMs = 5_000) {
  const resolve = createProxyResolver({
    appSetting: async () => ({ ...manualSetting(proxyAddress), password: async () => SECRET }),
    fetchScript: async () => '',
  });
  const path = openPath(resolve, NAME, TARGET_PORT, timeoutMs);
  const error = await path.connected.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProxyError);
  return { error: error as ProxyError, route: routeText(await resolve(NAME, TARGET_PORT)) };
}

describe('the proxy password appears in no fact, message or summary', () => {
  const cases: [string, () => string, string][] = [
    ['a wrong password (407)', () => squid.url, 'auth'],
    ['a proxy that never answers', () => `http://${LOOPBACK}:${silent.port}`, 'timeout'],
    ['a proxy that is down', () => `http://${LOOPBACK}:${closedPort}`, 'down'],
  ];

  it.each(cases)('for %s', async (_name, address, kind) => {
    const { error, route } = await failureThrough(address(), 400);
    expect(error.fault.kind).toBe(kind);
    expect(error.fault.credentialsSent).toBe(true);
    const wrapped = new Error('request failed', { cause: error });
    expect(seamFacts(wrapped)).toEqual({ proxy: error.fault });
    for (const text of [
      error.message,
      String(error),
      error.stack ?? '',
      JSON.stringify(error.fault),
      JSON.stringify(seamFacts(error)),
      JSON.stringify(seamFacts(wrapped)),
      route,
    ])
      expectNoPassword(text);
    expect(route).toMatch(/^via 127\.0\.0\.1:\d+, from the app's setting$/);
  });

  it('in the Manual setting described with its user', () => {
    const text = describeProxySetting(
      { ...manualSetting('http://proxy.corp:8080'), noProxyFor: '.corp' },
      'electron',
    );
    expect(text).toBe(
      "Manual (the app's setting): http://proxy.corp:8080, as erp-proxy; direct for .corp.",
    );
    expectNoPassword(text);
  });

  it('in the environment summary, which shows the user and hides the password', () => {
    vi.stubEnv('HTTPS_PROXY', `http://${USER}:${encodeURIComponent(SECRET)}@proxy.corp:8080`);
    vi.stubEnv('https_proxy', undefined);
    const line = envProxySummary() ?? '';
    expect(line).toContain(`HTTPS_PROXY=http://${USER}:(hidden)@proxy.corp:8080`);
    expectNoPassword(line);
    const text = describeProxySetting(
      { proxy: 'system', proxyAddress: '', proxyUser: '', noProxyFor: '' },
      'environment',
    );
    expect(text).toContain(`${USER}:(hidden)@proxy.corp:8080`);
    expectNoPassword(text);
  });
});
