import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawHttps, rawToken, type RawResponse } from '../../test-support/services/raw-https';
import { startDemoTenant, type DemoTenant } from './index';
import { EXCHANGE_APP_ID, GRAPH_APP_ID, GRAPH_MAIL_READBASIC_APP_ID } from './permissions';
import { DEMO_PASSWORD, DEMO_SHARED_MAILBOXES, DEMO_USERS } from './seed';

/*
 * Requests and answers as Microsoft's Graph reference writes them (user: sendMail, mailFolder
 * get, list messages, "Microsoft Graph error responses"), over bare HTTPS: no client of the app.
 */

let tenant: DemoTenant;
let http: ReturnType<typeof rawHttps>;
let tokenUrl: string;

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  http = rawHttps(tenant.caPem);
  tokenUrl = `${tenant.authorityFor(tenant.seed.tenantId)}/oauth2/v2.0/token`;
});
afterAll(async () => {
  http.close();
  await tenant.close();
});
beforeEach(() => tenant.state.reset());

const appToken = () =>
  rawToken(http, tokenUrl, {
    client_id: tenant.seed.apps.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
    client_secret: tenant.seed.clientSecret.value,
    grant_type: 'client_credentials',
  });

const userToken = (scope = 'https://graph.microsoft.com/Mail.Send', user = DEMO_USERS.erpService) =>
  rawToken(http, tokenUrl, {
    client_id: tenant.seed.apps.ropc,
    scope,
    username: user,
    password: DEMO_PASSWORD,
    grant_type: 'password',
  });

const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;

const graph = (
  path: string,
  token: string | undefined,
  init: { method?: string; body?: unknown } = {},
) =>
  http.call(`${tenant.graphUrl}/v1.0${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      'client-request-id': 'c0ffee00-0000-4000-8000-000000000001',
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

/** The reference's example: a text message to one recipient. */
const sendMailBody = (subject: string, to = DEMO_USERS.recipient, extra: object = {}) => ({
  message: {
    subject,
    body: { contentType: 'Text', content: 'The new cafeteria is open.' },
    toRecipients: [{ emailAddress: { address: to } }],
    ...extra,
  },
  saveToSentItems: 'false',
});

/** Graph's error body: code, message, innerError with date, request-id, client-request-id. */
function expectGraphError(res: RawResponse, status: number, code: string, message?: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const { error } = res.json<{
    error: { code: string; message: string; innerError: Record<string, string> };
  }>();
  expect(error.code).toBe(code);
  if (message) expect(error.message).toBe(message);
  expect(Object.keys(error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  expect(error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  expect(error.innerError['request-id']).toBe(res.headers['request-id']);
  expect(error.innerError['client-request-id']).toBe('c0ffee00-0000-4000-8000-000000000001');
}

describe('Graph tokens', () => {
  it('app-only: audience https://graph.microsoft.com, roles from the manifest and consent', async () => {
    const c = claims(await appToken());
    expect(c.aud).toBe('https://graph.microsoft.com');
    expect(c.roles).toEqual(['Mail.Send', 'Mail.ReadBasic']);
    expect(c.scp).toBeUndefined();
  });

  it('delegated: scp lists the consented Graph scopes', async () => {
    const c = claims(await userToken());
    expect(c.aud).toBe('https://graph.microsoft.com');
    expect(String(c.scp).split(' ').sort()).toEqual(['Mail.ReadBasic', 'Mail.Send']);
  });
});

describe('sendMail', () => {
  it('app-only POST /users/{UPN}/sendMail: 202 Accepted, no body; the message arrives', async () => {
    const res = await graph(`/users/${DEMO_USERS.erpService}/sendMail`, await appToken(), {
      method: 'POST',
      body: sendMailBody('Meet for lunch?'),
    });
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(res.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const [received] = tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox;
    expect(received).toMatchObject({ subject: 'Meet for lunch?', from: DEMO_USERS.erpService });
    expect(tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems).toEqual([]);
  });

  it('delegated POST /users/{id}/sendMail by object id keeps a copy in Sent Items by default', async () => {
    const token = await userToken();
    const res = await graph(`/users/${String(claims(token).oid)}/sendMail`, token, {
      method: 'POST',
      body: { message: sendMailBody('By id').message },
    });
    expect(res.status).toBe(202);
    expect(
      tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems.map((m) => m.subject),
    ).toEqual(['By id']);
  });

  it('403 ErrorSendAsDenied: delegated send from a mailbox without Send As', async () => {
    const res = await graph(
      `/users/${DEMO_SHARED_MAILBOXES.invoices}/sendMail`,
      await userToken(),
      {
        method: 'POST',
        body: sendMailBody('x'),
      },
    );
    expectGraphError(res, 403, 'ErrorSendAsDenied');
  });

  it('400 ErrorInvalidRecipients without a recipient; 400 BadRequest for a body that is not JSON', async () => {
    const token = await appToken();
    const path = `/users/${DEMO_USERS.erpService}/sendMail`;
    const none = await graph(path, token, { method: 'POST', body: { message: { subject: 'x' } } });
    expectGraphError(none, 400, 'ErrorInvalidRecipients');
    const bad = await http.call(`${tenant.graphUrl}/v1.0${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('BadRequest');
  });
});

