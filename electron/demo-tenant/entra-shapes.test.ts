import { X509Certificate, createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawHttps, type RawResponse } from '../../test-support/services/raw-https';
import { DemoClients, EWS_DELEGATED_SCOPE } from '../../test-support/demo-tenant/clients';
import { startDemoTenant, type DemoTenant } from './index';
import { DEMO_PASSWORD, DEMO_USERS } from './seed';

/*
 * Entra's answers as Microsoft's identity-platform pages (OAuth 2.0 ROPC, client credentials,
 * OpenID Connect discovery, access token claims reference, error codes) and msal's bug reports
 * quote them, over bare HTTPS.
 */

let tenant: DemoTenant;
let http: ReturnType<typeof rawHttps>;

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  http = rawHttps(tenant.caPem);
});
afterAll(async () => {
  http.close();
  await tenant.close();
});
beforeEach(() => tenant.state.reset());

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const form = (url: string, fields: Record<string, string>) =>
  http.call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

const v2Token = (tenantSegment = tenant.seed.tenantId) =>
  `${tenant.origin}/${tenantSegment}/oauth2/v2.0/token`;

const ropcFields = (extra: Record<string, string> = {}) => ({
  client_id: tenant.seed.apps.ropc,
  scope: 'https://outlook.office365.com/EWS.AccessAsUser.All offline_access',
  username: DEMO_USERS.erpService,
  password: DEMO_PASSWORD,
  grant_type: 'password',
  ...extra,
});

const jwtPart = (token: string, index: 0 | 1) =>
  JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

