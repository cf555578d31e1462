import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  rehearsalAppPerTest,
  smtpOfficeInput,
  type RehearsalApp,
} from '../../../../test-support/rehearsal/rehearsal-app';

/**
 * FLOWS.md §10 rehearsed: the app in Microsoft 365 (no demo routing) in a namespace with only
 * loopback, where Microsoft's names resolve only inside the proxies, which lead to the demo
 * tenant answering under those names.
 */
const world = inject('rehearsal');
const port = (url: string) => new URL(url).port;
const withCredentials = (url: string, user: string, password: string) => {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.href;
};

const start = rehearsalAppPerTest(afterEach);

async function expectEwsAndGraphOk(app: RehearsalApp, route: RegExp) {
  const ews = await app.check();
  expect(ews.lines[0], ews.lines.join('\n')).toBe('OK!');
  expect(ews.lines.join('\n')).toMatch(route);
  const graph = await app.check({ dialog: { ...app.input().dialog, sendThrough: 'graph' } });
  expect(graph.lines[0], graph.lines.join('\n')).toBe('OK!');
  for (const through of ['ews', 'graph'] as const) {
    const validated = await app.validateAll(through);
    expect(
      validated.results.map((r) => r.ok),
      JSON.stringify(validated),
    ).toEqual([true, true]);
  }
}

describe('Microsoft 365 through a company proxy', () => {
  it('squid without authentication, from HTTPS_PROXY: Test OK! through EWS and Graph, Validate all', async () => {
    const app = await start({
      HTTPS_PROXY: world.proxies.plain,
      SSL_CERT_FILE: world.trust.demoCaPath,
    });
    await expectEwsAndGraphOk(
      app,
      new RegExp(`route: via 127\\.0\\.0\\.1:${port(world.proxies.plain)}, from HTTPS_PROXY`),
    );
  });

  it('squid with Basic authentication, the credentials in HTTPS_PROXY; SMTP XOAUTH2 accepted where 587 is allowed', async () => {
    const { url, user, password } = world.proxies.authenticated;
    const app = await start({
      HTTPS_PROXY: withCredentials(url, user, password),
      SSL_CERT_FILE: world.trust.demoCaPath,
    });
    await expectEwsAndGraphOk(app, /from HTTPS_PROXY/);
    const check = await app.check(smtpOfficeInput(app.input()));
    expect(check.lines[0], check.lines.join('\n')).toBe('OK!');
    expect(check.lines.join('\n')).toMatch(
      /XOAUTH2 accepted up to AUTH as \S+ .*no second message sent/,
    );
    expect(check.lines.join('\n')).not.toContain(password);
  });

  it('squid with Basic authentication, the credentials in the app setting (Manual)', async () => {
    const { url, user, password } = world.proxies.authenticated;
    const app = await start(
      { SSL_CERT_FILE: world.trust.demoCaPath },
      { proxy: 'manual', proxyAddress: url, proxyUser: user },
      password,
    );
    await expectEwsAndGraphOk(app, /from the app's setting/);
  });

  it('through a TLS-inspecting proxy (mitmproxy) whose CA this computer trusts', async () => {
    const app = await start({
      HTTPS_PROXY: world.proxies.mitm,
      SSL_CERT_FILE: world.trust.mitmCaPath,
    });
    await expectEwsAndGraphOk(app, /from HTTPS_PROXY/);
    const rows = await app.checkConnections();
    expect(rows.find((r) => r.service === 'sign-in')).toMatchObject({
      ok: true,
      tls: { trusted: true, inspectedBy: expect.stringMatching(/mitmproxy/) },
    });
  });
});