describe('reading the inbox', () => {
  async function seedInbox(subjects: string[]) {
    const token = await appToken();
    for (const subject of subjects)
      await graph(`/users/${DEMO_USERS.erpService}/sendMail`, token, {
        method: 'POST',
        body: sendMailBody(subject),
      });
  }

  it('GET /users/{UPN}/mailFolders/inbox: totalItemCount and unreadItemCount', async () => {
    await seedInbox(['one', 'two']);
    const res = await graph(`/users/${DEMO_USERS.recipient}/mailFolders/inbox`, await appToken());
    expect(res.status).toBe(200);
    const folder = res.json<Record<string, unknown>>();
    expect(folder).toMatchObject({
      displayName: 'Inbox',
      totalItemCount: 2,
      unreadItemCount: 2,
      childFolderCount: 0,
    });
    expect(folder['@odata.context']).toMatch(/\/\$metadata#users\('.+'\)\/mailFolders\/\$entity$/);
  });

  it('GET …/inbox/messages?$top=3&$select=subject,receivedDateTime&$orderby=receivedDateTime desc', async () => {
    await seedInbox(['first', 'second', 'third', 'fourth']);
    const query = new URLSearchParams({
      $top: '3',
      $select: 'subject,receivedDateTime',
      $orderby: 'receivedDateTime desc',
    });
    const res = await graph(
      `/users/${DEMO_USERS.recipient}/mailFolders/inbox/messages?${query.toString()}`,
      await userToken('https://graph.microsoft.com/Mail.ReadBasic', DEMO_USERS.recipient),
    );
    expect(res.status).toBe(200);
    const { value } = res.json<{ value: Record<string, unknown>[] }>();
    expect(value.map((m) => m.subject)).toEqual(['fourth', 'third', 'second']);
    for (const m of value) {
      expect(Object.keys(m).sort()).toEqual(['@odata.etag', 'id', 'receivedDateTime', 'subject']);
      expect(m.receivedDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('400 for a $select property a message does not have', async () => {
    const res = await graph(
      `/users/${DEMO_USERS.recipient}/mailFolders/inbox/messages?$select=nope`,
      await appToken(),
    );
    expectGraphError(res, 400, 'BadRequest');
  });

  it('403 ErrorAccessDenied: a delegated user reading a mailbox without Full Access', async () => {
    const res = await graph(
      `/users/${DEMO_SHARED_MAILBOXES.invoices}/mailFolders/inbox`,
      await userToken('https://graph.microsoft.com/Mail.ReadBasic'),
    );
    expectGraphError(
      res,
      403,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
  });
});

describe('Graph errors for the FLOWS.md §4 rows', () => {
  it('401 InvalidAuthenticationToken without a token and with a token for Exchange', async () => {
    expectGraphError(
      await graph(`/users/${DEMO_USERS.erpService}/mailFolders/inbox`, undefined),
      401,
      'InvalidAuthenticationToken',
    );
    const ews = await rawToken(http, tokenUrl, {
      client_id: tenant.seed.apps.clientSecret,
      scope: 'https://outlook.office365.com/.default',
      client_secret: tenant.seed.clientSecret.value,
      grant_type: 'client_credentials',
    });
    expectGraphError(
      await graph(`/users/${DEMO_USERS.erpService}/mailFolders/inbox`, ews),
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience.',
    );
  });

  it('401 NoPermissionsInAccessToken: an app-only token with no Graph role', async () => {
    tenant.state.updateApp(tenant.seed.apps.clientSecret, {
      requiredResourceAccess: [{ resourceAppId: EXCHANGE_APP_ID, resourceAccess: [] }],
    });
    expectGraphError(
      await graph(`/users/${DEMO_USERS.erpService}/sendMail`, await appToken(), {
        method: 'POST',
        body: sendMailBody('x'),
      }),
      401,
      'NoPermissionsInAccessToken',
      'The token contains no permissions, or permissions can not be understood.',
    );
  });

  it('403 ErrorAccessDenied "Access is denied…": Mail.ReadBasic but no Mail.Send', async () => {
    tenant.state.updateApp(tenant.seed.apps.clientSecret, {
      requiredResourceAccess: [
        {
          resourceAppId: GRAPH_APP_ID,
          resourceAccess: [{ id: GRAPH_MAIL_READBASIC_APP_ID, type: 'Role' }],
        },
      ],
    });
    expectGraphError(
      await graph(`/users/${DEMO_USERS.erpService}/sendMail`, await appToken(), {
        method: 'POST',
        body: sendMailBody('x'),
      }),
      403,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
  });

  it('403 ErrorAccessDenied "Access to OData is disabled.": a mailbox outside the application access policy', async () => {
    tenant.state.updateApp(tenant.seed.apps.clientSecret, {
      impersonationScope: [DEMO_SHARED_MAILBOXES.orders],
    });
    const token = await appToken();
    expectGraphError(
      await graph(`/users/${DEMO_USERS.erpService}/mailFolders/inbox`, token),
      403,
      'ErrorAccessDenied',
      'Access to OData is disabled.',
    );
    expect(
      (await graph(`/users/${DEMO_SHARED_MAILBOXES.orders}/mailFolders/inbox`, token)).status,
    ).toBe(200);
  });

  it('404 MailboxNotEnabledForRESTAPI: a user without a mailbox licence', async () => {
    expectGraphError(
      await graph(`/users/${DEMO_USERS.unlicensed}/sendMail`, await appToken(), {
        method: 'POST',
        body: sendMailBody('x'),
      }),
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    );
  });

  it('404 ErrorInvalidUser for a user that does not exist; 400 for an unknown segment', async () => {
    const token = await appToken();
    expectGraphError(
      await graph(`/users/nobody@contoso-demo.onmicrosoft.com/mailFolders/inbox`, token),
      404,
      'ErrorInvalidUser',
    );
    expectGraphError(
      await graph(`/users/${DEMO_USERS.erpService}/calendars`, token),
      400,
      'BadRequest',
      "Resource not found for the segment 'calendars'.",
    );
  });
});
