import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTenant, type DemoTenant } from '../../../demo-tenant/index';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
  DEMO_USERS,
} from '../../../demo-tenant/seed';
import { createEnvironment, type EnvironmentRuntime } from '../../environment/environment';
import { type Route } from '../../network/route';
import { randomUUID } from 'node:crypto';
import { markFor } from '../port';
import { inspectInbox, sendTestMessage } from './ews-client';
import { createMemorySecretVault } from '../../../../test-support/services/memory-secret-vault';
import { openSettingsStore } from '../../settings/settings-store';
import { createTokenBroker } from '../../tokens/token-broker';

let dir: string;
let tenant: DemoTenant;
let environment: EnvironmentRuntime;
let route: Route;
let accessToken: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ews-client-'));
  tenant = await startDemoTenant();
  environment = createEnvironment({
    store: openSettingsStore({ dir }),
    vault: createMemorySecretVault(),
    startTenant: async () => tenant,
  });
  const serverAddress = 'outlook.office365.com';
  route = await environment.route({ tenantId: DEMO_TENANT_ID, serverAddress, port: 0 });
  const token = await createTokenBroker().acquire({
    route,
    flow: 'client-secret',
    clientId: CLIENT_SECRET_APP_ID,
    serverAddress,
    userName: '',
    secret: DEMO_SECRET_VALUE,
  });
  accessToken = token.accessToken;
});
afterAll(async () => {
  await environment?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the EWS client', () => {
  it('sends text with XML’s special characters as the admin wrote it', async () => {
    // ews-javascript-api writes element text unescaped; the client must escape it.
    const subject = 'R&D <test> "one" & \'two\'';
    const body = 'a & b < c > d';
    const sender = DEMO_USERS.erpService;
    await sendTestMessage(
      { route, credentials: { bearer: accessToken }, impersonate: sender },
      {
        from: sender,
        to: DEMO_USERS.recipient,
        subject,
        body,
        mark: markFor(randomUUID(), sender),
      },
    );
    const [message] = tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox.slice(-1);
    expect(message).toMatchObject({ subject, body });

    const inbox = await inspectInbox(
      { route, credentials: { bearer: accessToken }, impersonate: DEMO_USERS.recipient },
      DEMO_USERS.recipient,
      { signal: new AbortController().signal, retrying: (request) => request() },
    );
    expect(inbox.newestSubjects[0]).toBe(subject);
  });
});
