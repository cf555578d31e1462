/**
 * Demo tenant round trips through the real clients, on loopback with no injected latency:
 * `npx tsx bench/demo-tenant.ts`. Figures go to BENCHMARKS.md.
 */
import {
  DemoClients,
  EWS_APP_SCOPE,
  EWS_DELEGATED_SCOPE,
} from '../test-support/demo-tenant/clients';
import { startDemoTenant } from '../electron/demo-tenant/index';
import { DEMO_PASSWORD, DEMO_USERS } from '../electron/demo-tenant/seed';

const CALLS = 300;
const SUSTAINED_MS = 5_000;
const CONCURRENCY = 8;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n=${samples.length})`;
}

async function time(n: number, call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  return samples;
}

const tenant = await startDemoTenant({ propagationDelayMs: 0 });
const clients = new DemoClients(tenant);
const s = tenant.seed;

// A new client application per call: each call really reaches the token endpoint (no cache hit).
const ropc = () =>
  clients.publicClient(s.apps.ropc, s.tenantId).acquireTokenByUsernamePassword({
    scopes: [EWS_DELEGATED_SCOPE],
    username: DEMO_USERS.erpService,
    password: DEMO_PASSWORD,
  });
const cca = () => clients.confidentialClient(s.apps.clientSecret, s.clientSecret.value, s.tenantId);
const appOnly = () => cca().acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] });

await time(20, appOnly);
console.log(
  `Token, client credentials (new msal app each call, incl. discovery): ${stats(await time(CALLS, appOnly))}`,
);
console.log(
  `Token, ROPC (new msal app each call, incl. discovery):              ${stats(await time(CALLS, ropc))}`,
);
const warmApp = cca();
await warmApp.acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE] });
console.log(
  `Token, client credentials (one msal app, skipCache):                ${stats(
    await time(CALLS, () =>
      warmApp.acquireTokenByClientCredential({ scopes: [EWS_APP_SCOPE], skipCache: true }),
    ),
  )}`,
);

const token = (await appOnly())!.accessToken;
const service = clients.ews(token, DEMO_USERS.erpService);
await time(20, () => clients.send(service, DEMO_USERS.recipient, 'warm-up'));
console.log(
  `EWS CreateItem SendAndSaveCopy (app-only, impersonation):          ${stats(await time(CALLS, () => clients.send(service, DEMO_USERS.recipient, 'bench')))}`,
);

let done = 0;
const until = performance.now() + SUSTAINED_MS;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    const own = clients.ews(token, DEMO_USERS.erpService);
    while (performance.now() < until) {
      await clients.send(own, DEMO_USERS.recipient, 'sustained');
      done++;
    }
  }),
);
console.log(
  `Sustained EWS sends, ${CONCURRENCY} concurrent clients for ${SUSTAINED_MS / 1000} s: ${(done / (SUSTAINED_MS / 1000)).toFixed(0)} requests/s`,
);
await tenant.close();
