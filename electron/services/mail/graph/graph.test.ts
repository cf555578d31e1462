import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretVault } from '../../../../test-support/services/memory-secret-vault';
import { RecordingStepContext } from '../../../../test-support/services/recording-step-context';
import { diagnose } from '../../../../shared/diagnosis/diagnose';
import { startDemoTenant, type DemoTenant } from '../../../demo-tenant/index';
import {
  EXCHANGE_APP_ID,
  EWS_ACCESS_AS_USER_ALL_ID,
  GRAPH_APP_ID,
  GRAPH_MAIL_READ_APP_ID,
} from '../../../demo-tenant/permissions';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_PASSWORD,
  DEMO_SECRET_VALUE,
  DEMO_SHARED_MAILBOXES,
  DEMO_TENANT_ID,
  DEMO_USERS,
  ROPC_APP_ID,
} from '../../../demo-tenant/seed';
import { CancelledError } from '../../base/abortable';
import { createEnvironment, type EnvironmentRuntime } from '../../environment/environment';
import { type Route } from '../../network/route';
import { randomUUID } from 'node:crypto';
import { RunFailure } from '../failure';
import { bounceFacts } from '../ndr';
import { markFor } from '../port';
import { openSettingsStore } from '../../settings/settings-store';
import { createTokenBroker, type TokenBroker } from '../../tokens/token-broker';
import { graphScopeFor, type GraphConnection } from './graph-http';
import { GraphBatchQueue } from './graph-batch-queue';
import { GraphMailboxReader } from './graph-reader';
import { GraphSender } from './graph-sender';
import { GraphMessageTracker } from './graph-tracker';

let dir: string;
let tenant: DemoTenant;
let environment: EnvironmentRuntime;
let route: Route;
let broker: TokenBroker;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-client-'));
  tenant = await startDemoTenant({ propagationDelayMs: 0, bounceDelayMs: 20 });
  environment = createEnvironment({
    store: openSettingsStore({ dir }),
    vault: createMemorySecretVault(),
    startTenant: async () => tenant,
    requestTimeoutMs: 2_000,
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
beforeEach(() => {
  tenant.state.reset();
  broker = createTokenBroker();
});

type Flow = 'password' | 'client-secret';

async function connection(
  flow: Flow,
  use: 'send' | 'read',
  user: string = DEMO_USERS.erpService,
): Promise<GraphConnection> {
  const token = await broker.acquire({
    route,
    flow,
    clientId: flow === 'password' ? ROPC_APP_ID : CLIENT_SECRET_APP_ID,
    serverAddress: 'outlook.office365.com',
    userName: user,
    secret: flow === 'password' ? DEMO_PASSWORD : DEMO_SECRET_VALUE,
    scope: graphScopeFor(flow, use),
  });
  return { route, accessToken: token.accessToken, timeoutMs: 2_000 };
}

const message = (subject: string, from: string = DEMO_USERS.erpService) => ({
  from,
  to: DEMO_USERS.recipient,
  subject,
  body: 'Settings tested: Microsoft Graph',
  mark: markFor(randomUUID(), from),
});

async function failureOf(work: Promise<unknown>): Promise<RunFailure> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunFailure);
  return error as RunFailure;
}

