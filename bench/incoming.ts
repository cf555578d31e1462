/**
 * Settings for incoming e-mail: `npm run bench:incoming` (builds first).
 * 1. Validate all through EWS on 200 accounts (Client secret flow), 50 ms of latency on every
 *    demo-tenant request, against the ideal ceil(200 / c) × one account's time.
 * 2. Validate all through Microsoft Graph on 1,000 accounts, 50 ms of latency, the demo tenant in
 *    a process of its own: against the ideal of the batch plan (batches / 4 in flight × one
 *    batch's round trip), beside a peer's way (one account at a time, a token each); then with
 *    Microsoft's limits lowered (the Demo tenant's switch) against the minimum they impose.
 * 3. The grid at 1,000 accounts in Chromium on the built browser host: keystrokes in a cell,
 *    wheel scrolling, Validate all through Graph, and peak RSS of the host and the page.
 * Figures go to BENCHMARKS.md. BENCH_PEER_ACCOUNTS (default 1,000) shortens the peer's run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  defaultIncomingSettings,
  newIncomingAccount,
  toIncomingSettingsForm,
} from '../shared/settings/incoming-settings';
import { startDemoTenant } from '../electron/demo-tenant/index';
import { CLIENT_SECRET_APP_ID, DEMO_TENANT_ID } from '../electron/demo-tenant/seed';
import { demoEndpoints } from '../shared/demo/switches';
import { DEFAULT_VALIDATION_CONCURRENCY } from '../electron/services/validation/mailbox-validation';
import { gridAt } from './lib/grid-ui';
import { validationServiceOn } from './lib/validation-service';
import { graphAtScale } from './lib/incoming-graph';
import { enterKeyringSession, median } from './lib/ui-session';

const ACCOUNTS = 200;
const LATENCY_MS = 50;
const RUNS = 5;
const AT_SCALE = 1000;
const PEER_ACCOUNTS = Number(process.env.BENCH_PEER_ACCOUNTS ?? AT_SCALE);

enterKeyringSession('bench/incoming.ts');

/** Part 1: the validation service in process against the embedded demo tenant, through EWS. */
async function validateAllThroughEws() {
  const dir = mkdtempSync(path.join(tmpdir(), 'erp-mail-bench-incoming-'));
  const tenant = await startDemoTenant();
  const mailboxes = tenant.seed.mailboxes.map((m) => m.address);
  const { environment, service } = await validationServiceOn(tenant, dir);
  for (const endpoint of demoEndpoints) tenant.state.setFault(endpoint, { latencyMs: LATENCY_MS });
  const form = (count: number) => ({
    ...toIncomingSettingsForm(defaultIncomingSettings, 'en-US'),
    clientId: CLIENT_SECRET_APP_ID,
    tenantId: DEMO_TENANT_ID,
    authFlow: 'client-secret' as const,
    // The tenant's seven mailboxes in turn: each row is checked on its own all the same.
    accounts: Array.from({ length: count }, (_, n) => ({
      ...newIncomingAccount(),
      email: mailboxes[n % mailboxes.length]!,
      types: ['crm' as const],
    })),
  });
  const run = async (count: number) => {
    const f = form(count);
    const start = performance.now();
    const result = await service.validate({
      runId: randomUUID(),
      form: f,
      secrets: {},
      accountIds: f.accounts.map((a) => a.id),
      through: 'ews',
    });
    if (result.outcome !== 'done' || !result.results.every((r) => r.ok))
      throw new Error(`Validation failed: ${JSON.stringify(result.results[0])}`);
    return performance.now() - start;
  };
  await run(1); // warm-up: the token, TLS sessions, JIT
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    one.push(await run(1));
    all.push(await run(ACCOUNTS));
  }
  await environment.close();
  rmSync(dir, { recursive: true, force: true });
  const c = DEFAULT_VALIDATION_CONCURRENCY;
  const ideal = Math.ceil(ACCOUNTS / c) * median(one);
  return { c, one: median(one), all: median(all), ideal };
}

