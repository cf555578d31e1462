/**
 * Validate all through Microsoft Graph at scale (issue 20): the app's validation service in
 * process against the embedded demo tenant with 50 ms of latency on every request, against
 * the ideal of its batch plan, a peer's way (one account at a time, a token each), and
 * Microsoft's limits lowered against the minimum they impose.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
} from '../../shared/settings/incoming-settings';
import { demoEndpoints } from '../../shared/demo/switches';
import type { DemoTenant } from '../../electron/demo-tenant/index';
import { LOWERED_LIMITS } from '../../electron/demo-tenant/limits';
import {
  CLIENT_SECRET_APP_ID,
  DEMO_SECRET_VALUE,
  DEMO_TENANT_ID,
} from '../../electron/demo-tenant/seed';
import { GRAPH_BATCH_MAX, graphBatch } from '../../electron/services/mail/graph/graph-batch';
import { GRAPH_BATCHES_IN_FLIGHT } from '../../electron/services/mail/graph/graph-batch-queue';
import { graphScopeFor, type GraphConnection } from '../../electron/services/mail/graph/graph-http';
import { NEWEST } from '../../electron/services/mail/graph/graph-reader';
import { validationServiceOn } from './validation-service';
import { DemoClients } from '../../test-support/demo-tenant/clients';
import { startTenantProcess } from './tenant-process';
import { median } from './ui-session';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

export interface GraphScaleFigures {
  accounts: number;
  latencyMs: number;
  /** One `$batch` of 20 GETs alone, the app's client, median: the plan's round trip. */
  roundTripMs: number;
  /** Four such batches at once, median. */
  fourAtOnceMs: number;
  batches: number;
  /** batches / in flight × round trip. */
  idealMs: number;
  /** The app's Validate all, median of `runs`. */
  appMs: number;
  runs: number;
  peer: { accounts: number; ms: number; perAccountMs: number };
  /** Microsoft's limits lowered: the app's Validate all against the minimum the limits impose. */
  lowered: { appMs: number; planMinimumMs: number; anyClientMinimumMs: number; windowMs: number };
  /** The bench process (the app's services and the demo tenant in it), peak RSS. */
  peakRssMb: number;
}

const inbox = (address: string) => `/users/${encodeURIComponent(address)}/mailFolders/inbox`;

/** The app's validation pieces on one demo tenant and an app-only Graph connection of its own. */
async function appOn(tenant: DemoTenant, dir: string) {
  const { environment, tokens, service } = await validationServiceOn(tenant, dir);
  const route = await environment.route({
    tenantId: DEMO_TENANT_ID,
    serverAddress: 'outlook.office365.com',
    port: 0,
  });
  const token = await tokens.acquire(
    {
      route,
      flow: 'client-secret',
      clientId: CLIENT_SECRET_APP_ID,
      serverAddress: 'outlook.office365.com',
      userName: '',
      secret: DEMO_SECRET_VALUE,
      scope: graphScopeFor('client-secret', 'read'),
    },
    new AbortController().signal,
  );
  const connection: GraphConnection = { route, accessToken: token.accessToken };
  /** Validate all through Graph on a row per address; throws unless every row is OK. */
  const validateAll = async (addresses: readonly string[]) => {
    const form = {
      ...toIncomingSettingsForm(defaultIncomingSettings, 'en-US'),
      clientId: CLIENT_SECRET_APP_ID,
      tenantId: DEMO_TENANT_ID,
      authFlow: 'client-secret' as const,
      accounts: addresses.map((email) => ({
        ...newIncomingAccount(),
        email,
        types: ['crm' as const],
      })),
    };
    const start = performance.now();
    const result = await service.validate({
      runId: randomUUID(),
      form,
      secrets: {},
      accountIds: form.accounts.map((a) => a.id),
      through: 'graph',
    });
    const ms = performance.now() - start;
    const failed = result.results.filter((r) => !r.ok);
    if (
      result.outcome !== 'done' ||
      failed.length > 0 ||
      result.results.length !== addresses.length
    )
      throw new Error(`Validation failed: ${JSON.stringify(failed[0] ?? result.outcome)}`);
    return ms;
  };
  return { environment, connection, validateAll };
}

