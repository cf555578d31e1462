/**
 * Issue 18: the green icon's Test → `OK!` through a company proxy (squid) against a bare client
 * through the same squid, in one run. The proxy may add its own hop; the app nothing beyond it
 * (≤ 1.05× of the bare client).
 *
 * The rehearsal world (test-support/rehearsal/world.ts) binds 443 and 587 under Microsoft's
 * names, so this runs only in a network namespace with loopback alone, as root:
 *
 *   unshare -n bash -c 'ip link set lo up && exec bash scripts/with-private-keyring.sh npx tsx bench/proxy.ts'
 *
 * (`npm run bench:proxy` is `tsx bench/proxy.ts`, for inside such a namespace.) Outside one it
 * says so in one line and exits 1.
 *
 * 50 ms of latency on every demo-tenant endpoint (as bench/check.ts), medians of RUNS timed rounds
 * after WARM_UP rounds. Each round runs every case once, one after the other, so load on the
 * machine falls on all of them alike:
 *  (a) the app (composed for real, Microsoft 365) with HTTPS_PROXY = squid `plain`;
 *  (b) the same app with Network = Manual, Proxy address = the same squid;
 *  (c) bare: msal-node (a new client application per call, as the app makes one per token) and
 *      ews-javascript-api CreateItem, over a Node https.Agent (keep-alive) whose connections are
 *      a CONNECT tunnel through the same squid (`http.request` method CONNECT) and TLS;
 *  (d) for context, the app in Demo straight to a demo tenant of its own (no proxy), and the bare
 *      clients straight to it.
 * Cold = the token is requested (OpenID discovery, token, send: the app's runs alternate two
 * accounts, so its one cached token never fits); warm = the token is cached (send only).
 */
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { DemoClients, EWS_DELEGATED_SCOPE } from '../test-support/demo-tenant/clients';
import { createDemoControlClient } from '../test-support/demo-tenant/control-client';
import { startRehearsalWorld, type RunningWorld } from '../test-support/rehearsal/world';
import { startRehearsalApp, type RehearsalApp } from '../test-support/rehearsal/rehearsal-app';
import { startCheckHarness } from '../test-support/services/check-harness';
import {
  createTrustedTransport,
  type TrustedTransport,
} from '../electron/services/network/trusted-transport';
import { EWS_PATH } from '../electron/demo-tenant/ews';
import { DEMO_PASSWORD, DEMO_USERS, ROPC_APP_ID } from '../electron/demo-tenant/seed';
import { demoEndpoints } from '../shared/demo/switches';
import type { CheckResult } from '../shared/contract/check';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARM_UP = 3;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const LOGIN = 'login.microsoftonline.com';
const EWS_HOST = 'outlook.office365.com';
const COMMAND =
  "unshare -n bash -c 'ip link set lo up && exec bash scripts/with-private-keyring.sh npx tsx bench/proxy.ts'";

let running: RunningWorld;
try {
  running = await startRehearsalWorld();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    /network namespace/.test(message)
      ? `bench/proxy.ts runs only in a network namespace with loopback alone, as root: ${COMMAND}`
      : `bench/proxy.ts: the rehearsal world did not start: ${message.split('\n')[0]}`,
  );
  process.exit(1);
}
const { world } = running;

/**
 * The bare client's agent: Node's https.Agent with keep-alive, each new connection a plain
 * CONNECT through the proxy and TLS over the tunnel, verified against `ca` parsed once.
 */
class TunnelAgent extends https.Agent {
  private readonly context: tls.SecureContext;

  constructor(
    private readonly proxy: URL,
    ca: string[],
  ) {
    super({ keepAlive: true });
    this.context = tls.createSecureContext({ ca });
  }

  override createConnection(
    options: http.ClientRequestArgs & { servername?: string },
    callback?: (error: Error | null, socket: Duplex) => void,
  ): undefined {
    const done = callback!;
    // Node's agent reads only the error when there is one.
    const fail = (error: Error) => (done as (error: Error) => void)(error);
    const target = `${options.host}:${options.port}`;
    const connect = http.request({
      host: this.proxy.hostname,
      port: Number(this.proxy.port),
      method: 'CONNECT',
      path: target,
      headers: { host: target },
    });
    connect.once('connect', (response: http.IncomingMessage, socket: net.Socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        fail(new Error(`CONNECT ${target}: HTTP ${response.statusCode}`));
        return;
      }
      const secure = tls.connect({
        socket,
        servername: options.servername ?? options.host ?? undefined,
        secureContext: this.context,
        minVersion: 'TLSv1.2',
      });
      done(null, secure);
    });
    connect.once('error', fail);
    connect.end();
    return undefined;
  }
}

