/**
 * Check e-mail settings against bare client calls, with 50 ms of latency on every demo-tenant
 * endpoint: `npx tsx bench/check.ts`. Figures go to BENCHMARKS.md.
 */
import {
  DemoClients,
  EWS_APP_SCOPE,
  EWS_DELEGATED_SCOPE,
} from '../test-support/demo-tenant/clients';
import { demoEndpoints } from '../shared/demo/switches';
import { DEMO_PASSWORD, DEMO_SECRET_VALUE, DEMO_USERS } from '../electron/demo-tenant/seed';
import { startCheckHarness } from '../test-support/services/check-harness';
import { medianOf } from './lib/median';

const RUNS = 20;
const LATENCY_MS = 50;

const h = await startCheckHarness({}, 10_000);
for (const endpoint of demoEndpoints) h.tenant.state.setFault(endpoint, { latencyMs: LATENCY_MS });
const clients = new DemoClients(h.tenant);
const seed = h.tenant.seed;

const send = async (accessToken: string, mailbox?: string) =>
  clients.send(clients.ews(accessToken, mailbox), DEMO_USERS.recipient, 'bench');
const ropcToken = async () =>
  (await clients.publicClient(seed.apps.ropc, seed.tenantId).acquireTokenByUsernamePassword({
    scopes: [EWS_DELEGATED_SCOPE],
    username: DEMO_USERS.erpService,
    password: DEMO_PASSWORD,
  }))!.accessToken;
const appToken = async () =>
  (await clients
    .confidentialClient(seed.apps.clientSecret, DEMO_SECRET_VALUE, seed.tenantId)
    .acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] }))!.accessToken;

const passwordInput = () => h.input();
const secretInput = () => {
  const base = h.input();
  return {
    ...base,
    form: { ...base.form, clientId: seed.apps.clientSecret, authFlow: 'client-secret' as const },
    secrets: { clientSecret: { action: 'set' as const, value: DEMO_SECRET_VALUE } },
  };
};
const expectOk = async (run: Promise<{ lines: string[] }>) => {
  const { lines } = await run;
  if (lines[0] !== 'OK!') throw new Error(lines.join('\n'));
};

const cachedRopc = await ropcToken();
const cachedApp = await appToken();
const warmCheck = h.newCheck();

const rows: [string, number, number][] = [
  [
    'User name/Password, cold (discovery + token + send)',
    await medianOf(RUNS, async () => send(await ropcToken())),
    await medianOf(RUNS, () => expectOk(h.newCheck().run(passwordInput()))),
  ],
  [
    'User name/Password, cached token (send only)',
    await medianOf(RUNS, () => send(cachedRopc)),
    await medianOf(RUNS, () => expectOk(warmCheck.run(passwordInput()))),
  ],
  [
    'Client secret, cold (discovery + token + send)',
    await medianOf(RUNS, async () => send(await appToken(), DEMO_USERS.erpService)),
    await medianOf(RUNS, () => expectOk(h.newCheck().run(secretInput()))),
  ],
  [
    'Client secret, cached token (send only)',
    await medianOf(RUNS, () => send(cachedApp, DEMO_USERS.erpService)),
    await medianOf(RUNS, () => expectOk(warmCheck.run(secretInput()))),
  ],
];

console.log(`${LATENCY_MS} ms latency per demo-tenant request, median of ${RUNS} runs`);
console.log('| Case | Bare msal-node + ews-javascript-api | check service | Ratio |');
console.log('| --- | --- | --- | --- |');
for (const [name, bare, app] of rows)
  console.log(
    `| ${name} | ${bare.toFixed(1)} ms | ${app.toFixed(1)} ms | ${(app / bare).toFixed(2)} |`,
  );
await h.close();
