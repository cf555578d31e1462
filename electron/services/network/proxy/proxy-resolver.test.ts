import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppProxySetting, AppProxySettingSource } from '../proxy-setting';
import { routeText, type ProxyChoice } from './proxy-choice';
import { createProxyResolver, type SystemProxyResolver } from './proxy-resolver';

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'];
const MORE_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'];

beforeEach(() => {
  for (const name of [...PROXY_VARIABLES, ...MORE_VARIABLES]) vi.stubEnv(name, undefined);
});
afterEach(() => vi.unstubAllEnvs());

const setting =
  (over: Partial<AppProxySetting> = {}): AppProxySettingSource =>
  async () => ({
    proxy: 'system',
    proxyAddress: '',
    proxyUser: '',
    noProxyFor: '',
    password: async () => undefined,
    ...over,
  });

const noScript = async (url: string): Promise<string> => {
  throw new Error(`no script expected, asked for ${url}`);
};

const resolverWith = (appSetting: AppProxySettingSource, system?: SystemProxyResolver) =>
  createProxyResolver({ appSetting, system, fetchScript: noScript });

/** The proxy's URL of a choice, or 'direct'. */
const where = (choice: ProxyChoice): string =>
  choice.kind === 'direct' ? 'direct' : choice.proxy.url.href;

describe("the system's answer (Electron's resolveProxy)", () => {
  const answering = (answer: string) => {
    const asked: string[] = [];
    const system: SystemProxyResolver = async (url) => {
      asked.push(url);
      return answer;
    };
    return { resolve: resolverWith(setting(), system), asked };
  };

  it('takes the first PROXY entry and names the system settings as its source', async () => {
    const { resolve, asked } = answering('PROXY a:8080; DIRECT');
    const choice = await resolve('login.microsoftonline.com', 443);
    expect(asked).toEqual(['https://login.microsoftonline.com:443/']);
    expect(choice).toMatchObject({ kind: 'proxy', source: { kind: 'system' } });
    expect(where(choice)).toBe('http://a:8080/');
    expect(routeText(choice)).toBe('via a:8080, from the system settings');
  });

  it('goes direct for DIRECT and for an empty answer', async () => {
    for (const answer of ['DIRECT', '', '   ']) {
      const choice = await answering(answer).resolve('outlook.office365.com', 443);
      expect(choice).toEqual({ kind: 'direct', source: { kind: 'system' } });
      expect(routeText(choice)).toBe('direct');
    }
  });

  it('speaks TLS to an HTTPS proxy', async () => {
    const choice = await answering('HTTPS b:443').resolve('outlook.office365.com', 443);
    expect(choice.kind).toBe('proxy');
    if (choice.kind !== 'proxy') return;
    expect(choice.proxy.url.protocol).toBe('https:');
    expect(choice.proxy.url.hostname).toBe('b');
    expect(Number(choice.proxy.url.port) || 443).toBe(443);
  });

  it('skips SOCKS entries (the tunnel speaks CONNECT only) for the next HTTP proxy', async () => {
    const choice = await answering('SOCKS5 s:1080; PROXY c:3128').resolve(
      'smtp.office365.com',
      587,
    );
    expect(where(choice)).toBe('http://c:3128/');
  });

  it("is asked instead of the environment when Electron's resolver is there", async () => {
    vi.stubEnv('HTTPS_PROXY', 'http://env-proxy:8080');
    const choice = await answering('DIRECT').resolve('outlook.office365.com', 443);
    expect(choice.kind).toBe('direct');
  });

  it('without it, the environment decides (the browser host)', async () => {
    vi.stubEnv('HTTPS_PROXY', 'http://env-proxy:8080');
    const choice = await resolverWith(setting())('outlook.office365.com', 443);
    expect(routeText(choice)).toBe('via env-proxy:8080, from HTTPS_PROXY');
  });
});