/** DemoClients (the real msal-node and ews-javascript-api clients) over another agent. */
class AgentClients extends DemoClients {
  override readonly transport: TrustedTransport;

  constructor(tenant: ConstructorParameters<typeof DemoClients>[0], agent: http.Agent) {
    super(tenant);
    this.transport = createTrustedTransport({ agent, timeoutMs: 10_000 });
  }
}

/** New TCP connections to `port` (the proxy's), as every Node client opens them. */
function countConnectionsTo(port: () => number[]) {
  let count = 0;
  diagnostics.subscribe('net.client.socket', (message) => {
    const { socket } = message as { socket: net.Socket };
    socket.once('connect', () => {
      if (port().includes(socket.remotePort ?? 0)) count++;
    });
  });
  return () => count;
}

const median = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Case = { name: string; cold: () => Promise<void>; warm: () => Promise<void> };

const expectOk = (result: CheckResult) => {
  if (result.lines[0] !== 'OK!') throw new Error(result.lines.join('\n'));
};
const squid = new URL(world.proxies.plain);
const squidPort = Number(squid.port);
const connectionsToSquid = countConnectionsTo(() => [squidPort]);

const control = createDemoControlClient(world.tenant.control);
for (const endpoint of demoEndpoints) await control.setFault(endpoint, { latencyMs: LATENCY_MS });

// (b) first: the apps read HTTPS_PROXY when they connect, and each start sets the variables
// afresh; (b) follows its app setting, so (a)'s variables set last serve both.
const manual = await startRehearsalApp(
  { SSL_CERT_FILE: world.trust.demoCaPath },
  { proxy: 'manual', proxyAddress: world.proxies.plain },
);
const fromEnv = await startRehearsalApp({
  HTTPS_PROXY: world.proxies.plain,
  SSL_CERT_FILE: world.trust.demoCaPath,
});
const users = [DEMO_USERS.erpService, DEMO_USERS.recipient];
/** The app's Test as the dialog sends it; `user` signs in and sends (another account = cold). */
const appTest = (app: RehearsalApp, user: string) => async () =>
  expectOk(await app.check({ dialog: { ...app.input().dialog, userName: user, sender: user } }));
let turn = 0;
const nextUser = () => users[turn++ % 2]!;

const bare = new AgentClients(
  {
    caPem: world.tenant.control.caPem,
    authorityFor: (tenant) => `https://${LOGIN}/${tenant}`,
    knownAuthority: LOGIN,
    ewsUrl: `https://${EWS_HOST}${EWS_PATH}`,
  },
  new TunnelAgent(squid, [world.tenant.control.caPem]),
);
const bareToken = async (clients: DemoClients, tenantId: string) =>
  (await clients.publicClient(ROPC_APP_ID, tenantId).acquireTokenByUsernamePassword({
    scopes: [EWS_DELEGATED_SCOPE],
    username: DEMO_USERS.erpService,
    password: DEMO_PASSWORD,
  }))!.accessToken;
const bareSend = (clients: DemoClients, token: string) =>
  clients.send(clients.ews(token), DEMO_USERS.recipient, 'bench');

// (d): the app in Demo, straight to its own embedded demo tenant, and the bare clients to it.
const demo = await startCheckHarness({}, 10_000);
for (const endpoint of demoEndpoints)
  demo.tenant.state.setFault(endpoint, { latencyMs: LATENCY_MS });
const demoCheck = demo.newCheck();
const direct = new DemoClients(demo.tenant);
const demoTest = (user: string) => async () =>
  expectOk(
    await demoCheck.run(
      demo.input({ dialog: { ...demo.input().dialog, userName: user, sender: user } }),
    ),
  );

const bareTokenWarm = await bareToken(bare, world.tenant.tenantId);
const directTokenWarm = await bareToken(direct, demo.tenant.seed.tenantId);

