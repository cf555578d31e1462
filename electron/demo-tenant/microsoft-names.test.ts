import { ConfidentialClientApplication, PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  microsoftNames,
  smtpStarttlsXoauth2,
} from '../../test-support/demo-tenant/microsoft-names';
import { MICROSOFT_HOSTS, startDemoTenant, type DemoTenant } from './index';
import { DEMO_PASSWORD, DEMO_USERS } from './seed';

/*
 * The demo tenant reached as Microsoft 365 itself (issue 18, item 6): every request connects to
 * 127.0.0.1 but names login.microsoftonline.com, outlook.office365.com, graph.microsoft.com or
 * smtp.office365.com (SNI and Host) and trusts the demo CA alone, as the app configured for
 * Microsoft 365 does behind a proxy that maps those names to the tenant.
 */

const LOGIN = 'https://login.microsoftonline.com';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const TYPES = 'http://schemas.microsoft.com/exchange/services/2006/types';
const MESSAGES = 'http://schemas.microsoft.com/exchange/services/2006/messages';

let tenant: DemoTenant;
let net: ReturnType<typeof microsoftNames>;
let tid: string;

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  net = microsoftNames(Number(new URL(tenant.origin).port), tenant.caPem);
  tid = tenant.seed.tenantId;
});
afterAll(() => tenant.close());
beforeEach(() => {
  tenant.state.reset();
  net.requested.length = 0;
});

/** msal-node as the app configures it for Microsoft 365: Microsoft's authority, no knownAuthorities. */
const confidential = () =>
  new ConfidentialClientApplication({
    auth: {
      clientId: tenant.seed.apps.clientSecret,
      clientSecret: tenant.seed.clientSecret.value,
      authority: `${LOGIN}/${tid}`,
    },
    system: { networkClient: net.msalNetworkClient },
  });

const claims = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

describe('the certificate', () => {
  it.each(MICROSOFT_HOSTS)('verifies for %s against the demo CA alone', async (host) => {
    const res = await net.call(`https://${host}/no-such-path`);
    expect(res.status).toBe(404);
    expect(res.certificate.subjectaltname).toContain(`DNS:${host}`);
  });

  it('is refused for a name it does not carry: verification is on', async () => {
    await expect(net.call('https://login.microsoft.com/common')).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });
});

