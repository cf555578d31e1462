import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServerError } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretVault } from '../../../test-support/services/memory-secret-vault';
import { startDemoTenant, type DemoTenant } from '../../demo-tenant/index';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../../demo-tenant/seed';
import { createEnvironment, type EnvironmentRuntime } from '../environment/environment';
import { type Route } from '../network/route';
import { graphScopeFor } from '../mail/graph/graph-http';
import { openSettingsStore } from '../settings/settings-store';
import {
  createTokenBroker,
  entraDescription,
  TokenFailure,
  tokenFailureFacts,
} from './token-broker';

/**
 * Entra's error_description as Microsoft's pages and msal's own bug reports quote it: the sentence,
 * then Trace ID, Correlation ID and Timestamp, each after CRLF.
 */
const ENTRA_DESCRIPTION =
  "AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope https://example.contoso.com/activity.read is not valid.\r\nTrace ID: 255d1aef-8c98-452f-ac51-23d051240864\r\nCorrelation ID: fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7\r\nTimestamp: 2016-01-09 02:02:12Z";

/** How msal-common's response handler folds Entra's error body into its message. */
const msalMessage = (description: string) =>
  `Error(s): 70011 - Timestamp: 2016-01-09 02:02:12Z - Description: ${description} - Correlation ID: fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7 - Trace ID: 255d1aef-8c98-452f-ac51-23d051240864`;

describe('entraDescription', () => {
  it('takes the sentence out of msal’s message for Entra’s CRLF-separated description', () => {
    expect(entraDescription(msalMessage(ENTRA_DESCRIPTION))).toBe(
      "AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope https://example.contoso.com/activity.read is not valid.",
    );
  });

  it('also takes it from a description separated by spaces or LF only', () => {
    const sentence =
      'AADSTS50126: Error validating credentials due to invalid username or password.';
    expect(entraDescription(msalMessage(`${sentence} Trace ID: x Correlation ID: y`))).toBe(
      sentence,
    );
    expect(entraDescription(msalMessage(`${sentence}\nTrace ID: x`))).toBe(sentence);
  });

  it('gives the clean sentence as the failure’s message for an msal ServerError', () => {
    const error = new ServerError(
      'invalid_scope',
      'fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7',
      msalMessage(ENTRA_DESCRIPTION),
      undefined,
      '70011',
    );
    const facts = tokenFailureFacts(error, { status: 400 }, {
      authorityHost: 'login.microsoftonline.com',
    } as Route);
    expect(facts.message).toMatch(/^AADSTS70011: The provided value .* is not valid\.$/);
    expect(facts.aadsts).toBe(70011);
    expect(facts.correlationId).toBe('fb3d2015-bc17-4bb9-bb85-30c5cf1aaaa7');
  });
});

describe('the token broker against the demo tenant', () => {
  let dir: string;
  let tenant: DemoTenant;
  let environment: EnvironmentRuntime;
  let route: Route;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'token-broker-'));
    tenant = await startDemoTenant({ propagationDelayMs: 0 });
    environment = createEnvironment({
      store: openSettingsStore({ dir }),
      vault: createMemorySecretVault(),
      startTenant: async () => tenant,
    });
    route = await environment.route({
      tenantId: DEMO_TENANT_ID,
      serverAddress: 'outlook.office365.com',
      port: 0,
    });
  });
  afterAll(async () => {
    await environment.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => tenant.state.reset());

  const base = {
    serverAddress: 'outlook.office365.com',
    userName: DEMO_USERS.erpService,
  } as const;
  const password = {
    ...base,
    flow: 'password',
    clientId: ROPC_APP_ID,
    secret: DEMO_PASSWORD,
  } as const;
  const secret = {
    ...base,
    flow: 'client-secret',
    clientId: CLIENT_SECRET_APP_ID,
    secret: DEMO_SECRET_VALUE,
  } as const;

  it('keeps EWS and Graph tokens side by side: each is asked for once', async () => {
    const broker = createTokenBroker();
    const graphScope = graphScopeFor('client-secret', 'send');
    const ews1 = await broker.acquire({ ...secret, route });
    const graph1 = await broker.acquire({ ...secret, route, scope: graphScope });
    const ews2 = await broker.acquire({ ...secret, route });
    const graph2 = await broker.acquire({ ...secret, route, scope: graphScope });
    expect([ews1.fromCache, graph1.fromCache, ews2.fromCache, graph2.fromCache]).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(ews1.audience).toBe('https://outlook.office365.com');
    expect(graph1).toMatchObject({
      audience: 'https://graph.microsoft.com',
      roles: ['Mail.Send', 'Mail.ReadBasic'],
    });
    expect(tenant.state.requestCounts().token).toBe(2);
  });

  it('delegated Graph scopes: Mail.Send and Mail.ReadBasic are separate entries', async () => {
    const broker = createTokenBroker();
    const send = await broker.acquire({
      ...password,
      route,
      scope: graphScopeFor('password', 'send'),
    });
    const read = await broker.acquire({
      ...password,
      route,
      scope: graphScopeFor('password', 'read'),
    });
    expect(send.scopes.sort()).toEqual(['Mail.ReadBasic', 'Mail.Send']);
    expect(read.fromCache).toBe(false);
    expect(
      (await broker.acquire({ ...password, route, scope: graphScopeFor('password', 'send') }))
        .fromCache,
    ).toBe(true);
  });

  it('a changed secret is tried, not answered from the cache', async () => {
    const broker = createTokenBroker();
    await broker.acquire({ ...password, route });
    const failure = await broker
      .acquire({ ...password, route, secret: 'wrong' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TokenFailure);
    expect((failure as TokenFailure).facts).toMatchObject({
      aadsts: 50126,
      message: 'AADSTS50126: Error validating credentials due to invalid username or password.',
    });
  });
});