function expectEntraError(res: RawResponse, status: number, error: string, code: number) {
  expect(res.status).toBe(status);
  const body = res.json<EntraErrorBody>();
  expect(body).toMatchObject({ error, error_codes: [code] });
  // The sentence, then Trace ID, Correlation ID and Timestamp, each after CRLF.
  expect(body.error_description).toMatch(
    new RegExp(
      `^AADSTS${code}: [^\\r\\n]+\\r\\nTrace ID: ${GUID}\\r\\nCorrelation ID: ${GUID}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
    ),
  );
  expect(body.error_description).toContain(`Trace ID: ${body.trace_id}\r\n`);
  expect(body.error_description).toContain(`Correlation ID: ${body.correlation_id}\r\n`);
  expect(body.error_description.endsWith(`Timestamp: ${body.timestamp}`)).toBe(true);
  expect(body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${code}`);
  return body;
}

describe('error bodies', () => {
  it('error_description separates message, Trace ID, Correlation ID and Timestamp with CRLF', async () => {
    expectEntraError(
      await form(v2Token(), ropcFields({ password: 'wrong' })),
      400,
      'invalid_grant',
      50126,
    );
  });

  it('malformed requests: no grant_type 900144, a named scope with client credentials 1002012, GET 900561', async () => {
    const noGrant = expectEntraError(
      await form(v2Token(), { client_id: tenant.seed.apps.ropc, scope: 'openid' }),
      400,
      'invalid_request',
      900144,
    );
    expect(noGrant.error_description).toContain(
      "The request body must contain the following parameter: 'grant_type'.",
    );
    expectEntraError(
      await form(v2Token(), {
        client_id: tenant.seed.apps.clientSecret,
        client_secret: tenant.seed.clientSecret.value,
        scope: 'https://graph.microsoft.com/Mail.Send',
        grant_type: 'client_credentials',
      }),
      400,
      'invalid_scope',
      1002012,
    );
    const get = expectEntraError(await http.call(v2Token()), 400, 'invalid_request', 900561);
    expect(get.error_description).toContain('Received a GET request.');
  });
});

describe('refresh tokens', () => {
  it('stay valid after they are redeemed; each redemption hands out a new one', async () => {
    const first = (await form(v2Token(), ropcFields())).json<{ refresh_token: string }>();
    const redeem = () =>
      form(v2Token(), {
        client_id: tenant.seed.apps.ropc,
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token,
        scope: 'https://outlook.office365.com/EWS.AccessAsUser.All offline_access',
      });
    const once = await redeem();
    const twice = await redeem();
    expect([once.status, twice.status]).toEqual([200, 200]);
    expect(once.json<{ refresh_token: string }>().refresh_token).not.toBe(first.refresh_token);
  });
});

describe('/common and /organizations', () => {
  it.each(['common', 'organizations'])(
    'v2.0 discovery at /%s keeps the segment and the {tenantid} issuer',
    async (segment) => {
      const res = await http.call(
        `${tenant.origin}/${segment}/v2.0/.well-known/openid-configuration`,
      );
      expect(res.status).toBe(200);
      const doc = res.json<Record<string, string>>();
      expect(doc.token_endpoint).toBe(`${tenant.origin}/${segment}/oauth2/v2.0/token`);
      expect(doc.issuer).toBe(`${tenant.origin}/{tenantid}/v2.0`);
    },
  );

  it('ROPC at /organizations issues a token of the user’s home tenant, with msal-node too', async () => {
    const res = await form(v2Token('organizations'), ropcFields());
    expect(res.status).toBe(200);
    const token = res.json<{ access_token: string }>().access_token;
    expect(jwtPart(token, 1).tid).toBe(tenant.seed.tenantId);
    const viaMsal = await new DemoClients(tenant)
      .publicClient(tenant.seed.apps.ropc, 'organizations')
      .acquireTokenByUsernamePassword({
        scopes: [EWS_DELEGATED_SCOPE],
        username: DEMO_USERS.erpService,
        password: DEMO_PASSWORD,
      });
    expect(viaMsal?.tenantId).toBe(tenant.seed.tenantId);
  });
});

describe('tokens as Entra writes them', () => {
  it('delegated: x5t and kid, idp, rh, acr, a pairwise sub, nbf = iat, 60 to 90 minutes', async () => {
    const body = (await form(v2Token(), ropcFields())).json<{
      access_token: string;
      expires_in: number;
    }>();
    const header = jwtPart(body.access_token, 0);
    const claims = jwtPart(body.access_token, 1);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(header.x5t).toBe(header.kid);
    expect(claims).toMatchObject({
      idp: `https://sts.windows.net/${tenant.seed.tenantId}/`,
      iss: `https://sts.windows.net/${tenant.seed.tenantId}/`,
      acr: '1',
      ver: '1.0',
    });
    expect(typeof claims.rh).toBe('string');
    expect(claims.sub).not.toBe(claims.oid);
    expect(claims.nbf).toBe(claims.iat);
    const lifetime = Number(claims.exp) - Number(claims.iat);
    expect(lifetime).toBe(body.expires_in);
    expect(lifetime).toBeGreaterThanOrEqual(3600);
    expect(lifetime).toBeLessThanOrEqual(5400);
  });

  it('app-only: sub equals oid, no acr', async () => {
    const body = (
      await form(v2Token(), {
        client_id: tenant.seed.apps.clientSecret,
        client_secret: tenant.seed.clientSecret.value,
        scope: 'https://outlook.office365.com/.default',
        grant_type: 'client_credentials',
      })
    ).json<{ access_token: string }>();
    const claims = jwtPart(body.access_token, 1);
    expect(claims.sub).toBe(claims.oid);
    expect(claims.acr).toBeUndefined();
  });

  it('signing keys carry x5t, x5c (the certificate it is the thumbprint of) and issuer', async () => {
    const keys = (
      await http.call(`${tenant.origin}/${tenant.seed.tenantId}/discovery/v2.0/keys`)
    ).json<{ keys: Record<string, unknown>[] }>().keys;
    const [key] = keys;
    expect(key).toMatchObject({ kty: 'RSA', use: 'sig' });
    expect(key!.issuer).toBe(`${tenant.origin}/${tenant.seed.tenantId}/v2.0`);
    const der = Buffer.from((key!.x5c as string[])[0]!, 'base64');
    expect(createHash('sha1').update(der).digest('base64url')).toBe(key!.x5t);
    const cert = new X509Certificate(der);
    expect(cert.publicKey.export({ format: 'jwk' }).n).toBe(key!.n);
  });
});

describe('the v1.0 endpoints', () => {
  it('discovery, keys and a token for a resource', async () => {
    const doc = (
      await http.call(`${tenant.origin}/${tenant.seed.tenantId}/.well-known/openid-configuration`)
    ).json<Record<string, string>>();
    expect(doc.issuer).toBe(`https://sts.windows.net/${tenant.seed.tenantId}/`);
    expect(doc.token_endpoint).toBe(`${tenant.origin}/${tenant.seed.tenantId}/oauth2/token`);
    const keys = await http.call(doc.jwks_uri!);
    expect(keys.json<{ keys: unknown[] }>().keys).toHaveLength(1);
    const res = await form(doc.token_endpoint!, {
      client_id: tenant.seed.apps.clientSecret,
      client_secret: tenant.seed.clientSecret.value,
      resource: 'https://outlook.office365.com',
      grant_type: 'client_credentials',
    });
    expect(res.status).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ token_type: 'Bearer', resource: 'https://outlook.office365.com' });
    for (const field of ['expires_in', 'ext_expires_in', 'expires_on', 'not_before'])
      expect(body[field]).toMatch(/^\d+$/);
    expect(jwtPart(String(body.access_token), 1).roles).toEqual([
      'full_access_as_app',
      'SMTP.SendAsApp',
    ]);
  });

  it('a v1.0 token request without resource: 900144', async () => {
    expectEntraError(
      await form(`${tenant.origin}/${tenant.seed.tenantId}/oauth2/token`, {
        client_id: tenant.seed.apps.clientSecret,
        client_secret: tenant.seed.clientSecret.value,
        grant_type: 'client_credentials',
      }),
      400,
      'invalid_request',
      900144,
    );
  });
});