describe('Entra ID as login.microsoftonline.com', () => {
  it('builds the OpenID configuration from the name it was reached by', async () => {
    const v2 = await net.call(`${LOGIN}/${tid}/v2.0/.well-known/openid-configuration`);
    expect(v2.json()).toMatchObject({
      issuer: `${LOGIN}/${tid}/v2.0`,
      token_endpoint: `${LOGIN}/${tid}/oauth2/v2.0/token`,
      jwks_uri: `${LOGIN}/${tid}/discovery/v2.0/keys`,
      authorization_endpoint: `${LOGIN}/${tid}/oauth2/v2.0/authorize`,
    });
    const byDomain = await net.call(
      `${LOGIN}/${tenant.seed.domain}/v2.0/.well-known/openid-configuration`,
    );
    expect(byDomain.json()).toMatchObject({ issuer: `${LOGIN}/${tid}/v2.0` });
    const v1 = await net.call(`${LOGIN}/${tid}/.well-known/openid-configuration`);
    expect(v1.json()).toMatchObject({
      issuer: `https://sts.windows.net/${tid}/`,
      token_endpoint: `${LOGIN}/${tid}/oauth2/token`,
    });
    const keys = await net.call(`${LOGIN}/${tid}/discovery/v2.0/keys`);
    expect(keys.json<{ keys: { issuer: string }[] }>().keys[0]?.issuer).toBe(
      `${LOGIN}/${tid}/v2.0`,
    );
  });

  it('answers instance discovery as Entra does, and AADSTS50049 for another host', async () => {
    const discover = (authorize: string) =>
      net.call(
        `${LOGIN}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(authorize)}`,
      );
    const found = await discover(`${LOGIN}/${tid}/oauth2/v2.0/authorize`);
    expect(found.status).toBe(200);
    expect(found.json()).toEqual({
      tenant_discovery_endpoint: `${LOGIN}/${tid}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: [
            'login.microsoftonline.com',
            'login.windows.net',
            'login.microsoft.com',
            'sts.windows.net',
          ],
        },
      ],
    });
    const other = await discover('https://login.example.org/x/oauth2/v2.0/authorize');
    expect(other.status).toBe(400);
    expect(other.json()).toMatchObject({ error: 'invalid_instance', error_codes: [50049] });
  });

  it('answers as the loopback origin when the Host header names it, whatever the SNI', async () => {
    const res = await net.call(`${LOGIN}/${tid}/v2.0/.well-known/openid-configuration`, {
      headers: { host: new URL(tenant.origin).host },
    });
    expect(res.json()).toMatchObject({
      issuer: `${tenant.origin}/${tid}/v2.0`,
      token_endpoint: `${tenant.origin}/${tid}/oauth2/v2.0/token`,
    });
  });
});

describe('msal-node for Microsoft 365, then Graph, EWS and SMTP under their names', () => {
  it('client credentials: a Graph token from login.microsoftonline.com, then Graph answers', async () => {
    const result = await confidential().acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    expect(claims(result!.accessToken)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${tid}/`,
      tid,
    });
    // msal-node 7 knows login.microsoftonline.com's metadata itself: it may go to the token
    // endpoint straight away, without instance discovery or the OpenID configuration.
    expect(net.requested).toContainEqual(
      expect.stringMatching(new RegExp(`^POST ${LOGIN}/${tid}/oauth2/v2\\.0/token(\\?|$)`)),
    );
    expect(net.requested.every((r) => r.includes(` ${LOGIN}/`))).toBe(true);
    const inbox = await net.call(
      `https://graph.microsoft.com/v1.0/users/${DEMO_USERS.erpService}/mailFolders/inbox`,
      { headers: { authorization: `Bearer ${result!.accessToken}` } },
    );
    expect(inbox.status).toBe(200);
    expect(inbox.json<Record<string, unknown>>()['@odata.context']).toMatch(
      /^https:\/\/graph\.microsoft\.com\/v1\.0\/\$metadata#users\(/,
    );
  });

  it('ROPC: an Exchange token whose id token names login.microsoftonline.com, then EWS answers', async () => {
    const result = await new PublicClientApplication({
      auth: { clientId: tenant.seed.apps.ropc, authority: `${LOGIN}/${tid}` },
      system: { networkClient: net.msalNetworkClient },
    }).acquireTokenByUsernamePassword({
      scopes: ['https://outlook.office365.com/EWS.AccessAsUser.All'],
      username: DEMO_USERS.erpService,
      password: DEMO_PASSWORD,
    });
    expect(result?.idTokenClaims).toMatchObject({ iss: `${LOGIN}/${tid}/v2.0` });
    expect(claims(result!.accessToken)).toMatchObject({ aud: 'https://outlook.office365.com' });
    const ews = await net.call('https://outlook.office365.com/EWS/Exchange.asmx', {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        authorization: `Bearer ${result!.accessToken}`,
      },
      body:
        `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP}" xmlns:t="${TYPES}">` +
        `<soap:Header><t:RequestServerVersion Version="Exchange2016"/></soap:Header><soap:Body>` +
        `<GetFolder xmlns="${MESSAGES}"><FolderShape><t:BaseShape>Default</t:BaseShape></FolderShape>` +
        `<FolderIds><t:DistinguishedFolderId Id="inbox"/></FolderIds></GetFolder></soap:Body></soap:Envelope>`,
    });
    expect(ews.status).toBe(200);
    expect(ews.text).toContain('ResponseClass="Success"');
  });

  it('Autodiscover reached as outlook.office365.com points EWS at outlook.office365.com', async () => {
    const res = await net.call(
      `https://outlook.office365.com/autodiscover/autodiscover.json/v1.0/${DEMO_USERS.erpService}?Protocol=EWS`,
    );
    expect(res.json()).toEqual({
      Protocol: 'EWS',
      Url: 'https://outlook.office365.com/EWS/Exchange.asmx',
    });
  });

  it('SMTP: STARTTLS verifies as smtp.office365.com and XOAUTH2 takes the Exchange token', async () => {
    const result = await confidential().acquireTokenByClientCredential({
      scopes: ['https://outlook.office365.com/.default'],
    });
    const session = await smtpStarttlsXoauth2({
      port: tenant.smtp.starttlsPort,
      caPem: tenant.caPem,
      servername: 'smtp.office365.com',
      user: DEMO_USERS.erpService,
      accessToken: result!.accessToken,
    });
    expect(session.certificate.subjectaltname).toContain('DNS:smtp.office365.com');
    expect(session.replies[3]).toMatch(/^250-/);
    expect(session.replies[4]).toMatch(/^235 /);
  });
});
