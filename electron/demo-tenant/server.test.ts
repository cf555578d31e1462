import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DemoClients, EWS_APP_SCOPE } from '../../test-support/demo-tenant/clients';
import {
  createDemoControlClient,
  type DemoControlClient,
} from '../../test-support/demo-tenant/control-client';
import { startDemoTenant, type DemoTenant } from './index';
import { DEMO_USERS } from './seed';

let tenant: DemoTenant;
let clients: DemoClients;
let control: DemoControlClient;

beforeAll(async () => {
  tenant = await startDemoTenant({ propagationDelayMs: 0 });
  clients = new DemoClients(tenant, 2_000);
  control = createDemoControlClient({ ...tenant.control, caPem: tenant.caPem });
});
afterAll(() => tenant.close());
beforeEach(() => control.reset());

const appOnly = () =>
  clients
    .confidentialClient(
      tenant.seed.apps.clientSecret,
      tenant.seed.clientSecret.value,
      tenant.seed.tenantId,
    )
    .acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] });

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

describe('control API', () => {
  it('reads and changes state, reads mailboxes and counts requests from another process\u2019s point of view', async () => {
    const service = clients.ews((await appOnly())!.accessToken, DEMO_USERS.erpService);
    await clients.send(service, DEMO_USERS.recipient, 'Via control');
    expect(
      (await control.readMailbox(DEMO_USERS.recipient)).folders.inbox.map((m) => m.subject),
    ).toEqual(['Via control']);
    expect(await control.requestCounts()).toEqual({
      'openid-configuration': 1,
      jwks: 0,
      token: 1,
      ews: 1,
      graph: 0,
      autodiscover: 0,
      smtp: 0,
    });
    await control.resetCounters();
    expect((await control.requestCounts()).token).toBe(0);
    const updated = await control.updateUser(DEMO_USERS.erpService, { locked: true });
    expect(updated.locked).toBe(true);
    const secret = await control.addSecret(tenant.seed.apps.clientSecret, {
      displayName: 'second',
    });
    expect(secret.value.slice(3, 6)).toBe('8Q~');
    expect(
      (await control.snapshot()).apps.find((a) => a.clientId === tenant.seed.apps.clientSecret)
        ?.secrets,
    ).toHaveLength(2);
  });

  it('refuses callers without its token', async () => {
    const stranger = createDemoControlClient({
      url: tenant.control.url,
      token: 'guess',
      caPem: tenant.caPem,
    });
    await expect(stranger.snapshot()).rejects.toThrow('HTTP 401');
  });
});

describe('fault injection is observable by the real clients', () => {
  it('latency delays the answer', async () => {
    await control.setFault('token', { latencyMs: 300, times: 1 });
    const started = performance.now();
    await appOnly();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('429 with Retry-After reaches msal, which then throttles itself', async () => {
    await control.setFault('token', { status: 429, retryAfterSeconds: 30, times: 1 });
    const cca = clients.confidentialClient(
      tenant.seed.apps.clientSecret,
      tenant.seed.clientSecret.value,
      tenant.seed.tenantId,
    );
    const first = await rejection(cca.acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] }));
    expect([first.errorCode, first.status]).toEqual(['too_many_requests', 429]);
    // Within Retry-After msal answers from its throttling cache without a request.
    const second = await rejection(cca.acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] }));
    expect(second.name).toBe('ServerError');
    expect((await control.requestCounts()).token).toBe(1);
  });

  it('503 and 429 reach ews-javascript-api as HTTP status codes', async () => {
    const service = clients.ews((await appOnly())!.accessToken, DEMO_USERS.erpService);
    await control.setFault('ews', { status: 503, retryAfterSeconds: 5, times: 1 });
    expect((await rejection(clients.send(service, DEMO_USERS.recipient, 'x'))).HttpStatusCode).toBe(
      503,
    );
    await control.setFault('ews', { status: 429, retryAfterSeconds: 5, times: 1 });
    expect((await rejection(clients.send(service, DEMO_USERS.recipient, 'x'))).HttpStatusCode).toBe(
      429,
    );
    await clients.send(service, DEMO_USERS.recipient, 'after the faults');
  });

  it('a connection reset fails both clients without an answer', async () => {
    await control.setFault('token', { reset: true, times: 1 });
    const msal = await rejection(appOnly());
    expect(msal.errorCode).toBe('network_error');
    const service = clients.ews((await appOnly())!.accessToken, DEMO_USERS.erpService);
    await control.setFault('ews', { reset: true, times: 1 });
    const err = await rejection(clients.send(service, DEMO_USERS.recipient, 'x'));
    expect(String(err.message)).toMatch(/socket hang up|ECONNRESET/);
  });
});