const v = await validateAllThroughEws();
console.log(
  `Validate all through EWS, ${ACCOUNTS} accounts, c=${v.c}, ${LATENCY_MS} ms latency: ${v.all.toFixed(0)} ms ` +
    `(one account ${v.one.toFixed(1)} ms; ideal ceil(${ACCOUNTS}/${v.c}) × one = ${v.ideal.toFixed(0)} ms; ` +
    `ratio ${(v.all / v.ideal).toFixed(2)})`,
);

const g = await graphAtScale({
  accounts: AT_SCALE,
  peerAccounts: PEER_ACCOUNTS,
  latencyMs: LATENCY_MS,
  runs: 3,
});
const peerAtScale = g.peer.perAccountMs * g.accounts;
console.log(
  `Validate all through Microsoft Graph, ${g.accounts} accounts, ${g.latencyMs} ms latency: ${g.appMs.toFixed(0)} ms ` +
    `(median of ${g.runs}); one $batch of 20 alone ${g.roundTripMs.toFixed(1)} ms, four at once ${g.fourAtOnceMs.toFixed(1)} ms; ` +
    `ideal ${g.batches} batches / 4 × ${g.roundTripMs.toFixed(1)} ms = ${g.idealMs.toFixed(0)} ms; ratio ${(g.appMs / g.idealMs).toFixed(2)}`,
);
console.log(
  `A peer's way (one account at a time, a token each), ${g.peer.accounts} accounts: ${g.peer.ms.toFixed(0)} ms ` +
    `(${g.peer.perAccountMs.toFixed(1)} ms an account; ${g.accounts} accounts ${(peerAtScale / 1000).toFixed(1)} s); ` +
    `peer / app: ${(peerAtScale / g.appMs).toFixed(1)}×`,
);
console.log(
  `Limits lowered (1 request per mailbox per ${g.lowered.windowMs} ms): ${g.lowered.appMs.toFixed(0)} ms; ` +
    `the batch plan's minimum under them (ideal + window + a round trip) ${g.lowered.planMinimumMs.toFixed(0)} ms, ratio ${(g.lowered.appMs / g.lowered.planMinimumMs).toFixed(2)}; ` +
    `any client's (ceil(N/80) + 1 round trips + window) ${g.lowered.anyClientMinimumMs.toFixed(0)} ms, ratio ${(g.lowered.appMs / g.lowered.anyClientMinimumMs).toFixed(2)}`,
);
console.log(
  `Peak RSS of the bench process (the app's services in process): ${g.peakRssMb.toFixed(0)} MB`,
);

const t = await gridAt(AT_SCALE);
console.log(
  `Grid of ${t.rows} rows, typing (n=${t.typing.n}): keydown → input handled median ${t.typing.handled.toFixed(2)} ms ` +
    `(p95 ${t.typing.handledP95.toFixed(2)}); keydown → next paint median ${t.typing.paint.toFixed(2)} ms (p95 ${t.typing.paintP95.toFixed(2)})`,
);
console.log(
  `Grid of ${t.rows} rows, wheel scrolling top to bottom in ${t.scroll.ms.toFixed(0)} ms: ${t.scroll.frames} frames, ` +
    `interval median ${t.scroll.median.toFixed(1)} ms, p95 ${t.scroll.p95.toFixed(1)} ms, max ${t.scroll.max.toFixed(1)} ms, ` +
    `${t.scroll.over33} over 33 ms; ${t.scroll.rowsInPage} rows in the page at the end`,
);
console.log(
  `Validate all through Microsoft Graph in the UI, ${t.rows} rows (no injected latency): ${t.validateAllMs.toFixed(0)} ms; ` +
    `peak RSS: host ${t.peakRssMb.host.toFixed(0)} MB (demo tenant included), page ${t.peakRssMb.page.toFixed(0)} MB`,
);
