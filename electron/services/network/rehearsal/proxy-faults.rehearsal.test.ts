import { afterEach, describe, expect, inject, it } from 'vitest';
import {
  rehearsalAppPerTest,
  smtpOfficeInput,
} from '../../../../test-support/rehearsal/rehearsal-app';
import {
  startSilentListener,
  type SilentListener,
} from '../../../../test-support/servers/silent-listener';

/** FLOWS.md §10's failures, each caused for real, each with the message the admin reads. */
const world = inject('rehearsal');
const proxyHost = (url: string) => new URL(url).host;

const start = rehearsalAppPerTest(afterEach);
let silent: SilentListener | undefined;
afterEach(async () => {
  await silent?.close();
  silent = undefined;
});

const text = (lines: string[]) => lines.join('\n');

describe('Microsoft 365 through a company proxy: what goes wrong, said plainly', () => {
  it('a wrong proxy password: 407, the proxy named, the password nowhere', async () => {
    const { url, user } = world.proxies.authenticated;
    const wrong = 'Wr0ng-Proxy-Passw0rd!';
    const app = await start(
      { SSL_CERT_FILE: world.trust.demoCaPath },
      { proxy: 'manual', proxyAddress: url, proxyUser: user },
      wrong,
    );
    const result = await app.check();
    expect(result).toMatchObject({ outcome: 'failed', diagnosisId: 'proxy-auth-wrong' });
    expect(text(result.lines)).toContain(
      `Meaning: The proxy ${proxyHost(url)} refused the proxy user name and password this computer sent to reach login.microsoftonline.com:443.`,
    );
    expect(text(result.lines)).toMatch(/The proxy asked for Basic\./);
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('no proxy credentials where the proxy asks for them: 407 with the scheme it asked for', async () => {
    const app = await start({
      HTTPS_PROXY: world.proxies.authenticated.url,
      SSL_CERT_FILE: world.trust.demoCaPath,
    });
    const result = await app.check();
    expect(result).toMatchObject({ outcome: 'failed', diagnosisId: 'proxy-auth' });
    expect(text(result.lines)).toMatch(
      /asks for a user name and password \(Basic\) before it lets this computer reach login\.microsoftonline\.com:443/,
    );
  });

  it("CONNECT to 587 refused by squid's default rule: its own diagnosis, never a timeout", async () => {
    const app = await start({
      HTTPS_PROXY: world.proxies.plain,
      SSL_CERT_FILE: world.trust.demoCaPath,
    });
    const result = await app.check(smtpOfficeInput(app.input()));
    expect(result).toMatchObject({ outcome: 'failed', diagnosisId: 'proxy-refused-mail-port' });
    expect(text(result.lines)).toContain(
      `The proxy ${proxyHost(world.proxies.plain)} (from HTTPS_PROXY) refused to connect to smtp.office365.com:587`,
    );
    expect(text(result.lines)).toMatch(/firewall rule.*Microsoft Graph/);
    expect(text(result.lines)).not.toMatch(/network: timeout/);
  });

  it("mitmproxy's CA not in the trust store: the issuer named, nothing sent", async () => {
    const app = await start({
      HTTPS_PROXY: world.proxies.mitm,
      SSL_CERT_FILE: world.trust.demoCaPath,
    });
    const result = await app.check();
    expect(result).toMatchObject({ outcome: 'failed', diagnosisId: 'tls-inspected' });
    expect(result.steps.map((s) => s.step)).not.toContain('send');
    expect(text(result.lines)).toMatch(
      /its certificate was issued by mitmproxy.*not a public root.*does not trust\. Nothing was sent\./,
    );
    expect(text(result.lines)).toMatch(/exempting Microsoft 365 endpoints from TLS inspection/);
  });

  it('an automatic configuration script that does not answer: the script named, not Microsoft', async () => {
    silent = await startSilentListener();
    const script = `http://127.0.0.1:${silent.port}/proxy.pac`;
    const app = await start(
      { SSL_CERT_FILE: world.trust.demoCaPath },
      { proxy: 'manual', proxyAddress: script },
    );
    const result = await app.check();
    expect(result).toMatchObject({ outcome: 'failed', diagnosisId: 'proxy-pac' });
    expect(text(result.lines)).toContain(
      `The automatic proxy configuration script ${script} could not be loaded or run`,
    );
  });

  it('NO_PROXY honoured: a bypassed host goes direct (and here, with no route out, fails as DNS)', async () => {
    const app = await start({
      HTTPS_PROXY: world.proxies.plain,
      NO_PROXY: '.microsoftonline.com',
      SSL_CERT_FILE: world.trust.demoCaPath,
    });
    const rows = await app.checkConnections();
    expect(rows.find((r) => r.service === 'sign-in')).toMatchObject({ route: 'direct', ok: false });
    expect(rows.find((r) => r.service === 'ews')).toMatchObject({
      route: `via ${proxyHost(world.proxies.plain)}, from HTTPS_PROXY`,
      ok: true,
    });
  });

  it('a proxy that accepts and never answers: a timeout naming the proxy', async () => {
    silent = await startSilentListener();
    const app = await start({
      HTTPS_PROXY: `http://127.0.0.1:${silent.port}`,
      SSL_CERT_FILE: world.trust.demoCaPath,
    });
    const result = await app.check();
    expect(result).toMatchObject({ outcome: 'failed', diagnosisId: 'proxy-timeout' });
    expect(text(result.lines)).toContain(
      `The proxy 127.0.0.1:${silent.port} (from HTTPS_PROXY) accepted the connection but did not answer in time for login.microsoftonline.com:443.`,
    );
  }, 60_000);
});