const cases: Case[] = [
  {
    name: '(a) App, HTTPS_PROXY → squid',
    cold: () => appTest(fromEnv, nextUser())(),
    warm: appTest(fromEnv, DEMO_USERS.erpService),
  },
  {
    name: '(b) App, Network = Manual → same squid',
    cold: () => appTest(manual, nextUser())(),
    warm: appTest(manual, DEMO_USERS.erpService),
  },
  {
    name: '(c) Bare client → same squid',
    cold: async () => bareSend(bare, await bareToken(bare, world.tenant.tenantId)),
    warm: () => bareSend(bare, bareTokenWarm),
  },
  {
    name: '(d) App in Demo, direct (context)',
    cold: () => demoTest(nextUser())(),
    warm: demoTest(DEMO_USERS.erpService),
  },
  {
    name: 'Bare client, direct (context)',
    cold: async () => bareSend(direct, await bareToken(direct, demo.tenant.seed.tenantId)),
    warm: () => bareSend(direct, directTokenWarm),
  },
];

interface Tally {
  samples: number[];
  /** New connections to squid, and requests the world's tenant served, over the timed runs. */
  connections: number;
  requests: number;
}

const totalRequests = async () =>
  Object.values(await control.requestCounts()).reduce((sum, n) => sum + n, 0);

/** WARM_UP untimed rounds, then RUNS rounds, each running every case once in turn. */
async function measure(kind: 'cold' | 'warm'): Promise<Tally[]> {
  const tallies = cases.map(() => ({ samples: [] as number[], connections: 0, requests: 0 }));
  for (let round = 0; round < WARM_UP + RUNS; round++)
    for (const [i, c] of cases.entries()) {
      const [connections, requests] = [connectionsToSquid(), await totalRequests()];
      const start = performance.now();
      await c[kind]();
      const ms = performance.now() - start;
      if (round < WARM_UP) continue;
      const tally = tallies[i]!;
      tally.samples.push(ms);
      tally.connections += connectionsToSquid() - connections;
      tally.requests += (await totalRequests()) - requests;
    }
  return tallies;
}

const p95 = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1]!;
// The token of each warm case is cached by its first (warm-up) run.
const cold = await measure('cold');
const warm = await measure('warm');

const ms = (n: number) => `${n.toFixed(1)} ms`;
const perRun = (n: number) => (n / RUNS).toFixed(2);
console.log(
  `${LATENCY_MS} ms latency per demo-tenant request; medians (p95) of ${RUNS} rounds after ${WARM_UP} warm-up rounds`,
);
console.log(
  '| Case | Cold: discovery + token + send | Warm token: send only | New tunnels per Test, cold / warm | Tenant requests per Test, cold / warm |',
);
console.log('| --- | --- | --- | --- | --- |');
for (const [i, c] of cases.entries()) {
  const [k, w] = [cold[i]!, warm[i]!];
  const proxied = i < 3;
  console.log(
    `| ${c.name} | ${ms(median(k.samples))} (${ms(p95(k.samples))}) | ${ms(median(w.samples))} (${ms(p95(w.samples))}) | ${proxied ? `${perRun(k.connections)} / ${perRun(w.connections)}` : '-'} | ${proxied ? `${perRun(k.requests)} / ${perRun(w.requests)}` : '-'} |`,
  );
}
const ratio = (i: number, kind: Tally[]) =>
  (median(kind[i]!.samples) / median(kind[2]!.samples)).toFixed(3);
console.log(`\nRatio (a)/(c): cold ${ratio(0, cold)}, warm ${ratio(0, warm)}`);
console.log(`Ratio (b)/(c): cold ${ratio(1, cold)}, warm ${ratio(1, warm)}`);
console.log(
  `squid's own hop, warm (bare through squid less bare direct): ${ms(median(warm[2]!.samples) - median(warm[4]!.samples))}`,
);
console.log(
  `Tunnels opened through squid in the whole run, warm-up included: ${connectionsToSquid()} (one per host per client: the rest rode pooled connections)`,
);
console.log(
  "Cold through squid is token + send: msal-node knows login.microsoftonline.com's endpoints itself; the demo tenant direct is also asked for its OpenID configuration.",
);
await fromEnv.close();
await manual.close();
await demo.close();
await running.stop();
