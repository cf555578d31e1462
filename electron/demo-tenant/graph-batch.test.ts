import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawHttps, rawToken } from '../../test-support/services/raw-https';
import { startDemoTenant, type DemoTenant } from './index';
import { DEMO_SHARED_MAILBOXES, DEMO_USERS } from './seed';

/*
 * Written from Microsoft's "Combine multiple HTTP requests using JSON batching" and "Microsoft
 * Graph service-specific throttling limits" (Outlook service limits) pages, over bare HTTPS: no
 * client of the app. EWS's ErrorServerBusy as the EWS throttling pages describe it.
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

const appToken = (scope: string) =>
  rawToken(http, tokenUrl, {
    client_id: tenant.seed.apps.clientSecret,
    scope,
    client_secret: tenant.seed.clientSecret.value,
    grant_type: 'client_credentials',
  });

interface BatchStep {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}
interface BatchAnswer {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body?: { error?: { code: string; message: string } } & Record<string, unknown>;
  }[];
}

async function batch(requests: BatchStep[]) {
  return http.call(`${tenant.graphUrl}/v1.0/$batch`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await appToken('https://graph.microsoft.com/.default')}`,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ requests }),
  });
}

const inbox = (id: string, user: string): BatchStep => ({
  id,
  method: 'GET',
  url: `/users/${user}/mailFolders/inbox`,
});

describe('JSON batching', () => {
  it('answers each step by id with its status, headers and body', async () => {
    const res = await batch([
      inbox('1', DEMO_USERS.erpService),
      {
        id: '2',
        method: 'GET',
        url: `users/${DEMO_USERS.recipient}/mailFolders/inbox/messages?$top=3&$select=subject`,
      },
      {
        id: '3',
        method: 'POST',
        url: `/users/${DEMO_USERS.erpService}/sendMail`,
        headers: { 'Content-Type': 'application/json' },
        body: {
          message: {
            subject: 'Batched',
            body: { contentType: 'Text', content: 'From a batch' },
            toRecipients: [{ emailAddress: { address: DEMO_SHARED_MAILBOXES.orders } }],
          },
        },
      },
      inbox('4', 'nobody@contoso-demo.onmicrosoft.com'),
    ]);
    expect(res.status).toBe(200);
    const { responses } = res.json<BatchAnswer>();
    const byId = new Map(responses.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual(['1', '2', '3', '4']);
    expect(byId.get('1')).toMatchObject({ status: 200, body: { totalItemCount: 0 } });
    // Named as Graph's batching page shows them: Microsoft's SDK reads 'Content-Type' as is.
    expect(byId.get('1')?.headers['Content-Type']).toMatch(/^application\/json;/);
    expect(byId.get('2')).toMatchObject({ status: 200, body: { value: [] } });
    expect(byId.get('3')?.status).toBe(202);
    expect(byId.get('3')?.body).toBeUndefined();
    expect(byId.get('4')).toMatchObject({
      status: 404,
      body: { error: { code: 'ErrorInvalidUser' } },
    });
    expect(
      tenant.state.readMailbox(DEMO_SHARED_MAILBOXES.orders).folders.inbox.map((m) => m.subject),
    ).toEqual(['Batched']);
  });

  it('a batch of 21 steps, or an id twice, is refused whole with 400', async () => {
    const many = Array.from({ length: 21 }, (_, n) => inbox(String(n + 1), DEMO_USERS.erpService));
    const tooMany = await batch(many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'BadRequest',
      message: 'Number of batch request steps exceeds the maximum of 20.',
    });
    expect((await batch(many.slice(0, 20))).status).toBe(200);
    const twice = await batch([
      inbox('a', DEMO_USERS.erpService),
      inbox('A', DEMO_USERS.recipient),
    ]);
    expect(twice.status).toBe(400);
  });

  it('a 429 inside a batch is that step\u2019s status, with Retry-After; the others succeed', async () => {
    tenant.state.setLimits({ graph: { requests: 1, windowMs: 60_000 } });
    const res = await batch([
      inbox('first', DEMO_USERS.erpService),
      inbox('second', DEMO_USERS.erpService),
      inbox('other', DEMO_USERS.recipient),
    ]);
    expect(res.status).toBe(200);
    const byId = new Map(res.json<BatchAnswer>().responses.map((r) => [r.id, r]));
    expect(byId.get('other')?.status).toBe(200);
    const statuses = [byId.get('first')?.status, byId.get('second')?.status].sort();
    expect(statuses).toEqual([200, 429]);
    const throttled = [...byId.values()].find((r) => r.status === 429);
    expect(Number(throttled?.headers['Retry-After'])).toBeGreaterThanOrEqual(59);
    expect(throttled?.body?.error?.code).toBe('ApplicationThrottled');
  });

  it('dependsOn runs a step after the one it names, and fails it with 424 when that one failed', async () => {
    const res = await batch([
      inbox('1', 'nobody@contoso-demo.onmicrosoft.com'),
      { ...inbox('2', DEMO_USERS.erpService), dependsOn: ['1'] },
    ]);
    const byId = new Map(res.json<BatchAnswer>().responses.map((r) => [r.id, r]));
    expect(byId.get('1')?.status).toBe(404);
    expect(byId.get('2')?.status).toBe(424);
  });
});

describe('Graph throttling (Outlook service limits)', () => {
  const get = async (user: string) =>
    http.call(`${tenant.graphUrl}/v1.0/users/${user}/mailFolders/inbox`, {
      headers: {
        authorization: `Bearer ${await appToken('https://graph.microsoft.com/.default')}`,
      },
    });

  it('over the request budget of an app on a mailbox: 429 with Retry-After in seconds', async () => {
    tenant.state.setLimits({ graph: { requests: 2, windowMs: 10_000 } });
    expect((await get(DEMO_USERS.erpService)).status).toBe(200);
    expect((await get(DEMO_USERS.erpService)).status).toBe(200);
    const third = await get(DEMO_USERS.erpService);
    expect(third.status).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(9);
    expect(third.json<{ error: { code: string } }>().error.code).toBe('ApplicationThrottled');
    // Another mailbox has its own budget.
    expect((await get(DEMO_USERS.recipient)).status).toBe(200);
  });

  it('a fifth concurrent request of the app: 429 MailboxConcurrency', async () => {
    tenant.state.setLimits({ graph: { serviceMs: 300 } });
    const users = [
      DEMO_USERS.erpService,
      DEMO_USERS.recipient,
      DEMO_USERS.mfa,
      DEMO_SHARED_MAILBOXES.orders,
      DEMO_SHARED_MAILBOXES.invoices,
    ];
    const answers = await Promise.all(users.map((u) => get(u)));
    const throttled = answers.filter((a) => a.status === 429);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]?.json<{ error: { message: string } }>().error.message).toBe(
      'Application is over its MailboxConcurrency limit.',
    );
  });

  it('the Demo tenant procedure\u2019s switch lowers the limits, and reset brings Microsoft\u2019s back', () => {
    expect(tenant.state.lowerLimits(true)).toMatchObject({ lowered: true, graph: { requests: 1 } });
    tenant.state.reset();
    expect(tenant.state.limits()).toMatchObject({
      lowered: false,
      graph: { concurrent: 4, requests: 10_000, windowMs: 600_000 },
      ews: { concurrent: 27 },
    });
    expect(() => tenant.state.setLimits({ graph: { requests: -1 } })).toThrow(RangeError);
  });
});

describe('EWS throttling: ErrorServerBusy', () => {
  const getFolder = async () =>
    http.call(tenant.ewsUrl, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await appToken('https://outlook.office365.com/.default')}`,
        'content-type': 'text/xml; charset=utf-8',
      },
      body:
        `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">` +
        `<soap:Header><t:RequestServerVersion Version="Exchange2016"/><t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>${DEMO_USERS.recipient}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation></soap:Header>` +
        `<soap:Body><GetFolder xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"><FolderShape><t:BaseShape>Default</t:BaseShape></FolderShape>` +
        `<FolderIds><t:DistinguishedFolderId Id="inbox"/></FolderIds></GetFolder></soap:Body></soap:Envelope>`,
    });

  it('over the mailbox\u2019s budget: a fault with BackOffMilliseconds in MessageXml, or without it', async () => {
    tenant.state.setLimits({ ews: { requests: 1, windowMs: 5_000 } });
    expect((await getFolder()).status).toBe(200);
    const busy = await getFolder();
    expect(busy.status).toBe(500);
    expect(busy.text).toContain(
      '<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>',
    );
    const backOff = /<t:Value Name="BackOffMilliseconds">(\d+)<\/t:Value>/.exec(busy.text);
    expect(Number(backOff?.[1])).toBeGreaterThan(4_000);
    expect(busy.text).toContain('<h:ServerVersionInfo');
    tenant.state.setLimits({ ews: { backOffHint: false } });
    const bare = await getFolder();
    expect(bare.text).toContain('ErrorServerBusy');
    expect(bare.text).not.toContain('BackOffMilliseconds');
  });
});
