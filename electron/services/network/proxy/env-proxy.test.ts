import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { envProxyFor, envProxySummary } from './env-proxy';
import { routeText, type ProxyChoice } from './proxy-choice';

const VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'];
const OTHERS = ['http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'];

beforeEach(() => {
  for (const name of [...VARIABLES, ...OTHERS]) vi.stubEnv(name, undefined);
});
afterEach(() => vi.unstubAllEnvs());

const set = (env: Record<string, string>) => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
};

/** "proxy.corp:8080 from HTTPS_PROXY", or "direct". */
const summary = (choice: ProxyChoice): string =>
  choice.kind === 'direct'
    ? 'direct'
    : `${choice.proxy.url.href} from ${choice.source.kind === 'env' ? choice.source.variable : '?'}`;

const HOST = 'login.microsoftonline.com';

describe('the proxy variables', () => {
  it('goes direct when none is set', () => {
    expect(envProxyFor(HOST, 443)).toEqual({ kind: 'direct', source: undefined });
  });

  it('follows HTTPS_PROXY and names it in the route', () => {
    set({ HTTPS_PROXY: 'http://upper:8080' });
    const choice = envProxyFor(HOST, 443);
    expect(summary(choice)).toBe('http://upper:8080/ from HTTPS_PROXY');
    expect(routeText(choice)).toBe('via upper:8080, from HTTPS_PROXY');
  });

  it('prefers https_proxy to HTTPS_PROXY when both are set', () => {
    set({ HTTPS_PROXY: 'http://upper:8080', https_proxy: 'http://lower:8080' });
    const choice = envProxyFor(HOST, 443);
    expect(summary(choice)).toBe('http://lower:8080/ from https_proxy');
    expect(routeText(choice)).toBe('via lower:8080, from https_proxy');
  });

  it('names https_proxy when both hold the same value', () => {
    set({ HTTPS_PROXY: 'http://same:8080', https_proxy: 'http://same:8080' });
    expect(summary(envProxyFor(HOST, 443))).toBe('http://same:8080/ from https_proxy');
  });

  it('follows ALL_PROXY when no HTTPS_PROXY is set, and HTTPS_PROXY before it', () => {
    set({ ALL_PROXY: 'http://all:3128' });
    expect(summary(envProxyFor(HOST, 443))).toBe('http://all:3128/ from ALL_PROXY');
    set({ HTTPS_PROXY: 'http://upper:8080' });
    expect(summary(envProxyFor(HOST, 443))).toBe('http://upper:8080/ from HTTPS_PROXY');
  });

  it("falls back to HTTP_PROXY for HTTPS (npm's convention), after HTTPS_PROXY", () => {
    set({ HTTP_PROXY: 'http://plain:3128' });
    const choice = envProxyFor('smtp.office365.com', 587);
    expect(summary(choice)).toBe('http://plain:3128/ from HTTP_PROXY');
    expect(routeText(choice)).toBe('via plain:3128, from HTTP_PROXY');
    set({ http_proxy: 'http://lower-plain:3128' });
    expect(summary(envProxyFor(HOST, 443))).toBe('http://lower-plain:3128/ from http_proxy');
    set({ HTTPS_PROXY: 'http://upper:8080' });
    expect(summary(envProxyFor(HOST, 443))).toBe('http://upper:8080/ from HTTPS_PROXY');
  });

  it('reads a proxy without a scheme as http:// (as curl does), never as TLS to the proxy', () => {
    set({ HTTPS_PROXY: 'proxy.corp:8080' });
    expect(summary(envProxyFor(HOST, 443))).toBe('http://proxy.corp:8080/ from HTTPS_PROXY');
  });

  it('splits credentials off the address, decoded, the password read on demand', async () => {
    set({ HTTPS_PROXY: 'http://CORP%5Cerp:p%40ss%3Aw0rd@proxy.corp:8080' });
    const choice = envProxyFor(HOST, 443);
    if (choice.kind !== 'proxy') throw new Error('expected a proxy');
    expect(choice.proxy.user).toBe('CORP\\erp');
    expect(await choice.proxy.password?.()).toBe('p@ss:w0rd');
    expect(choice.proxy.url.href).toBe('http://proxy.corp:8080/');
    expect(choice.proxy.url.username + choice.proxy.url.password).toBe('');
    expect(routeText(choice)).toBe('via proxy.corp:8080, from HTTPS_PROXY');
  });

  it('gives a user without a password no password function', () => {
    set({ HTTPS_PROXY: 'http://erp@proxy.corp:8080' });
    const choice = envProxyFor(HOST, 443);
    if (choice.kind !== 'proxy') throw new Error('expected a proxy');
    expect(choice.proxy.user).toBe('erp');
    expect(choice.proxy.password).toBeUndefined();
  });
});

