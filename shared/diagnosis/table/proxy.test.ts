import { describe, expect, it } from 'vitest';
import { describeFailure, diagnose } from '../diagnose';
import type { FailureFacts, ProxyFault } from '../failure';

const fault = (patch: Partial<ProxyFault>): ProxyFault => ({
  kind: 'auth',
  proxy: 'proxy.corp:8080',
  source: 'HTTPS_PROXY',
  target: 'login.microsoftonline.com:443',
  ...patch,
});

const facts = (proxy: ProxyFault, patch: Partial<FailureFacts> = {}): FailureFacts => ({
  step: 'token',
  host: 'login.microsoftonline.com',
  message: 'The proxy answered.',
  proxy,
  route: 'via proxy.corp:8080, from HTTPS_PROXY',
  ...patch,
});

const text = (f: FailureFacts) => describeFailure(f).join('\n');

describe('proxy and inspection diagnoses', () => {
  it.each<[Partial<ProxyFault>, string, RegExp]>([
    [
      { kind: 'auth', credentialsSent: false, schemes: ['Negotiate', 'NTLM'] },
      'proxy-auth',
      /asks for a user name and password \(Negotiate, NTLM\)/,
    ],
    [
      { kind: 'auth', credentialsSent: true, schemes: ['Basic'] },
      'proxy-auth-wrong',
      /refused the proxy user name and password/,
    ],
    [
      { kind: 'refused', status: 403, target: 'smtp.office365.com:587' },
      'proxy-refused-mail-port',
      /refused to connect to smtp\.office365\.com:587: it lets connections through to HTTPS \(port 443\) only/,
    ],
    [{ kind: 'refused', status: 403 }, 'proxy-refused', /proxy's own rules, not from Microsoft/],
    [
      { kind: 'unreachable', status: 502 },
      'proxy-unreachable',
      /could not reach login\.microsoftonline\.com:443: the error came from the proxy/,
    ],
    [{ kind: 'timeout' }, 'proxy-timeout', /accepted the connection but did not answer in time/],
    [
      { kind: 'down' },
      'proxy-down',
      /could not be reached, so nothing went to login\.microsoftonline\.com:443/,
    ],
    [
      { kind: 'pac', proxy: 'http://wpad.corp/wpad.dat' },
      'proxy-pac',
      /script http:\/\/wpad\.corp\/wpad\.dat could not be loaded/,
    ],
  ])('%o → %s, naming the proxy and where it came from', (patch, id, meaning) => {
    const f = facts(fault(patch));
    expect(diagnose(f)?.id).toBe(id);
    expect(text(f)).toMatch(meaning);
    expect(text(f)).toContain('Route: via proxy.corp:8080, from HTTPS_PROXY');
    expect(text(f)).not.toMatch(/<proxy>|<target>|<proxy source>|<schemes>/);
  });

  it("a chain from a private root this computer does not trust: inspection, the issuer named, Microsoft's advice", () => {
    const f: FailureFacts = {
      step: 'send',
      host: 'outlook.office365.com',
      message: 'certificate refused',
      network: 'tls',
      certificate: {
        issuer: 'Contoso Inspection CA',
        subject: 'outlook.office365.com',
        trusted: false,
        privateRoot: true,
        code: 'SELF_SIGNED_CERT_IN_CHAIN',
      },
    };
    expect(diagnose(f)?.id).toBe('tls-inspected');
    expect(text(f)).toMatch(/issued by Contoso Inspection CA, which is not a public root/);
    expect(text(f)).toMatch(/exempting Microsoft 365 endpoints from TLS inspection/);
    expect(text(f)).toContain('Code: network: tls, SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('a public chain that fails (expired, wrong name) keeps the plain TLS row', () => {
    const f: FailureFacts = {
      step: 'send',
      host: 'outlook.office365.com',
      message: 'certificate has expired',
      network: 'tls',
      certificate: {
        issuer: 'DigiCert Global Root G2',
        subject: 'outlook.office365.com',
        trusted: false,
        privateRoot: false,
      },
    };
    expect(diagnose(f)?.id).toBe('tls-ews');
  });
});