/** A peer's way: one account after the other, each with a token of its own and two GETs. */
async function peerWay(tenant: DemoTenant, addresses: readonly string[]): Promise<number> {
  const clients = new DemoClients(tenant);
  const start = performance.now();
  for (const address of addresses) {
    const app = clients.confidentialClient(CLIENT_SECRET_APP_ID, DEMO_SECRET_VALUE, DEMO_TENANT_ID);
    const token = await app.acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT],
      skipCache: true,
    });
    for (const url of [inbox(address), `${inbox(address)}/messages?${NEWEST}`]) {
      const answer = await clients.transport.exchange({
        method: 'GET',
        url: `${tenant.graphUrl}/v1.0${url}`,
        headers: {
          authorization: `Bearer ${token?.accessToken ?? ''}`,
          accept: 'application/json',
        },
        maxBody: 1024 * 1024,
      });
      if (answer.status !== 200) throw new Error(`The peer's read failed: HTTP ${answer.status}`);
    }
  }
  return performance.now() - start;
}

/**
 * The median round trip of `inFlight` `$batch` requests of 20 GETs sent at once through the app's
 * client: one round of the batch plan (1: a batch alone).
 */
async function batchRoundTrip(
  connection: GraphConnection,
  addresses: readonly string[],
  inFlight: number,
) {
  const batchOf = (k: number) =>
    addresses
      .slice(k * GRAPH_BATCH_MAX, (k + 1) * GRAPH_BATCH_MAX)
      .map((a, n) => ({ id: String(n), url: inbox(a) }));
  const samples: number[] = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, (_, k) =>
        graphBatch(connection, batchOf(k), new AbortController().signal),
      ),
    );
    if (i > 0) samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function graphAtScale(options: {
  accounts: number;
  peerAccounts: number;
  latencyMs: number;
  runs: number;
}): Promise<GraphScaleFigures> {
  const { accounts, latencyMs, runs } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'erp-mail-bench-graph-'));
  const { tenant, control, stop } = await startTenantProcess();
  const addresses = await control.addMailboxes(accounts);
  const app = await appOn(tenant, dir);
  try {
    for (const endpoint of demoEndpoints) await control.setFault(endpoint, { latencyMs });
    await app.validateAll(addresses.slice(0, 20)); // warm-up: TLS sessions, JIT
    // The plan's round trip: one batch alone (four at once take longer on the tenant's one thread).
    const roundTripMs = await batchRoundTrip(app.connection, addresses, 1);
    const fourAtOnceMs = await batchRoundTrip(app.connection, addresses, GRAPH_BATCHES_IN_FLIGHT);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await app.validateAll(addresses));
    const peerMs = await peerWay(tenant, addresses.slice(0, options.peerAccounts));

    // Limits lowered (the Demo tenant's switch): one request per mailbox per window.
    await control.lowerLimits(true);
    const lowered = await app.validateAll(addresses);
    await control.lowerLimits(false);
    const { windowMs } = LOWERED_LIMITS.graph;
    const batches = Math.ceil((2 * accounts) / GRAPH_BATCH_MAX);
    const idealMs = Math.ceil(batches / GRAPH_BATCHES_IN_FLIGHT) * roundTripMs;
    // Any client at all: every Inbox's first read takes ceil(N / 20 / 4) rounds; each mailbox's
    // second read comes a window after its first and is answered a round later.
    const firstReads = Math.ceil(accounts / GRAPH_BATCH_MAX / GRAPH_BATCHES_IN_FLIGHT);
    return {
      accounts,
      latencyMs,
      roundTripMs,
      fourAtOnceMs,
      batches,
      idealMs,
      appMs: median(times),
      runs,
      peer: {
        accounts: options.peerAccounts,
        ms: peerMs,
        perAccountMs: peerMs / options.peerAccounts,
      },
      lowered: {
        appMs: lowered,
        // The batch plan under the limits: its last batch's mailboxes are read again a window
        // after it, a round later.
        planMinimumMs: idealMs + windowMs + roundTripMs,
        anyClientMinimumMs: (firstReads + 1) * roundTripMs + windowMs,
        windowMs,
      },
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await app.environment.close();
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
