/**
 * Following the test message (FLOWS.md §11), 50 ms of latency on every demo-tenant endpoint:
 * `npx tsx bench/delivery.ts`. Figures go to BENCHMARKS.md.
 *
 * 1. Click Test → `OK!` with the following on against the same check without it: the following
 *    starts after the verdict, so `OK!` must not wait for it.
 * 2. Test → "Delivered" against the bare calls (a client-credentials token, EWS CreateItem, then
 *    FindItem on the recipient's Inbox until the message is there), same run, same latency.
 */
import * as ews from 'ews-javascript-api';
import { CLIENT_SECRET_APP_ID, DEMO_SECRET_VALUE, DEMO_USERS } from '../electron/demo-tenant/seed';
import { demoEndpoints } from '../shared/demo/switches';
import { DemoClients, EWS_APP_SCOPE } from '../test-support/demo-tenant/clients';
import { startCheckHarness } from '../test-support/services/check-harness';
import { median, medianOf } from './lib/median';

const RUNS = 20;
const LATENCY_MS = 50;
const follow = { windowMs: 2_000, pollMs: 500 };

const h = await startCheckHarness({}, 10_000);
for (const endpoint of demoEndpoints) h.tenant.state.setFault(endpoint, { latencyMs: LATENCY_MS });
const clients = new DemoClients(h.tenant);

/** Client secret (full_access_as_app) over EWS: the Test's way that follows in one token. */
const secretInput = () => {
  const base = h.input();
  return {
    ...base,
    form: { ...base.form, clientId: CLIENT_SECRET_APP_ID, authFlow: 'client-secret' as const },
    secrets: { clientSecret: { action: 'set' as const, value: DEMO_SECRET_VALUE } },
  };
};

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
};
const stopped = (runId: string) => () =>
  h.deliveries.some((d) => d.runId === runId && !d.following);
const delivered = (runId: string) => () =>
  h.deliveries.some((d) => d.runId === runId && d.lines.some((l) => l.startsWith('Delivered')));

const plain = h.newCheck();
const following = h.newCheck({ follow });

async function okOnly(check: typeof plain, wait: boolean): Promise<number> {
  const input = secretInput();
  const start = performance.now();
  const result = await check.run(input);
  const ms = performance.now() - start;
  if (result.lines[0] !== 'OK!') throw new Error(result.lines.join('\n'));
  // The watch ends before the next sample, so runs never overlap.
  if (wait) await until(stopped(input.runId));
  return ms;
}

async function samples(call: () => Promise<number>): Promise<number> {
  await call();
  const all: number[] = [];
  for (let i = 0; i < RUNS; i++) all.push(await call());
  return median(all);
}

const okWithout = await samples(() => okOnly(plain, false));
const okWith = await samples(() => okOnly(following, true));

async function toDelivered(check: typeof plain): Promise<number> {
  const input = secretInput();
  const start = performance.now();
  await check.run(input);
  await until(delivered(input.runId));
  const ms = performance.now() - start;
  await until(stopped(input.runId));
  return ms;
}

const appToken = () =>
  clients
    .confidentialClient(CLIENT_SECRET_APP_ID, DEMO_SECRET_VALUE, h.tenant.seed.tenantId)
    .acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] })
    .then((answer) => answer!.accessToken);

let sequence = 0;
/** The bare way: CreateItem as the sender, then FindItem on the recipient's Inbox until it is there. */
async function bare(token: string): Promise<void> {
  const subject = `bench delivery ${sequence++}`;
  await clients.send(clients.ews(token, DEMO_USERS.erpService), DEMO_USERS.recipient, subject);
  const reader = clients.ews(token, DEMO_USERS.recipient);
  const mailbox = new ews.Mailbox(DEMO_USERS.recipient);
  const inbox = new ews.FolderId(ews.WellKnownFolderName.Inbox, mailbox);
  for (;;) {
    const view = new ews.ItemView(20);
    view.OrderBy.Add(ews.ItemSchema.DateTimeReceived, ews.SortDirection.Descending);
    const found = await reader.FindItems(inbox, view);
    if (found.Items.some((item) => item.Subject === subject)) return;
  }
}

const cachedToken = await appToken();
const rows: [string, number, number][] = [
  [
    'cold (discovery + token + send + read)',
    await medianOf(RUNS, async () => bare(await appToken())),
    await samples(() => toDelivered(h.newCheck({ follow }))),
  ],
  [
    'cached token (send + read)',
    await medianOf(RUNS, () => bare(cachedToken)),
    await samples(() => toDelivered(following)),
  ],
];

console.log(`${LATENCY_MS} ms latency per demo-tenant request, median of ${RUNS} runs`);
console.log('| Case | Without following | With following | Ratio |');
console.log('| --- | --- | --- | --- |');
console.log(
  `| Test → OK! | ${okWithout.toFixed(1)} ms | ${okWith.toFixed(1)} ms | ${(okWith / okWithout).toFixed(2)} |`,
);
console.log('| Case | Bare calls | Test → "Delivered" | Ratio |');
console.log('| --- | --- | --- | --- |');
for (const [name, bareMs, appMs] of rows)
  console.log(
    `| ${name} | ${bareMs.toFixed(1)} ms | ${appMs.toFixed(1)} ms | ${(appMs / bareMs).toFixed(2)} |`,
  );
// The Test log update follows the last delivery event; let it land before the folder goes.
await new Promise((resolve) => setTimeout(resolve, 500));
await h.close();
