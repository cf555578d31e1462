import https from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DemoClients,
  EWS_APP_SCOPE,
  EWS_DELEGATED_SCOPE,
} from '../../test-support/demo-tenant/clients';
import { startDemoTenant, type DemoTenant } from './index';
import { DEMO_USERS } from './seed';

let tenant: DemoTenant;
let clients: DemoClients;
let clock = Date.now();

beforeAll(async () => {
  tenant = await startDemoTenant({ now: () => clock, propagationDelayMs: 0 });
  clients = new DemoClients(tenant);
});
afterAll(() => tenant.close());
beforeEach(() => {
  clock = Date.now();
  tenant.state.reset();
});

interface MsalFailure {
  name: string;
  errorCode: string;
  errorNo?: number;
  subError: string;
  errorMessage: string;
}

async function failure(promise: Promise<unknown>): Promise<MsalFailure> {
  try {
    await promise;
  } catch (error) {
    return error as MsalFailure;
  }
  throw new Error('expected the call to fail');
}

const ropc = (
  username: string = DEMO_USERS.erpService,
  password = 'Demo-Passw0rd!',
  clientId = tenant.seed.apps.ropc,
  authority = tenant.seed.tenantId,
) =>
  clients
    .publicClient(clientId, authority)
    .acquireTokenByUsernamePassword({ scopes: [EWS_DELEGATED_SCOPE], username, password });

const appOnly = (
  secret = tenant.seed.clientSecret.value,
  clientId = tenant.seed.apps.clientSecret,
  scope = EWS_APP_SCOPE,
) =>
  clients
    .confidentialClient(clientId, secret, tenant.seed.domain)
    .acquireTokenByClientCredential({ scopes: [scope] });

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('msal-node against the seed', () => {
  it('ROPC returns a delegated Exchange token, an id token and an account', async () => {
    const result = await ropc();
    expect(result?.account?.username).toBe(DEMO_USERS.erpService);
    // Entra answers with every scope granted on the resource, not only the one asked for.
    expect(result?.scopes).toEqual([
      EWS_DELEGATED_SCOPE,
      'https://outlook.office365.com/SMTP.Send',
    ]);
    const c = claims(result!.accessToken);
    expect(c).toMatchObject({
      aud: 'https://outlook.office365.com',
      iss: `https://sts.windows.net/${tenant.seed.tenantId}/`,
      tid: tenant.seed.tenantId,
      appid: tenant.seed.apps.ropc,
      upn: DEMO_USERS.erpService,
      scp: 'EWS.AccessAsUser.All SMTP.Send',
    });
    expect(c.exp).toBeGreaterThan(c.iat as number);
  });

  it('client credentials returns an app-only token with full_access_as_app', async () => {
    const result = await appOnly();
    const c = claims(result!.accessToken);
    expect(c).toMatchObject({
      aud: 'https://outlook.office365.com',
      appid: tenant.seed.apps.clientSecret,
      roles: ['full_access_as_app', 'SMTP.SendAsApp'],
      idtyp: 'app',
    });
    expect(c.scp).toBeUndefined();
  });

  it('reuses cached tokens instead of asking the token endpoint again', async () => {
    const cca = clients.confidentialClient(
      tenant.seed.apps.clientSecret,
      tenant.seed.clientSecret.value,
      tenant.seed.tenantId,
    );
    const first = await cca.acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] });
    const second = await cca.acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] });
    expect(second?.accessToken).toBe(first?.accessToken);
    expect(second?.fromCache).toBe(true);
    expect(tenant.state.requestCounts().token).toBe(1);

    const pca = clients.publicClient(tenant.seed.apps.ropc, tenant.seed.tenantId);
    const user = await pca.acquireTokenByUsernamePassword({
      scopes: [EWS_DELEGATED_SCOPE],
      username: DEMO_USERS.erpService,
      password: 'Demo-Passw0rd!',
    });
    const silent = await pca.acquireTokenSilent({
      account: user!.account!,
      scopes: [EWS_DELEGATED_SCOPE],
    });
    expect(silent.fromCache).toBe(true);
    expect(tenant.state.requestCounts().token).toBe(2);
  });

  it('redeems the refresh token when the access token is forced to renew', async () => {
    const pca = clients.publicClient(tenant.seed.apps.ropc, tenant.seed.tenantId);
    const user = await pca.acquireTokenByUsernamePassword({
      scopes: [EWS_DELEGATED_SCOPE],
      username: DEMO_USERS.erpService,
      password: 'Demo-Passw0rd!',
    });
    const renewed = await pca.acquireTokenSilent({
      account: user!.account!,
      scopes: [EWS_DELEGATED_SCOPE],
      forceRefresh: true,
    });
    expect(renewed.fromCache).toBe(false);
    expect(renewed.accessToken).not.toBe(user!.accessToken);
    tenant.state.updateUser(DEMO_USERS.erpService, { disabled: true });
    const err = await failure(
      pca.acquireTokenSilent({
        account: user!.account!,
        scopes: [EWS_DELEGATED_SCOPE],
        forceRefresh: true,
      }),
    );
    expect(err.errorNo).toBe(50057);
  });
});

