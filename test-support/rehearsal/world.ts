import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MICROSOFT_HOSTS, startDemoTenant } from '../../electron/demo-tenant/index';
import { LOOPBACK } from '../servers/local-process';
import { startMitmproxy } from '../servers/mitmproxy';
import { startSquid } from '../servers/squid';

export const PROXY_CREDENTIALS = { user: 'erp-proxy', password: 'p@ss:w0rd/!' } as const;

/** Everything a rehearsal test needs to reach the world; plain data, so it crosses processes. */
export interface RehearsalWorld {
  tenant: {
    /** `https://login.microsoftonline.com` and so on: only the proxies can reach them. */
    loginOrigin: string;
    /** The tenant's control API, reachable directly on loopback (tests set up state with it). */
    control: { url: string; token: string; caPem: string };
    tenantId: string;
    smtp: { host: string; starttlsPort: number };
  };
  trust: {
    /** PEM file of the demo tenant's CA: SSL_CERT_FILE for the runs through squid. */
    demoCaPath: string;
    /** PEM file of mitmproxy's CA: SSL_CERT_FILE for the runs through mitmproxy. */
    mitmCaPath: string;
  };
  proxies: {
    /** squid without authentication; CONNECT to 443 only, as shipped. */
    plain: string;
    /** squid without authentication that also lets CONNECT reach 587. */
    plainWith587: string;
    /** squid asking for Basic credentials; CONNECT to 443 and 587. */
    authenticated: { url: string; user: string; password: string };
    /** mitmproxy chained to `plain`, re-signing every certificate with its own CA. */
    mitm: string;
  };
}

export interface RunningWorld {
  world: RehearsalWorld;
  stop(): Promise<void>;
}

/**
 * The rehearsal binds 443 and 587 and relies on Microsoft's names not resolving: on a machine
 * with a real network it would clash with local servers and, worse, could reach Microsoft.
 */
function assertIsolated(): void {
  const outside = Object.keys(os.networkInterfaces()).filter((name) => name !== 'lo');
  if (outside.length > 0)
    throw new Error(
      `The Microsoft 365 rehearsal runs only in a network namespace with loopback alone (found ${outside.join(', ')}); ` +
        'run it through scripts/test.sh --rehearsal.',
    );
}

/** Runs `start` steps in order, stopping what already started if a later one fails. */
async function startAll(
  stops: (() => Promise<void>)[],
  build: (keep: <T extends { stop(): Promise<void> }>(part: T) => T) => Promise<RehearsalWorld>,
): Promise<RehearsalWorld> {
  try {
    return await build((part) => {
      stops.push(() => part.stop());
      return part;
    });
  } catch (error) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw error;
  }
}

/**
 * Starts the Microsoft 365 rehearsal's world: the demo tenant under Microsoft's names on
 * 127.0.0.1:443 (SMTP STARTTLS on 587) and the proxies between the app and it.
 */
export async function startRehearsalWorld(): Promise<RunningWorld> {
  assertIsolated();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-'));
  fs.chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [
    async () => fs.rmSync(dir, { recursive: true, force: true }),
  ];
  const hosts = Object.fromEntries(MICROSOFT_HOSTS.map((name) => [name, LOOPBACK]));
  const world = await startAll(stops, async (keep) => {
    const tenant = await startDemoTenant({ port: 443, smtpStarttlsPort: 587 });
    stops.push(() => tenant.close());
    const demoCaPath = path.join(dir, 'demo-ca.pem');
    fs.writeFileSync(demoCaPath, tenant.caPem, { mode: 0o644 });
    const [plain, plainWith587, authenticated] = await Promise.all([
      startSquid({ hosts }).then(keep),
      startSquid({ hosts, connectPorts: [443, 587] }).then(keep),
      startSquid({ hosts, connectPorts: [443, 587], basicAuth: PROXY_CREDENTIALS }).then(keep),
    ]);
    const mitm = keep(await startMitmproxy({ upstream: plain.url, upstreamTrustPem: demoCaPath }));
    return {
      tenant: {
        loginOrigin: 'https://login.microsoftonline.com',
        control: { url: tenant.control.url, token: tenant.control.token, caPem: tenant.caPem },
        tenantId: tenant.seed.tenantId,
        smtp: { host: 'smtp.office365.com', starttlsPort: 587 },
      },
      trust: { demoCaPath, mitmCaPath: mitm.caPemPath },
      proxies: {
        plain: plain.url,
        plainWith587: plainWith587.url,
        authenticated: { url: authenticated.url, ...PROXY_CREDENTIALS },
        mitm: mitm.url,
      },
    };
  });
  return {
    world,
    async stop() {
      await Promise.allSettled(stops.map((stop) => stop()));
    },
  };
}

/** The environment variable the Playwright rehearsal hands the world to its workers in. */
export const WORLD_ENV = 'ERP_REHEARSAL_WORLD';

/** The world as the Playwright rehearsal's global setup left it for the tests. */
export function rehearsalWorldFromEnv(): RehearsalWorld {
  const json = process.env[WORLD_ENV];
  if (!json) throw new Error(`${WORLD_ENV} is unset: run with playwright.rehearsal.config.ts.`);
  return JSON.parse(json) as RehearsalWorld;
}