describe("the app's setting", () => {
  it('No proxy goes direct even with HTTPS_PROXY set and a system proxy', async () => {
    vi.stubEnv('HTTPS_PROXY', 'http://env-proxy:8080');
    const resolve = resolverWith(setting({ proxy: 'none' }), async () => 'PROXY a:8080');
    const choice = await resolve('outlook.office365.com', 443);
    expect(choice).toEqual({ kind: 'direct', source: { kind: 'app' } });
  });

  it('Manual goes through its address, named as the app setting', async () => {
    vi.stubEnv('HTTPS_PROXY', 'http://env-proxy:8080');
    const manual = setting({ proxy: 'manual', proxyAddress: ' http://proxy.corp:8080 ' });
    const choice = await resolverWith(manual, async () => 'DIRECT')('outlook.office365.com', 443);
    expect(where(choice)).toBe('http://proxy.corp:8080/');
    expect(choice.source).toEqual({ kind: 'app' });
    expect(routeText(choice)).toBe("via proxy.corp:8080, from the app's setting");
  });

  const bypassCases: [string, string, number, 'direct' | 'proxy'][] = [
    ['.corp.example', 'mail.corp.example', 443, 'direct'],
    ['.corp.example', 'corp.example', 443, 'direct'],
    ['.corp.example', 'othercorp.example', 443, 'proxy'],
    ['*.corp.example', 'a.b.corp.example', 443, 'direct'],
    ['*.corp.example', 'corp.example', 443, 'direct'],
    ['exact.host', 'exact.host', 443, 'direct'],
    ['exact.host', 'EXACT.Host', 443, 'direct'],
    ['exact.host', 'sub.exact.host', 443, 'proxy'],
    ['smtp.office365.com:587', 'smtp.office365.com', 587, 'direct'],
    ['smtp.office365.com:587', 'smtp.office365.com', 993, 'proxy'],
    ['.office365.com:587', 'smtp.office365.com', 587, 'direct'],
    ['.office365.com:587', 'outlook.office365.com', 443, 'proxy'],
    ['*', 'anything.example', 443, 'direct'],
    ['a.example, b.example  c.example', 'c.example', 443, 'direct'],
    ['a.example,b.example', 'd.example', 443, 'proxy'],
  ];

  it.each(bypassCases)('bypass list %j for %s:%i: %s', async (list, host, port, expected) => {
    const manual = setting({
      proxy: 'manual',
      proxyAddress: 'http://proxy.corp:8080',
      noProxyFor: list,
    });
    const choice = await resolverWith(manual)(host, port);
    expect(choice.kind).toBe(expected);
    if (expected === 'direct') expect(choice.source).toEqual({ kind: 'app' });
  });

  it('Manual carries its user, and reads the password only when asked', async () => {
    let reads = 0;
    const password = async () => {
      reads += 1;
      return 'Sekr3t-Proxy-pw!';
    };
    const manual = setting({
      proxy: 'manual',
      proxyAddress: 'http://proxy.corp:8080',
      proxyUser: 'erp-proxy',
      password,
    });
    const choice = await resolverWith(manual)('outlook.office365.com', 443);
    expect(reads).toBe(0);
    expect(choice.kind).toBe('proxy');
    if (choice.kind !== 'proxy') return;
    expect(choice.proxy.user).toBe('erp-proxy');
    expect(choice.proxy.url.username).toBe('');
    expect(await choice.proxy.password?.()).toBe('Sekr3t-Proxy-pw!');
    expect(reads).toBe(1);
  });
});

describe("the app's proxy user with the system's proxy", () => {
  const password = async () => 'Sekr3t-Proxy-pw!';
  const withUser = setting({ proxy: 'system', proxyUser: 'erp-proxy', password });

  it("attaches the app's user and password to the system's proxy", async () => {
    const choice = await resolverWith(withUser, async () => 'PROXY a:8080')(
      'outlook.office365.com',
      443,
    );
    expect(choice).toMatchObject({ kind: 'proxy', source: { kind: 'system' } });
    if (choice.kind !== 'proxy') return;
    expect(choice.proxy.user).toBe('erp-proxy');
    expect(choice.proxy.password).toBe(password);
  });

  it("attaches them to the environment's proxy when it carries none", async () => {
    vi.stubEnv('HTTPS_PROXY', 'http://env-proxy:8080');
    const choice = await resolverWith(withUser)('outlook.office365.com', 443);
    if (choice.kind !== 'proxy') throw new Error('expected a proxy');
    expect(choice.proxy.user).toBe('erp-proxy');
    expect(await choice.proxy.password?.()).toBe('Sekr3t-Proxy-pw!');
  });

  it("keeps the environment's own credentials when its proxy URL carries them", async () => {
    vi.stubEnv('HTTPS_PROXY', 'http://env-user:env-pass@env-proxy:8080');
    const choice = await resolverWith(withUser)('outlook.office365.com', 443);
    if (choice.kind !== 'proxy') throw new Error('expected a proxy');
    expect(choice.proxy.user).toBe('env-user');
    expect(await choice.proxy.password?.()).toBe('env-pass');
  });

  it('attaches nothing to a direct answer', async () => {
    const choice = await resolverWith(withUser, async () => 'DIRECT')('outlook.office365.com', 443);
    expect(choice).toEqual({ kind: 'direct', source: { kind: 'system' } });
  });
});