describe('each AADSTS row of FLOWS.md §4 reaches msal-node', () => {
  const cases: {
    row: string;
    arrange?: () => void;
    act: () => Promise<unknown>;
    expected: { errorCode: string; errorNo: number; subError?: string; message: string };
  }[] = [
    {
      row: '7000218 ROPC against a confidential app',
      arrange: () =>
        tenant.state.updateApp(tenant.seed.apps.ropc, { allowPublicClientFlows: false }),
      act: () => ropc(),
      expected: {
        errorCode: 'invalid_client',
        errorNo: 7000218,
        message: "must contain the following parameter: 'client_assertion' or 'client_secret'",
      },
    },
    {
      row: '700025 secret sent to a public client',
      arrange: () =>
        tenant.state.updateApp(tenant.seed.apps.clientSecret, { allowPublicClientFlows: true }),
      act: () => appOnly(),
      expected: {
        errorCode: 'invalid_client',
        errorNo: 700025,
        message: 'Client is public so neither',
      },
    },
    {
      row: '50076 MFA required',
      act: () => ropc(DEMO_USERS.mfa),
      expected: {
        errorCode: 'invalid_grant',
        errorNo: 50076,
        subError: 'basic_action',
        message: 'you must use multi-factor authentication',
      },
    },
    {
      row: '50079 MFA enrolment required',
      act: () => ropc(DEMO_USERS.mfaNotEnrolled),
      expected: {
        errorCode: 'invalid_grant',
        errorNo: 50079,
        subError: 'basic_action',
        message: 'you must enroll in multi-factor authentication',
      },
    },
    {
      row: '65001 consent missing',
      arrange: () => tenant.state.updateApp(tenant.seed.apps.ropc, { adminConsentGranted: false }),
      act: () => ropc(),
      expected: {
        errorCode: 'invalid_grant',
        errorNo: 65001,
        subError: 'consent_required',
        message: 'has not consented to use the application',
      },
    },
    {
      row: '700016 wrong client id',
      act: () =>
        ropc(DEMO_USERS.erpService, 'Demo-Passw0rd!', '00000000-1111-2222-3333-444444444444'),
      expected: {
        errorCode: 'unauthorized_client',
        errorNo: 700016,
        message: "Application with identifier '00000000-1111-2222-3333-444444444444' was not found",
      },
    },
    {
      row: '7000215 the secret ID pasted instead of the value',
      act: () => appOnly(tenant.seed.clientSecret.keyId),
      expected: {
        errorCode: 'invalid_client',
        errorNo: 7000215,
        message: 'Invalid client secret provided',
      },
    },
    {
      row: '7000222 secret expired',
      arrange: () => {
        clock = Date.parse('2029-01-01T00:00:00Z');
      },
      act: () => appOnly(),
      expected: {
        errorCode: 'invalid_client',
        errorNo: 7000222,
        message: 'client secret keys for app',
      },
    },
    {
      row: '50126 wrong password',
      act: () => ropc(DEMO_USERS.erpService, 'wrong'),
      expected: {
        errorCode: 'invalid_grant',
        errorNo: 50126,
        message: 'invalid username or password',
      },
    },
    {
      row: '50034 user not found',
      act: () => ropc('nobody@contoso-demo.onmicrosoft.com'),
      expected: { errorCode: 'invalid_grant', errorNo: 50034, message: 'does not exist in the' },
    },
    {
      row: '50053 locked',
      arrange: () => tenant.state.updateUser(DEMO_USERS.erpService, { locked: true }),
      act: () => ropc(),
      expected: { errorCode: 'invalid_grant', errorNo: 50053, message: 'The account is locked' },
    },
    {
      row: '50057 disabled',
      act: () => ropc(DEMO_USERS.disabled),
      expected: {
        errorCode: 'invalid_grant',
        errorNo: 50057,
        message: 'The user account is disabled',
      },
    },
    {
      row: '50055 password expired',
      arrange: () => tenant.state.updateUser(DEMO_USERS.erpService, { passwordExpired: true }),
      act: () => ropc(),
      expected: {
        errorCode: 'invalid_grant',
        errorNo: 50055,
        subError: 'user_password_expired',
        message: 'The password is expired',
      },
    },
    {
      row: '53003 Conditional Access',
      arrange: () =>
        tenant.state.updateUser(DEMO_USERS.erpService, { blockedByConditionalAccess: true }),
      act: () => ropc(),
      expected: {
        errorCode: 'invalid_grant',
        errorNo: 53003,
        message: 'blocked by Conditional Access',
      },
    },
    {
      row: '1002012 a named scope with client credentials',
      act: () =>
        appOnly(undefined, undefined, 'https://outlook.office365.com/EWS.AccessAsUser.All'),
      expected: {
        errorCode: 'invalid_scope',
        errorNo: 1002012,
        message: 'Client credential flows must have a scope value with /.default suffixed',
      },
    },
    {
      row: '500011 resource not found (wrong server address)',
      act: () => appOnly(undefined, undefined, 'https://mail.contoso.example/.default'),
      expected: {
        errorCode: 'invalid_resource',
        errorNo: 500011,
        message: 'The resource principal named https://mail.contoso.example was not found',
      },
    },
  ];

  for (const c of cases) {
    it(c.row, async () => {
      c.arrange?.();
      const err = await failure(c.act());
      expect(err.name).toMatch(/ServerError|InteractionRequiredAuthError/);
      expect(err.errorCode).toBe(c.expected.errorCode);
      expect(err.errorNo).toBe(c.expected.errorNo);
      expect(err.subError).toBe(c.expected.subError ?? '');
      expect(err.errorMessage).toContain(`AADSTS${c.expected.errorNo}: `);
      expect(err.errorMessage).toContain(c.expected.message);
    });
  }

  it('MFA and consent errors are interaction-required, so callers can tell them apart', async () => {
    expect((await failure(ropc(DEMO_USERS.mfa))).name).toBe('InteractionRequiredAuthError');
  });

  it('an unknown tenant (90002) or a malformed one (900023) stops msal at discovery; the token endpoint says why', async () => {
    for (const [tenantName, code] of [
      ['11111111-2222-3333-4444-555555555555', 90002],
      ['contoso', 900023],
    ] as const) {
      const err = await failure(
        ropc(DEMO_USERS.erpService, 'Demo-Passw0rd!', tenant.seed.apps.ropc, tenantName),
      );
      expect(err.errorCode).toBe('endpoints_resolution_error');
      const { status, body } = await post(
        `${tenant.authorityFor(tenantName)}/oauth2/v2.0/token`,
        'grant_type=client_credentials',
        'corr-1',
      );
      expect(status).toBe(400);
      expect(body).toMatchObject({ error_codes: [code], correlation_id: 'corr-1' });
      expect(String(body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
    }
  });
});

describe('Entra error shape', () => {
  it('carries error, AADSTS description, codes, timestamp, trace and the caller\u2019s correlation id', async () => {
    const { status, body } = await post(
      `${tenant.authorityFor(tenant.seed.tenantId)}/oauth2/v2.0/token`,
      new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: tenant.seed.apps.clientSecret,
        client_secret: 'nope',
        scope: EWS_APP_SCOPE,
      }).toString(),
      'my-correlation',
    );
    expect(status).toBe(401);
    expect(body).toMatchObject({
      error: 'invalid_client',
      error_codes: [7000215],
      correlation_id: 'my-correlation',
    });
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a token for an app without consent still comes, but without roles', async () => {
    tenant.state.updateApp(tenant.seed.apps.clientSecret, { adminConsentGranted: false });
    expect(claims((await appOnly())!.accessToken).roles).toBeUndefined();
  });
});

function post(
  url: string,
  body: string,
  correlationId: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        agent: clients.transport.agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'client-request-id': correlationId,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