/** proxy-from-env 2.x: a bare name matches itself only; `.d` and `*.d` match below d, not d. */
describe('NO_PROXY, as proxy-from-env reads it', () => {
  const cases: [string, string, number, 'direct' | 'proxy'][] = [
    ['login.microsoftonline.com', 'login.microsoftonline.com', 443, 'direct'],
    ['login.microsoftonline.com', 'LOGIN.microsoftonline.com', 443, 'direct'],
    ['microsoftonline.com', 'login.microsoftonline.com', 443, 'proxy'],
    ['.microsoftonline.com', 'login.microsoftonline.com', 443, 'direct'],
    ['.microsoftonline.com', 'microsoftonline.com', 443, 'proxy'],
    ['*.office365.com', 'outlook.office365.com', 443, 'direct'],
    ['*.office365.com', 'office365.com', 443, 'proxy'],
    ['smtp.office365.com:587', 'smtp.office365.com', 587, 'direct'],
    ['smtp.office365.com:587', 'smtp.office365.com', 993, 'proxy'],
    ['smtp.office365.com:443', 'smtp.office365.com', 443, 'direct'],
    ['*', 'outlook.office365.com', 443, 'direct'],
    ['a.example, outlook.office365.com', 'outlook.office365.com', 443, 'direct'],
  ];

  it.each(cases)('NO_PROXY=%j for %s:%i: %s', (noProxy, host, port, expected) => {
    set({ HTTPS_PROXY: 'http://upper:8080', NO_PROXY: noProxy });
    expect(envProxyFor(host, port).kind).toBe(expected);
  });

  it('prefers no_proxy to NO_PROXY', () => {
    set({ HTTPS_PROXY: 'http://upper:8080', NO_PROXY: HOST, no_proxy: 'other.example' });
    expect(envProxyFor(HOST, 443).kind).toBe('proxy');
    expect(envProxyFor('other.example', 443).kind).toBe('direct');
  });

  it('applies to the HTTP_PROXY fallback too', () => {
    set({ HTTP_PROXY: 'http://plain:3128', NO_PROXY: '.microsoftonline.com' });
    expect(envProxyFor(HOST, 443).kind).toBe('direct');
    expect(envProxyFor('outlook.office365.com', 443).kind).toBe('proxy');
  });
});

describe('the environment in one line', () => {
  it('is undefined when nothing is set', () => {
    expect(envProxySummary({})).toBeUndefined();
  });

  it('lists what is set, in precedence order, the user shown and the password hidden', () => {
    const line = envProxySummary({
      NO_PROXY: '.corp.example',
      HTTP_PROXY: 'http://plain:3128',
      HTTPS_PROXY: 'http://erp:Sekr3t-Proxy-pw!@proxy.corp:8080',
    });
    expect(line).toBe(
      'HTTPS_PROXY=http://erp:(hidden)@proxy.corp:8080, HTTP_PROXY=http://plain:3128, NO_PROXY=.corp.example',
    );
  });
});