describe.each<Flow>(['password', 'client-secret'])('Microsoft Graph, %s flow', (flow) => {
  it('sends: 202, one timed step graph-send, the message in the recipient’s mailbox', async () => {
    const conn = await connection(flow, 'send');
    const context = new RecordingStepContext();
    const report = await new GraphSender(conn).send(message(`Graph ${flow}`), context);
    expect(context.outcomes()).toEqual([{ name: 'graph-send', outcome: 'done' }]);
    expect(context.concealed).toContain(conn.accessToken);
    expect(report.lines[0]).toBe('Server: graph.microsoft.com:443 (Microsoft Graph over HTTPS)');
    expect(report.lines[1]).toBe('Microsoft Graph: HTTP 202 Accepted (taken for delivery)');
    expect(report.lines[2]).toMatch(/^Microsoft's request ID: [0-9a-f-]{36}$/);
    const [received] = tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox;
    expect(received).toMatchObject({ subject: `Graph ${flow}`, from: DEMO_USERS.erpService });
    expect(
      tenant.state.readMailbox(DEMO_USERS.erpService).folders.sentitems.map((m) => m.subject),
    ).toEqual([`Graph ${flow}`]);
  });

  it('reads the inbox: counts and the three newest subjects, newest first', async () => {
    const sender = new GraphSender(await connection(flow, 'send'));
    for (const subject of ['a', 'b', 'c', 'd'])
      await sender.send(message(subject), new RecordingStepContext());
    const context = new RecordingStepContext();
    const summary = await new GraphMailboxReader(
      await connection(flow, 'read', DEMO_USERS.recipient),
    ).read(DEMO_USERS.recipient, context);
    const d = tenant.state
      .readMailbox(DEMO_USERS.recipient)
      .folders.inbox.find((m) => m.subject === 'd');
    expect(summary).toEqual({
      total: 4,
      unread: 4,
      newestSubjects: ['d', 'c', 'b'],
      newestAt: d?.receivedAt.replace(/\.\d+Z$/, 'Z'),
    });
    expect(context.outcomes()).toEqual([{ name: 'graph-folder', outcome: 'done' }]);
  });

  it('a mailbox without a licence: MailboxNotEnabledForRESTAPI, diagnosed', async () => {
    const conn =
      flow === 'password'
        ? await connection(flow, 'read', DEMO_USERS.unlicensed)
        : await connection(flow, 'read');
    const context = new RecordingStepContext();
    const failure = await failureOf(
      new GraphMailboxReader(conn).read(DEMO_USERS.unlicensed, context),
    );
    expect(context.outcomes()).toEqual([{ name: 'graph-folder', outcome: 'failed' }]);
    expect(failure.facts).toMatchObject({
      step: 'graph-folder',
      httpStatus: 404,
      graphCode: 'MailboxNotEnabledForRESTAPI',
      message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      host: `graph.microsoft.com, via the demo tenant at ${tenant.knownAuthority}`,
    });
    expect(failure.facts.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(diagnose(failure.facts)?.id).toBe('graph-no-mailbox');
  });
});

describe('Graph failures the diagnosis explains', () => {
  it('app-only without Mail.Send: 403 ErrorAccessDenied', async () => {
    tenant.state.updateApp(CLIENT_SECRET_APP_ID, {
      requiredResourceAccess: [
        {
          resourceAppId: '00000003-0000-0000-c000-000000000000',
          resourceAccess: [{ id: '6be147d2-ea4f-4b5a-a3fa-3eab6f3c140a', type: 'Role' }],
        },
      ],
    });
    const failure = await failureOf(
      new GraphSender(await connection('client-secret', 'send')).send(
        message('x'),
        new RecordingStepContext(),
      ),
    );
    expect(failure.facts).toMatchObject({
      step: 'graph-send',
      httpStatus: 403,
      graphCode: 'ErrorAccessDenied',
      message: 'Access is denied. Check credentials and try again.',
    });
    expect(diagnose(failure.facts)?.id).toBe('graph-access-denied');
  });

  it('only Exchange permissions consented: 401 NoPermissionsInAccessToken', async () => {
    tenant.state.updateApp(CLIENT_SECRET_APP_ID, {
      requiredResourceAccess: [{ resourceAppId: EXCHANGE_APP_ID, resourceAccess: [] }],
    });
    const failure = await failureOf(
      new GraphSender(await connection('client-secret', 'send')).send(
        message('x'),
        new RecordingStepContext(),
      ),
    );
    expect(failure.facts).toMatchObject({
      httpStatus: 401,
      graphCode: 'NoPermissionsInAccessToken',
    });
    expect(diagnose(failure.facts)?.id).toBe('graph-token-rejected');
  });

  it('a mailbox outside the application access policy: “Access to OData is disabled.”', async () => {
    tenant.state.updateApp(CLIENT_SECRET_APP_ID, {
      impersonationScope: [DEMO_SHARED_MAILBOXES.orders],
    });
    const failure = await failureOf(
      new GraphMailboxReader(await connection('client-secret', 'read')).read(
        DEMO_USERS.erpService,
        new RecordingStepContext(),
      ),
    );
    expect(failure.facts).toMatchObject({
      httpStatus: 403,
      graphCode: 'ErrorAccessDenied',
      message: 'Access to OData is disabled.',
    });
    expect(diagnose(failure.facts)?.id).toBe('graph-mailbox-scoped-out');
  });

  it('delegated, from a mailbox without Send As: ErrorSendAsDenied', async () => {
    const failure = await failureOf(
      new GraphSender(await connection('password', 'send')).send(
        message('x', DEMO_SHARED_MAILBOXES.invoices),
        new RecordingStepContext(),
      ),
    );
    expect(failure.facts).toMatchObject({ httpStatus: 403, graphCode: 'ErrorSendAsDenied' });
    expect(diagnose(failure.facts)?.id).toBe('graph-send-as-denied');
  });

  it('a token for Exchange sent to Graph: 401 InvalidAuthenticationToken', async () => {
    tenant.state.updateApp(ROPC_APP_ID, {
      requiredResourceAccess: [
        {
          resourceAppId: EXCHANGE_APP_ID,
          resourceAccess: [{ id: EWS_ACCESS_AS_USER_ALL_ID, type: 'Scope' }],
        },
      ],
    });
    const ews = await broker.acquire({
      route,
      flow: 'password',
      clientId: ROPC_APP_ID,
      serverAddress: 'outlook.office365.com',
      userName: DEMO_USERS.erpService,
      secret: DEMO_PASSWORD,
    });
    const failure = await failureOf(
      new GraphSender({ route, accessToken: ews.accessToken }).send(
        message('x'),
        new RecordingStepContext(),
      ),
    );
    expect(failure.facts).toMatchObject({
      httpStatus: 401,
      graphCode: 'InvalidAuthenticationToken',
      message: 'Access token validation failure. Invalid audience.',
    });
  });

  it('a reset connection: network fault, no HTTP status', async () => {
    const conn = await connection('client-secret', 'send');
    tenant.state.setFault('graph', { reset: true, times: 1 });
    const failure = await failureOf(
      new GraphSender(conn).send(message('x'), new RecordingStepContext()),
    );
    expect(failure.facts).toMatchObject({ step: 'graph-send', network: 'reset' });
    expect(failure.facts.httpStatus).toBeUndefined();
  });

  it('429 with Retry-After: throttled, with the seconds to wait', async () => {
    const conn = await connection('client-secret', 'send');
    tenant.state.setFault('graph', { status: 429, retryAfterSeconds: 7, times: 1 });
    const failure = await failureOf(
      new GraphSender(conn).send(message('x'), new RecordingStepContext()),
    );
    expect(failure.facts).toMatchObject({ httpStatus: 429, retryAfterSeconds: 7 });
    expect(diagnose(failure.facts)?.id).toBe('throttled');
  });

  it('Cancel stops a slow request at once with CancelledError', async () => {
    const conn = await connection('client-secret', 'read');
    tenant.state.setFault('graph', { latencyMs: 1_500 });
    const context = new RecordingStepContext();
    const started = Date.now();
    setTimeout(() => context.controller.abort(), 100);
    const error = await new GraphMailboxReader(conn)
      .read(DEMO_USERS.erpService, context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('following a marked message through Microsoft Graph (Client secret)', () => {
  const nobody = `nobody@${DEMO_USERS.erpService.split('@')[1] ?? ''}`;

  /** Application Mail.Read beside the seed's Mail.ReadBasic: reading an NDR's MIME needs it. */
  function grantMailRead() {
    const app = tenant.state.snapshot().apps.find((a) => a.clientId === CLIENT_SECRET_APP_ID);
    const access = (app?.requiredResourceAccess ?? []).map((r) =>
      r.resourceAppId === GRAPH_APP_ID
        ? {
            ...r,
            resourceAccess: [
              ...r.resourceAccess,
              { id: GRAPH_MAIL_READ_APP_ID, type: 'Role' as const },
            ],
          }
        : r,
    );
    tenant.state.updateApp(CLIENT_SECRET_APP_ID, { requiredResourceAccess: access });
  }

  it('finds it in Sent Items and the Inbox by Message-ID, and no bounce for it', async () => {
    const sent = message('Followed');
    await new GraphSender(await connection('client-secret', 'send')).send(
      sent,
      new RecordingStepContext(),
    );
    const tracker = new GraphMessageTracker(await connection('client-secret', 'read'));
    const signal = new AbortController().signal;
    const { messageId } = sent.mark;
    expect(
      await tracker.find(DEMO_USERS.erpService, 'sentitems', messageId, signal),
    ).toBeInstanceOf(Date);
    expect(await tracker.find(DEMO_USERS.recipient, 'inbox', messageId, signal)).toBeInstanceOf(
      Date,
    );
    expect(await tracker.find(DEMO_USERS.recipient, 'inbox', '<other@x>', signal)).toBeUndefined();
    const stored = tenant.state.readMailbox(DEMO_USERS.recipient).folders.inbox.at(-1);
    expect(stored?.headers).toEqual({ 'X-ERP-Test-Run': sent.mark.runId });
  });

  it('reads the 5.1.10 NDR about it, and not the NDR of another run', async () => {
    grantMailRead();
    const send = await connection('client-secret', 'send');
    const since = new Date(Date.now() - 1000);
    const other = { ...message('Other run'), to: nobody };
    const ours = { ...message('Our run'), to: nobody };
    await new GraphSender(send).send(other, new RecordingStepContext());
    await new GraphSender(send).send(ours, new RecordingStepContext());
    await new Promise((resolve) => setTimeout(resolve, 200));
    const tracker = new GraphMessageTracker(await connection('client-secret', 'read'));
    const report = await tracker.bounce(
      DEMO_USERS.erpService,
      ours.mark,
      since,
      new AbortController().signal,
    );
    expect(report?.originalMessageId).toBe(ours.mark.messageId);
    expect(report?.status.recipients[0]).toMatchObject({
      finalRecipient: nobody,
      status: '5.1.10',
    });
    const again = await tracker.bounce(
      DEMO_USERS.erpService,
      ours.mark,
      since,
      new AbortController().signal,
    );
    expect(again).toBeUndefined();
  });

  it('FullAccess without Send As: 202 (OK!), then the 5.7.60 NDR in the Sender’s Inbox, diagnosed', async () => {
    grantMailRead();
    // The seed's Dana Sales may open Orders (FullAccess) but not send as it.
    const sent = {
      ...message('As Orders', DEMO_SHARED_MAILBOXES.orders),
      to: DEMO_USERS.erpService,
    };
    const send = await connection('password', 'send', DEMO_USERS.recipient);
    const report = await new GraphSender(send).send(sent, new RecordingStepContext());
    expect(report.lines[1]).toBe('Microsoft Graph: HTTP 202 Accepted (taken for delivery)');
    expect(tenant.state.readMailbox(DEMO_USERS.erpService).folders.inbox).toEqual([]);
    expect(tenant.state.readMailbox(DEMO_SHARED_MAILBOXES.orders).folders.sentitems).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const tracker = new GraphMessageTracker(await connection('client-secret', 'read'));
    const ndr = await tracker.bounce(
      DEMO_SHARED_MAILBOXES.orders,
      sent.mark,
      new Date(0),
      new AbortController().signal,
    );
    expect(ndr?.status.recipients).toEqual([
      expect.objectContaining({ finalRecipient: DEMO_USERS.erpService, status: '5.7.60' }),
    ]);
    const facts = ndr && bounceFacts(ndr);
    expect(facts && diagnose(facts)?.id).toBe('dsn-send-as-denied');
  });

  it('cannot read an NDR with Mail.ReadBasic alone: 403 ErrorAccessDenied', async () => {
    const sent = { ...message('Basic only'), to: nobody };
    await new GraphSender(await connection('client-secret', 'send')).send(
      sent,
      new RecordingStepContext(),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const tracker = new GraphMessageTracker(await connection('client-secret', 'read'));
    const error = await failureOf(
      tracker.bounce(DEMO_USERS.erpService, sent.mark, new Date(0), new AbortController().signal),
    );
    expect(error.facts).toMatchObject({
      step: 'delivery',
      graphCode: 'ErrorAccessDenied',
      httpStatus: 403,
    });
  });
});

describe('GETs in JSON batches (GraphBatchQueue)', () => {
  const inbox = (address: string) => `/users/${encodeURIComponent(address)}/mailFolders/inbox`;

  it('queued together they share batches of 20, four in flight, each answer its own', async () => {
    const addresses = tenant.state.addMailboxes(90);
    const c = await connection('client-secret', 'read');
    tenant.state.setFault('graph', { latencyMs: 200 });
    tenant.state.resetCounters();
    const queue = new GraphBatchQueue(c, new AbortController().signal);
    const gets = addresses.map((a) => queue.get(inbox(a)));
    // Four batches go out at once; the fifth waits for one of them.
    await Promise.all(gets.slice(0, 80).map((g) => g.sent));
    let fifthSent = false;
    void gets[80]?.sent.then(() => (fifthSent = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(fifthSent).toBe(false);
    const answers = await Promise.all(gets.map((g) => g.answer));
    expect(answers.map((a) => a.status)).toEqual(addresses.map(() => 200));
    expect(answers.map((a) => JSON.parse(a.text).displayName)).toEqual(
      addresses.map(() => 'Inbox'),
    );
    expect(tenant.state.requestCounts().graph).toBe(5);
  });

  it('Cancel: what is still queued is never sent and rejects with CancelledError', async () => {
    const addresses = tenant.state.addMailboxes(100);
    const c = await connection('client-secret', 'read');
    tenant.state.setFault('graph', { latencyMs: 300 });
    tenant.state.resetCounters();
    const controller = new AbortController();
    const queue = new GraphBatchQueue(c, controller.signal);
    const gets = addresses.map((a) => queue.get(inbox(a)));
    await gets[0]?.sent;
    controller.abort();
    await expect(gets[99]?.sent).rejects.toBeInstanceOf(CancelledError);
    await expect(gets[99]?.answer).rejects.toBeInstanceOf(CancelledError);
    await expect(gets[0]?.answer).rejects.toBeInstanceOf(CancelledError);
    await new Promise((r) => setTimeout(r, 400));
    expect(tenant.state.requestCounts().graph).toBe(4);
    await expect(queue.get(inbox(addresses[0] ?? '')).answer).rejects.toBeInstanceOf(
      CancelledError,
    );
  });
});
